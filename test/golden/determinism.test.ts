import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/run.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';

const SCENARIO = new URL('./golden-scenario.json', import.meta.url).pathname;
import { CLI } from '../fixtures/cli.ts';

/**
 * The pinned event-log hash of golden-scenario.json at its own seed. A change here is a deliberate
 * re-baseline: say in the commit which behaviour changed and why.
 */
const GOLDEN_HASH = '6b996f9a9ec9bd945300f96e9556d766edf2ba837f33f4f36d44d126d868a00f';

const scenario = (): ScenarioInput => JSON.parse(readFileSync(SCENARIO, 'utf8')) as ScenarioInput;

describe('determinism', () => {
  it('gives the pinned event-log hash for the golden scenario', () => {
    const report = runSimulation(scenario(), { wallClock: false });
    expect(report.eventsProcessed).toBeGreaterThan(1000);
    expect(report.eventLogHash).toBe(GOLDEN_HASH);
  });

  it('gives byte-identical report and event log in two separate processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-golden-'));
    const outputs = ['a', 'b'].map((name) => {
      const out = join(dir, name);
      const result = spawnSync(
        process.execPath,
        [...CLI, 'run', SCENARIO, '--out', out, '--event-log', '--no-wall-time', '--quiet'],
        { encoding: 'utf8' },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return { report: readFileSync(join(out, 'report.json')), log: readFileSync(join(out, 'events.jsonl')) };
    });
    const [a, b] = outputs as [(typeof outputs)[0], (typeof outputs)[0]];
    expect(a.report.equals(b.report)).toBe(true);
    expect(a.log.equals(b.log)).toBe(true);
    expect(JSON.parse(a.report.toString()).eventLogHash).toBe(GOLDEN_HASH);
  });

  it('gives a different hash for a different seed', () => {
    const report = runSimulation(scenario(), { wallClock: false, seed: 43 });
    expect(report.eventLogHash).not.toBe(GOLDEN_HASH);
    expect(report.seed).toBe(43);
  });
});
