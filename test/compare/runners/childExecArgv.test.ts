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

  it("adds tsx's loader only for the TypeScript sources: the one this process has, else tsx", () => {
    const underTsx = [
      '--require',
      '/r/node_modules/tsx/dist/preflight.cjs',
      '--import',
      'file:///r/node_modules/tsx/dist/loader.mjs',
    ];
    expect(childExecArgv(underTsx, true)).toEqual(['--import', 'file:///r/node_modules/tsx/dist/loader.mjs']);
    expect(childExecArgv(['--import=tsx', '--no-warnings'], true)).toEqual(['--no-warnings', '--import', 'tsx']);
    expect(childExecArgv(['--import', '/r/other-loader.mjs'], true)).toEqual(['--import', 'tsx']);
    expect(childExecArgv([], true)).toEqual(['--import', 'tsx']);
    expect(childExecArgv(underTsx, false)).toEqual([]);
  });
});
