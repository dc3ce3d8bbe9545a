import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as resources from '../../src/core/cluster/resources.ts';
import * as time from '../../src/core/kernel/time.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every .ts file under src/, except the index.ts files (they only re-export). */
function sourceFiles(dir: string = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && entry.name !== 'index.ts') out.push(path);
  }
  return out.sort();
}

const EXPORT = /^export (?:declare )?(?:abstract )?(?:async )?(function|const|class|interface|type|enum) (\w+)/;

/**
 * The TSDoc block directly above line `index` (decorator lines in between are allowed, blank lines
 * are not), or undefined when there is none.
 */
function docBlockAbove(lines: readonly string[], index: number): string | undefined {
  let end = index - 1;
  while (end >= 0 && (lines[end] ?? '').trim().startsWith('@')) end--;
  if (end < 0 || !(lines[end] ?? '').trim().endsWith('*/')) return undefined;
  let start = end;
  while (start >= 0 && !(lines[start] ?? '').includes('/**')) start--;
  if (start < 0) return undefined;
  return lines.slice(start, end + 1).join('\n');
}

describe('TSDoc @example on every export of src/', () => {
  const files = sourceFiles();

  it('finds the source files and their exports', () => {
    expect(files.length).toBeGreaterThan(10);
    const exports = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => EXPORT.test(l)),
    );
    expect(exports.length).toBeGreaterThan(100);
  });

  it('every exported function, const, class, interface, type and enum has a TSDoc block with @example', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const match = EXPORT.exec(line);
        if (match === null) return;
        const where = `${relative(ROOT, file)}:${i + 1} ${match[2]}`;
        const block = docBlockAbove(lines, i);
        if (block === undefined) offenders.push(`${where} (no TSDoc comment)`);
        else if (!block.includes('@example')) offenders.push(`${where} (no @example)`);
      });
    }
    expect(offenders, `exports without a TSDoc @example:\n${offenders.join('\n')}`).toEqual([]);
  });
});

/** The ```ts blocks of the TSDoc comments in a source file, with the comment's ` * ` prefix removed. */
function tsExamples(source: string): { line: number; code: string[] }[] {
  const blocks: { line: number; code: string[] }[] = [];
  const lines = source.split('\n');
  let current: { line: number; code: string[] } | undefined;
  lines.forEach((raw, i) => {
    const text = raw.replace(/^\s*\* ?/, '');
    if (current === undefined) {
      if (/^\s*\*\s*```ts\s*$/.test(raw)) current = { line: i + 2, code: [] };
    } else if (/^\s*```\s*$/.test(text)) {
      blocks.push(current);
      current = undefined;
    } else current.code.push(text);
  });
  return blocks;
}

/** `call(args); // value` where value is a literal (number, string, boolean, undefined, null, object or array). */
const CHECKED_LINE = /^(\w+\(.*\));\s*\/\/\s*(-?[\d_.]+|"[^"]*"|'[^']*'|true|false|null|undefined|\{.*\}|\[.*\])\s*$/;

describe('the examples of resources.ts and time.ts compute what their comments say', () => {
  const modules: [string, Record<string, unknown>][] = [
    ['core/cluster/resources.ts', resources],
    ['core/kernel/time.ts', time],
  ];

  for (const [path, namespace] of modules) {
    it(`src/${path}`, () => {
      const names = Object.keys(namespace);
      const values = names.map((n) => namespace[n]);
      let checked = 0;
      for (const block of tsExamples(readFileSync(join(SRC, path), 'utf8'))) {
        // Run the whole block (earlier lines may define values later ones use), turning each
        // `call(args); // value` line into an equality check.
        const program: string[] = [];
        block.code.forEach((line, offset) => {
          if (/^\s*import\s/.test(line)) return;
          const match = CHECKED_LINE.exec(line.trim());
          if (match === null) {
            // Drop a simple type annotation (`const x: T = …`) so the line is plain JavaScript.
            program.push(line.replace(/^(\s*(?:const|let)\s+\w+)\s*:\s*[^=]+=/, '$1 ='));
            return;
          }
          const [, call, expected] = match;
          checked++;
          program.push(
            `__check(${call}, (${expected}), ${JSON.stringify(`src/${path}:${block.line + offset}: ${call}`)});`,
          );
        });
        const check = (actual: unknown, expected: unknown, where: string): void => {
          expect(actual, where).toEqual(expected);
        };
        // eslint-disable-next-line @typescript-eslint/no-implied-eval
        new Function(...names, '__check', program.join('\n'))(...values, check);
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
