import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/scenario/issues.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { SweepInputError } from '../../src/sweep/errors.ts';
import { loadSweepFile } from '../../src/sweep/loadSweepFile.ts';
import { tinyScenario } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'clustersim-sweep-file-'));
writeFileSync(join(dir, 'base.json'), JSON.stringify(tinyScenario(), null, 2));
const registry = createDefaultRegistry();

/** Writes a sweep file and returns the lines of the error loading it gives. */
function errorsOf(name: string, text: string): string[] {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    loadSweepFile(file, registry);
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof SweepInputError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('loadSweepFile', () => {
  it('reads the base scenario relative to the sweep file and gives the spec', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(
      file,
      JSON.stringify({
        scenario: 'base.json',
        grid: [{ path: 'master.allocationInterval', values: [1, 5] }],
        seeds: [3, 4],
      }),
    );
    const spec = loadSweepFile(file, registry);
    expect(spec.scenario).toEqual(tinyScenario());
    expect(spec.grid).toEqual([{ path: 'master.allocationInterval', values: [1, 5] }]);
    expect(spec.seeds).toEqual([3, 4]);
  });

  it('names file, line, column and JSON path of each problem, in the sweep file', () => {
    const text = [
      '{',
      '  "scenario": "base.json",',
      '  "grid": [{ "path": "master.allocationInterval", "values": ["1s", -3] }],',
      '  "metrics": ["cpuAllocated", "waits"]',
      '}',
    ].join('\n');
    const file = join(dir, 'bad-values.json');
    expect(errorsOf('bad-values.json', text)).toEqual([
      expect.stringMatching(
        new RegExp(`^${file}:4:31: \\$\\.metrics\\[1\\]: unknown metric "waits"; known: cpuAllocated`),
      ),
    ]);
    const values = text.replace(', "waits"', '');
    expect(errorsOf('bad-values.json', values)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}:3:68: \\$\\.grid\\[0\\]\\.values\\[1\\]: with master\\.allocationInterval = -3 \\(variant "static"\\): \\$\\.master\\.allocationInterval: `,
        ),
      ),
    ]);
  });

  it('checks the shape of the sweep file with zod, listing what is accepted', () => {
    expect(
      errorsOf('shape.json', '{\n  "scenario": "base.json",\n  "grid": [],\n  "seed": 1.5,\n  "extra": 1\n}'),
    ).toEqual([
      expect.stringMatching(
        /shape\.json:3:3: \$\.grid: a sweep needs at least one grid parameter \(to compare variants only, use clustersim compare\)$/,
      ),
      expect.stringMatching(/shape\.json:4:3: \$\.seed: a seed is a whole number or a non-empty text$/),
      expect.stringMatching(
        /shape\.json:5:3: \$\.extra: unknown field "extra"; accepted fields: \$schema, name, description, scenario, grid, variants, seeds, seed, metrics, commonSeeds$/,
      ),
    ]);
    expect(errorsOf('json.json', '{ "scenario": "base.json", }')).toEqual([
      expect.stringMatching(/json\.json:1:28: \$: malformed JSON/),
    ]);
  });

  it('points at "scenario" when the base scenario cannot be read, and at the scenario file for its own problems', () => {
    expect(
      errorsOf('missing.json', '{\n  "scenario": "nope.json",\n  "grid": [{ "path": "seed2", "values": [1] }]\n}'),
    ).toEqual([
      expect.stringMatching(
        /missing\.json:2:3: \$\.scenario: cannot read the base scenario .*nope\.json: no such file$/,
      ),
    ]);
    writeFileSync(join(dir, 'broken.json'), '{\n  "horizon": "1h"\n}');
    expect(
      errorsOf('broken-base.json', '{ "scenario": "broken.json", "grid": [{ "path": "seed2", "values": [1] }] }'),
    ).toEqual([
      expect.stringMatching(/broken\.json:1:1: \$\.topology: /),
      expect.stringMatching(/broken\.json:1:1: \$\.allocator: /),
      expect.stringMatching(/broken\.json:1:1: \$\.frameworks: /),
    ]);
    expect(errorsOf('nothing.json', '')).toEqual([
      expect.stringMatching(/nothing\.json:1:1: \$: malformed JSON: value expected/),
    ]);
    expect(() => loadSweepFile(join(dir, 'absent.json'), registry)).toThrow(
      `cannot read sweep file ${join(dir, 'absent.json')}: no such file`,
    );
  });
});
