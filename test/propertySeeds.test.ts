import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TEST = fileURLToPath(new URL('./', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The text of each `fc.assert(…)` / `fc.check(…)` call, with its line, by matching parentheses. */
function propertyCalls(source: string): { line: number; text: string }[] {
  const calls: { line: number; text: string }[] = [];
  for (const match of source.matchAll(/fc\.(?:assert|check)\(/g)) {
    let depth = 0;
    let end = match.index;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    calls.push({ line: source.slice(0, match.index).split('\n').length, text: source.slice(match.index, end + 1) });
  }
  return calls;
}

describe('property tests', () => {
  it('each fc.assert / fc.check names its seed (directly or through a parameters object)', () => {
    const self = fileURLToPath(import.meta.url);
    const calls = testFiles(TEST)
      .filter((file) => file !== self)
      .flatMap((file) => propertyCalls(readFileSync(file, 'utf8')).map((c) => ({ ...c, file: relative(TEST, file) })));
    expect(calls.length).toBeGreaterThan(30);
    const unseeded = calls.filter((c) => !/\bseed\b|\bparams\b/.test(c.text)).map((c) => `${c.file}:${c.line}`);
    expect(unseeded, `properties without a fixed seed:\n${unseeded.join('\n')}`).toEqual([]);
  });
});
