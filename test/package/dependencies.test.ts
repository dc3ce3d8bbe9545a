import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|js|mjs)$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** The packages a set of files imports or resolves at run time (comments left out; node: builtins and self-references too). */
function packagesUsedBy(dirs: readonly string[]): Set<string> {
  const used = new Set<string>();
  for (const file of dirs.flatMap(files)) {
    const code = readFileSync(join(ROOT, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?:from |import\(|resolve\()'([^.'/][^']*)'/g)) {
      const spec = m[1] as string;
      if (!/^(@[\w.-]+\/)?[\w.-]+(\/[\w./-]+)?$/.test(spec)) continue; // not a package name (e.g. inside a regular expression)
      if (spec.startsWith('node:') || spec === 'clustersim' || spec.startsWith('clustersim/')) continue;
      used.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string));
    }
  }
  return used;
}

describe('dependencies', () => {
  it('are exactly the packages the library imports at run time', () => {
    expect([...packagesUsedBy(['src'])].sort()).toEqual(Object.keys(pkg.dependencies).sort());
  });

  it('cover what the tests, benches, examples and notebooks import (runtime or development)', () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)]);
    const undeclared = [...packagesUsedBy(['test', 'bench', 'examples', 'notebooks', 'bin'])]
      .filter((p) => !declared.has(p))
      .sort();
    expect(undeclared).toEqual([]);
  });
});
