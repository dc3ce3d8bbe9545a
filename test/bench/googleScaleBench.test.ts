import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGoogleTrace } from '../../bench/googleTraceGenerator.ts';
import { buildTopology } from '../../src/core/cluster/topology.ts';
import { createRng } from '../../src/core/kernel/rng.ts';
import { GOOGLE_2011_WINDOW_START } from '../../src/workloads/traces/google2011Events.ts';
import { google2011Workload } from '../../src/workloads/traces/google2011.ts';

const dir = mkdtempSync(join(tmpdir(), 'clustersim-google-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the generated Google 2011 trace', () => {
  it('is read whole by the google-2011 source: every row, one arrival per job, one task per SUBMIT', () => {
    const file = join(dir, 'hour.csv');
    const until = GOOGLE_2011_WINDOW_START + 3_600_000_000;
    const written = writeGoogleTrace(file, Infinity, 3, { untilMicros: until, meanJobIntervalMicros: 30_000_000 });
    // What the file holds, counted from its text.
    const rows = readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.split(','));
    expect(rows.length).toBe(written.rows);
    expect(rows.every((r) => r.length === 13)).toBe(true);
    const times = rows.map((r) => Number(r[0]));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(Math.max(...times)).toBeLessThan(until);
    const submits = rows.filter((r) => r[5] === '0');
    const ended = new Set(rows.filter((r) => r[5] === '3' || r[5] === '4').map((r) => `${r[2]}/${r[3]}`));
    const jobs = new Set(submits.map((r) => r[2]));
    expect(submits.length).toBe(written.tasks);
    expect(jobs.size).toBeGreaterThan(50);

    const source = google2011Workload.create(google2011Workload.options.parse({ file }), {
      rng: createRng(1),
      topology: buildTopology(['r1'], [{ class: 'm', count: 1, resources: { cpus: 32, mem: 65536 } }]),
      horizon: Number.MAX_SAFE_INTEGER,
      frameworkId: 'batch',
      jobIdPrefix: 'g',
      skipBadRows: false,
    });
    let arrivals = 0;
    let tasks = 0;
    for (let a = source.next(); a !== undefined; a = source.next()) {
      arrivals++;
      tasks += a.job.tasks.length;
    }
    const stats = source.stats();
    expect(stats).toMatchObject({ rows: written.rows, skippedRows: 0, noResources: 0, orphanEvents: 0, neverRan: 0 });
    expect(arrivals).toBe(jobs.size);
    expect(tasks).toBe(submits.length);
    // Tasks with no FINISH or FAIL row before the end run until it.
    expect(stats.unfinished).toBe(submits.filter((r) => !ended.has(`${r[2]}/${r[3]}`)).length);
    expect(stats.unfinished).toBeGreaterThan(0);
  });
});

describe('bench google-scale --quick', () => {
  it('replays its prefixes and the whole small trace, and prints the table and the targets', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'bench/run.ts', '--only', 'google-scale', '--quick'], {
      cwd: new URL('../../', import.meta.url),
      timeout: 170_000,
    });
    expect(stdout).toContain('## google-scale');
    expect(stdout).toMatch(/simulated +tasks replayed +of trace +events +records +wall +events\/s +tasks\/s/);
    // The prefixes of 10 and 30 minutes and the whole 2-hour trace, each with its share of the trace's tasks.
    expect(stdout).toMatch(/^10 min +[\d,]+ +[\d.]+%/m);
    expect(stdout).toMatch(/^30 min +[\d,]+ +[\d.]+%/m);
    expect(stdout).toMatch(/^2 h +[\d,]+ +100\.000%/m);
    expect(stdout).toMatch(/memory through the 2 h run \(RSS \/ V8 heap used, MiB\): 12 min: [\d,]+ \/ [\d,]+/);
    expect(stdout).toContain('(target < 30 min, flat memory)');
  }, 180_000);
});
