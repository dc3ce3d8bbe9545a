import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SweepInputError, SweepInterruptedError } from '../../src/sweep/errors.ts';
import { storedKeys } from '../../src/sweep/store.ts';
import { sweep } from '../../src/sweep/sweep.ts';
import type { RunPool } from '../../src/compare/runners/runPool.ts';
import { tinySweep, writeSwfTraces } from './fixtures.ts';
import { runProcessesOf } from './runProcesses.ts';

const root = mkdtempSync(join(tmpdir(), 'clustersim-sweep-pool-'));
const spec = tinySweep(3);
// The reference: every run one after another in this thread.
const reference = await sweep(spec);

describe('sweep on a pool of run processes', () => {
  it.each<RunPool>(['processes', 'threads'])(
    'gives the same table on 2 workers in %s as in this thread, and leaves no run process behind',
    { timeout: 120_000 },
    async (pool) => {
      const pooled = await sweep(spec, { workers: 2, pool });
      expect(pooled.runs).toBe(12);
      expect(pooled.failures).toEqual([]);
      expect(JSON.stringify(pooled.rows)).toBe(JSON.stringify(reference.rows));
      expect(JSON.stringify(pooled.summary)).toBe(JSON.stringify(reference.summary));
      expect(runProcessesOf(process.pid)).toEqual([]);
    },
  );

  it('refuses a pool it does not know, naming the ones it does', async () => {
    await expect(sweep(spec, { workers: 2, pool: 'cluster' as RunPool })).rejects.toThrow(SweepInputError);
    await expect(sweep(spec, { workers: 2, pool: 'cluster' as RunPool })).rejects.toThrow(
      'pool must be "threads" or "processes", got "cluster"',
    );
  });

  it(
    'reports a run that throws in its process with the error, and goes on with the others',
    { timeout: 120_000 },
    async () => {
      const { good, bad } = writeSwfTraces(root);
      const result = await sweep(
        {
          scenario: {
            name: 'swf',
            horizon: '10m',
            topology: { machines: [{ class: 'std', count: 2, resources: { cpus: 64, mem: 16384 } }] },
            allocator: { policy: 'drf' },
            frameworks: [{ id: 'a', scheduler: 'rigid-batch' }],
            workloads: [{ generator: 'swf', framework: 'a', options: { file: good } }],
          },
          grid: [{ path: 'workloads[0].options.file', values: [bad, good] }],
          seeds: 2,
        },
        { workers: 2, pool: 'processes' },
      );
      expect(result.failures.map((f) => [f.index, f.replication])).toEqual([
        [0, 0],
        [1, 1],
      ]);
      for (const failure of result.failures) expect(failure.error).toMatch(/bad\.swf:\d+: expected 18 fields/);
      expect(result.missing).toBe(2);
      expect(new Set(result.rows.map((r) => r.values['workloads[0].options.file']))).toEqual(new Set([good]));
    },
  );

  it(
    'reports the runs of a process that dies as failed, finishes the others on new processes, and a rerun completes the sweep',
    { timeout: 180_000 },
    async () => {
      const dir = join(root, 'killed-child');
      let killed: number[] = [];
      const result = await sweep(spec, {
        workers: 2,
        pool: 'processes',
        dir,
        onProgress: (p) => {
          // Once a run has finished (the processes are up), the first time two runs are in flight: kill both processes.
          if (p.done >= 1 && p.running === 2 && killed.length === 0) {
            killed = runProcessesOf(process.pid);
            for (const pid of killed) process.kill(pid, 'SIGKILL');
          }
        },
      });
      expect(killed).toHaveLength(2);
      expect(result.failures.length).toBeGreaterThanOrEqual(1);
      expect(result.failures.length).toBeLessThanOrEqual(2);
      for (const failure of result.failures)
        expect(failure.error).toMatch(/^the run's process \(pid \d+\) ended by signal SIGKILL$/);
      expect(result.runs - result.missing).toBe(12 - result.failures.length);
      expect(storedKeys(dir)).toHaveLength(12 - result.failures.length);
      expect(runProcessesOf(process.pid)).toEqual([]);

      const again = await sweep(spec, { workers: 2, pool: 'processes', dir });
      expect(again.skipped).toBe(12 - result.failures.length);
      expect(again.failures).toEqual([]);
      expect(JSON.stringify(again.rows)).toBe(JSON.stringify(reference.rows));
    },
  );

  it('ends its run processes when aborted, keeping the finished runs', { timeout: 120_000 }, async () => {
    const dir = join(root, 'aborted');
    const controller = new AbortController();
    let seen: number[] = [];
    const run = sweep(spec, {
      workers: 2,
      pool: 'processes',
      dir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) {
          seen = runProcessesOf(process.pid);
          controller.abort();
        }
      },
    });
    await expect(run).rejects.toThrow(SweepInterruptedError);
    expect(seen).toHaveLength(2);
    expect(runProcessesOf(process.pid)).toEqual([]);
    expect(storedKeys(dir).length).toBeGreaterThanOrEqual(3);
  });
});
