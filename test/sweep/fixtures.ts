import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { twoTeams } from '../compare/fixtures.ts';
import type { SweepSpec } from '../../src/sweep/spec.ts';

/** The two-team scenario cut to 10 simulated minutes: a run takes a fraction of a second. */
export function tinyScenario(): Record<string, unknown> {
  return { ...twoTeams(), horizon: '10m' };
}

/** 2 allocation intervals × 2 variants × `seeds` replications on {@link tinyScenario}. */
export function tinySweep(seeds = 2, extra: Partial<SweepSpec> = {}): SweepSpec {
  return {
    scenario: tinyScenario(),
    grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
    seeds,
    metrics: ['cpuAllocated', 'p95Wait'],
    ...extra,
  };
}

/**
 * Writes two SWF traces into `dir`: `good.swf` (three rows of the KTH SP2 trace) and `bad.swf`,
 * whose second row does not parse, so that a run reading it throws.
 */
export function writeSwfTraces(dir: string): { readonly good: string; readonly bad: string } {
  const trace = readFileSync(
    new URL('../fixtures/traces/swf/KTH-SP2-1996-2.1-cln.head300.swf', import.meta.url),
    'utf8',
  ).split('\n');
  const header = trace.filter((l) => l.startsWith(';'));
  const rows = trace.filter((l) => !l.startsWith(';') && l.trim() !== '');
  const good = join(dir, 'good.swf');
  const bad = join(dir, 'bad.swf');
  writeFileSync(good, [...header, ...rows.slice(0, 3), ''].join('\n'));
  writeFileSync(bad, [...header, rows[0], '   2   not a row', ''].join('\n'));
  return { good, bad };
}
