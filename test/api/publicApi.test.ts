import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORT = join(ROOT, 'api', 'public-api.md');

interface PackageJson {
  readonly exports: Record<string, string | { readonly import: string }>;
}

/** Each entry point of package.json with the source index it is built from. */
function entryPoints(): { entry: string; source: string }[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  return Object.entries(pkg.exports)
    .filter((e): e is [string, { import: string }] => typeof e[1] === 'object')
    .map(([entry, target]) => ({ entry: entry === '.' ? 'clustersim' : `clustersim/${entry.slice(2)}`, source: join(ROOT, target.import.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts')) }));
}

const DECLARATION = /^export (?:declare )?(?:abstract )?(?:async )?(function|const|class|interface|type|enum) (\w+)/gm;

/** The names a source file exports, `type ` before the type-only ones, following re-exports. */
function exportedNames(file: string): string[] {
  const source = readFileSync(file, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
  const names: string[] = [];
  for (const m of source.matchAll(/^export (type )?\{([^}]*)\} from '([^']+)';/gm)) {
    for (const part of (m[2] as string).split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const typeOnly = m[1] !== undefined || part.startsWith('type ');
      const name = part.replace(/^type /, '').split(/\s+as\s+/).at(-1) as string;
      names.push(`${typeOnly ? 'type ' : ''}${name}`);
    }
  }
  for (const m of source.matchAll(/^export type \* from '([^']+)';/gm)) {
    const target = join(dirname(file), m[1] as string);
    for (const d of readFileSync(target, 'utf8').matchAll(DECLARATION)) names.push(`type ${d[2] as string}`);
  }
  for (const d of source.matchAll(DECLARATION)) names.push(`${d[1] === 'interface' || d[1] === 'type' ? 'type ' : ''}${d[2] as string}`);
  // Sorted by name, case-folded, by code points (no locale, so the same everywhere).
  const key = (n: string): string => `${n.replace(/^type /, '').toLowerCase()}\u0000${n}`;
  return [...new Set(names)].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function apiReport(): string {
  const sections = entryPoints().map(({ entry, source }) => {
    const names = exportedNames(source);
    return `## ${entry}\n\nFrom \`${relative(ROOT, source)}\`, ${names.length} names.\n\n${names.map((n) => `- \`${n}\``).join('\n')}\n`;
  });
  return `# Public API of clustersim\n\nEvery name each entry point exports (\`type\`: a type only). A test compares this file with the\nsources: a change of the public surface must change this file too (\`npm run api:update\`).\n\n${sections.join('\n')}`;
}

describe('the public API', () => {
  const report = apiReport();
  if (process.env['UPDATE_API_REPORT'] === '1') writeFileSync(REPORT, report);

  it('is exactly the committed API report (api/public-api.md)', () => {
    expect(report).toBe(readFileSync(REPORT, 'utf8'));
  });

  it('lists every runtime export of every entry point, and no entry point exports a name the report lacks', async () => {
    for (const { entry, source } of entryPoints()) {
      const listed = new Set(exportedNames(source).filter((n) => !n.startsWith('type ')));
      const actual = Object.keys((await import(source)) as object).sort();
      expect(actual, entry).toEqual([...listed].sort());
    }
  });

  it('keeps the root small and the mechanism out of it', () => {
    const root = exportedNames(join(ROOT, 'src', 'index.ts'));
    for (const name of ['runSimulation', 'compare', 'defineScenario', 'createDefaultRegistry', 'type RunReport', 'type ComparisonReport', 'type ScenarioInput']) expect(root).toContain(name);
    for (const internal of ['simulate', 'createEventQueue', 'createMachineLedger', 'resolveScenario', 'scenarioSchema']) expect(root).not.toContain(internal);
  });
});
