import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { studentTQuantile } from '../../src/compare/statistics.ts';
import { createDefaultRegistry } from '../../src/registry.ts';
import { SweepInputError, SweepInterruptedError } from '../../src/sweep/errors.ts';
import { mergeSweeps } from '../../src/sweep/merge.ts';
import { storedKeys } from '../../src/sweep/store.ts';
import { sweep, type SweepProgress } from '../../src/sweep/sweep.ts';
import { tinyScenario, tinySweep } from './fixtures.ts';

const root = mkdtempSync(join(tmpdir(), 'clustersim-sweep-'));
const spec = tinySweep(3);
// One uninterrupted sweep in memory, the reference the other ways of running it must match.
const reference = await sweep(spec);

describe('sweep', () => {
  it('gives one row per run × metric in the sweep order, and a summary per grid point × variant × metric', () => {
    expect(reference.runs).toBe(2 * 2 * 3);
    expect(reference.missing).toBe(0);
    expect(reference.failures).toEqual([]);
    expect(reference.rows).toHaveLength(12 * 2);
    expect(
      reference.rows
        .slice(0, 4)
        .map((r) => [r.values['master.allocationInterval'], r.variant, r.replication, r.metric]),
    ).toEqual([
      ['1s', 'static', 0, 'cpuAllocated'],
      ['1s', 'static', 0, 'p95Wait'],
      ['1s', 'static', 1, 'cpuAllocated'],
      ['1s', 'static', 1, 'p95Wait'],
    ]);
    expect(reference.summary.map((s) => [s.values['master.allocationInterval'], s.variant, s.metric])).toEqual([
      ['1s', 'static', 'cpuAllocated'],
      ['1s', 'static', 'p95Wait'],
      ['1s', 'shared', 'cpuAllocated'],
      ['1s', 'shared', 'p95Wait'],
      ['5s', 'static', 'cpuAllocated'],
      ['5s', 'static', 'p95Wait'],
      ['5s', 'shared', 'cpuAllocated'],
      ['5s', 'shared', 'p95Wait'],
    ]);
  });

  it("summarises each group's rows with the mean and Student's t interval (recomputed here from the rows)", () => {
    expect(reference.summary.length).toBeGreaterThan(0);
    for (const s of reference.summary) {
      const values = reference.rows
        .filter((r) => r.point === s.point && r.variant === s.variant && r.metric === s.metric && r.value !== null)
        .map((r) => r.value as number);
      expect(values.length).toBeGreaterThan(1);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
      // t(0.975, 2) = 4.302652729911275 (tables); checked against the quantile function.
      expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.302652729911275, 6);
      const half = (4.302652729911275 * sd) / Math.sqrt(values.length);
      expect(s.estimate?.n).toBe(values.length);
      expect(s.estimate?.mean).toBeCloseTo(mean, 12);
      expect(s.estimate?.low).toBeCloseTo(mean - half, 6);
      expect(s.estimate?.high).toBeCloseTo(mean + half, 6);
    }
  });

  it('stores every finished run atomically, and a second call skips them all and gives the same table', async () => {
    const dir = join(root, 'resume');
    const first = await sweep(spec, { dir });
    expect(JSON.stringify(first.rows)).toBe(JSON.stringify(reference.rows));
    expect(first.skipped).toBe(0);
    expect(storedKeys(dir)).toHaveLength(12);
    expect(readdirSync(join(dir, 'runs')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // What a process killed in the middle of writing a run leaves: the next sweep removes it.
    const leftover = join(dir, 'runs', `.${'0'.repeat(64)}.json.1234-0.tmp`);
    writeFileSync(leftover, '{"clustersim":');
    const progress: SweepProgress[] = [];
    const second = await sweep(spec, { dir, onProgress: (p) => progress.push(p) });
    expect(existsSync(leftover)).toBe(false);
    expect(second.skipped).toBe(12);
    expect(progress).toEqual([{ total: 12, skipped: 12, done: 0, failed: 0, running: 0 }]);
    expect(JSON.stringify(second.rows)).toBe(JSON.stringify(reference.rows));
    expect(JSON.stringify(second.summary)).toBe(JSON.stringify(reference.summary));
  });

  it('runs again only the runs whose record is missing or not whole', async () => {
    const dir = join(root, 'partial');
    await sweep(spec, { dir });
    const [gone, broken] = storedKeys(dir) as [string, string];
    rmSync(join(dir, 'runs', `${gone}.json`));
    const text = readFileSync(join(dir, 'runs', `${broken}.json`), 'utf8');
    writeFileSync(join(dir, 'runs', `${broken}.json`), text.slice(0, text.length / 2));
    const again = await sweep(spec, { dir });
    expect(again.skipped).toBe(10);
    expect(JSON.stringify(again.rows)).toBe(JSON.stringify(reference.rows));
    expect(JSON.parse(readFileSync(join(dir, 'runs', `${broken}.json`), 'utf8')).key).toBe(broken);
  });

  it('refuses a folder that holds another sweep', async () => {
    const dir = join(root, 'other');
    await sweep(tinySweep(1), { dir });
    await expect(sweep(spec, { dir })).rejects.toThrow(
      /holds the results of another sweep .*give another output folder or remove it/,
    );
  });

  it('runs only its shard, and the merged shards give the table of the whole sweep', async () => {
    const shards = [0, 1].map((index) => join(root, `shard-${index}`));
    const parts = await Promise.all(shards.map((dir, index) => sweep(spec, { dir, shard: { index, count: 2 } })));
    expect(parts.map((p) => p.runs)).toEqual([6, 6]);
    expect(parts[1]?.rows.map((r) => r.replication).filter((_, i) => i % 2 === 0)).toEqual([1, 0, 2, 1, 0, 2]);
    const merged = mergeSweeps(shards, { out: join(root, 'merged') });
    expect(JSON.stringify(merged.rows)).toBe(JSON.stringify(reference.rows));
    expect(JSON.stringify(merged.summary)).toBe(JSON.stringify(reference.summary));
    expect(storedKeys(join(root, 'merged'))).toHaveLength(12);
    expect(() => mergeSweeps([shards[0] as string])).toThrow('6 of 12 runs of the sweep are in none of the folders');
    expect(mergeSweeps([shards[0] as string], { partial: true }).missing).toBe(6);
  });

  it('refuses to merge folders of different sweeps', async () => {
    const a = join(root, 'merge-a');
    const b = join(root, 'merge-b');
    await sweep(tinySweep(1), { dir: a });
    await sweep(tinySweep(1, { commonSeeds: true }), { dir: b });
    expect(() => mergeSweeps([a, b])).toThrow(SweepInputError);
    expect(() => mergeSweeps([a, b])).toThrow(
      /merge-b holds another sweep than .*merge-a .*only shards of one sweep merge/,
    );
    expect(() => mergeSweeps([join(root, 'nothing')])).toThrow('is not a sweep folder (it has no sweep.json)');
  });

  it('reports a failing run with its error and goes on with the others', async () => {
    const registry = createDefaultRegistry().registerWorkload({
      name: 'explodes',
      description: 'throws when the run starts, if told to',
      options: z.strictObject({ explode: z.boolean() }),
      create: (options) => {
        if (options.explode) throw new Error('boom');
        return { next: () => undefined };
      },
    });
    const scenario = tinyScenario();
    const workloads = [
      ...(scenario['workloads'] as unknown[]),
      { generator: 'explodes', framework: 'a', options: { explode: false } },
    ];
    const dir = join(root, 'failing');
    const result = await sweep(
      {
        scenario: { ...scenario, workloads },
        grid: [{ path: 'workloads[2].options.explode', values: [true, false] }],
        seeds: 2,
      },
      { registry, dir },
    );
    expect(result.failures.map((f) => [f.index, f.values, f.variant, f.replication, f.error])).toEqual([
      [0, { 'workloads[2].options.explode': true }, 'static', 0, 'boom'],
      [1, { 'workloads[2].options.explode': true }, 'static', 1, 'boom'],
      [2, { 'workloads[2].options.explode': true }, 'shared', 0, 'boom'],
      [3, { 'workloads[2].options.explode': true }, 'shared', 1, 'boom'],
    ]);
    expect(result.missing).toBe(4);
    expect(new Set(result.rows.map((r) => r.point))).toEqual(new Set([1]));
    expect(storedKeys(dir)).toHaveLength(4);
  });

  it('stops starting runs when aborted, keeping the finished ones', async () => {
    const dir = join(root, 'aborted');
    const controller = new AbortController();
    const run = sweep(spec, {
      dir,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(SweepInterruptedError);
    await expect(run).rejects.toThrow(
      'interrupted: 3 runs finished and stored, 9 to go; run the same command again to resume',
    );
    expect(storedKeys(dir)).toHaveLength(3);
    const resumed = await sweep(spec, { dir });
    expect(resumed.skipped).toBe(3);
    expect(JSON.stringify(resumed.rows)).toBe(JSON.stringify(reference.rows));
  });
});
