import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoolExecutor } from '../../src/compare/runners/executor.ts';
import { runTask, type RunTask } from '../../src/compare/runners/runTask.ts';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { runSimulation } from '../../src/run.ts';
import { CLI } from '../fixtures/cli.ts';

const GOLDEN = new URL('./golden-scenario.json', import.meta.url).pathname;
const RACK_FAILURE = new URL('../../examples/rack-failure.json', import.meta.url).pathname;
const read = (file: string): ScenarioInput => JSON.parse(readFileSync(file, 'utf8')) as ScenarioInput;

/** The report and event log of a run in this process, as the CLI writes them. */
function inProcess(): { report: string; log: string } {
  const chunks: string[] = [];
  const report = runSimulation(read(GOLDEN), { wallClock: false, eventLogSink: (c) => chunks.push(c) });
  return { report: `${JSON.stringify(report, null, 2)}\n`, log: chunks.join('') };
}

/** Time zones and locales that change how dates, numbers and case are written when code uses them. */
const ENVIRONMENTS: readonly Record<string, string>[] = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Asia/Kathmandu', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
  { TZ: 'America/St_Johns', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
  { TZ: 'Pacific/Chatham', LANG: 'ar_EG.UTF-8', LC_ALL: 'ar_EG.UTF-8' },
];

describe('determinism across environments', () => {
  const expected = inProcess();

  it('gives byte-identical report.json and events.jsonl in separate processes under other time zones and locales', () => {
    expect(expected.log.split('\n').length).toBeGreaterThan(1000);
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-env-'));
    ENVIRONMENTS.forEach((env, i) => {
      const out = join(dir, String(i));
      const result = spawnSync(
        process.execPath,
        [...CLI, 'run', GOLDEN, '--out', out, '--event-log', '--no-wall-time', '--quiet'],
        { encoding: 'utf8', env: { ...process.env, ...env } },
      );
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(expected.report);
      expect(readFileSync(join(out, 'events.jsonl'), 'utf8')).toBe(expected.log);
    });
  }, 600_000);

  const pool = createPoolExecutor(2);
  afterAll(() => pool.close());

  it('gives the same reports in worker threads, two at a time, as in this thread', async () => {
    const tasks: RunTask[] = [
      { input: read(GOLDEN), variant: null, seed: 42, skipBadRows: false },
      { input: read(GOLDEN), variant: null, seed: 43, skipBadRows: false },
      { input: read(RACK_FAILURE), variant: 'static', seed: 7, skipBadRows: false },
      { input: read(RACK_FAILURE), variant: 'shared', seed: 7, skipBadRows: false },
    ];
    const registry = createDefaultRegistry();
    const here = tasks.map((task) => JSON.stringify(runTask(task, registry)));
    const there = (await Promise.all(tasks.map((task) => pool.run(task)))).map((r) => JSON.stringify(r));
    expect(there).toEqual(here);
    // Four different runs (so equal lists are not one report repeated), one of them the CLI's.
    expect(new Set(here.map((r) => (JSON.parse(r) as { eventLogHash: string }).eventLogHash)).size).toBe(4);
    expect(there).toContain(JSON.stringify(JSON.parse(expected.report)));
  }, 600_000);
});
