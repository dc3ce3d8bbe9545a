import { describe, expect, it } from 'vitest';
import { childExecArgv } from '../../../src/compare/runners/childExecArgv.ts';

describe('childExecArgv', () => {
  it("keeps this process's heap and V8 flags and drops what would run other code or clash", () => {
    expect(
      childExecArgv(
        [
          '--max-old-space-size=4096',
          '--require',
          '/x/tsx/dist/preflight.cjs',
          '--import',
          'file:///x/tsx/dist/loader.mjs',
          '--stack-size=2000',
          '--eval',
          'console.log(1)',
          '--inspect=9229',
          '--cpu-prof',
          '--cpu-prof-dir',
          '/tmp/prof',
          '--import=other',
          '-e',
          'x',
          '--no-warnings',
        ],
        false,
      ),
    ).toEqual(['--max-old-space-size=4096', '--stack-size=2000', '--no-warnings']);
  });

  it("adds tsx's loader, as an absolute URL, only for the TypeScript sources", () => {
    const flags = childExecArgv(['--import', 'tsx'], true);
    expect(flags).toHaveLength(2);
    expect(flags[0]).toBe('--import');
    expect(flags[1]).toMatch(/^file:\/\/\/.*\/tsx\/dist\/loader\.mjs$/);
    expect(childExecArgv([], false)).toEqual([]);
  });
});
