import { runInChild } from './child.ts';
import { HOLD_IMPLEMENTATIONS, HOLD_LABELS } from './holdImplementations.ts';
import type { HoldMeasurement } from './holdWorker.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';

/**
 * The kernel bench: the hold model (bench/holdModel.ts) on the kernel's event queue and on a
 * heap-js adapter, at three queue sizes. Every (implementation, size) runs in a fresh node
 * process (bench/holdWorker.ts): one warm-up, then the timed repetitions; the median is reported.
 * @module
 */

/** How much work the kernel bench does. */
export interface KernelBenchConfig {
  /** Queue sizes N, with the number of holds H at each. */
  readonly sizes: readonly { readonly size: number; readonly holds: number }[];
  /** Timed repetitions per configuration (after one warm-up). */
  readonly repetitions: number;
  readonly seed: number;
  /** Mean of the exponential hold time, µs. */
  readonly meanMicros: number;
}

/** The full configuration (~1 minute on the 2-core bench machine). */
export const KERNEL_BENCH_FULL: KernelBenchConfig = {
  sizes: [
    { size: 1_000, holds: 4_000_000 },
    { size: 100_000, holds: 2_000_000 },
    { size: 1_000_000, holds: 1_000_000 },
  ],
  repetitions: 5,
  seed: 20261121,
  meanMicros: 1_000_000,
};

/** The smoke-test configuration behind `--quick` (a few seconds). */
export const KERNEL_BENCH_QUICK: KernelBenchConfig = {
  ...KERNEL_BENCH_FULL,
  sizes: KERNEL_BENCH_FULL.sizes.map(({ size }) => ({ size, holds: 200_000 })),
  repetitions: 3,
};

/** Events/s target of the kernel queue at N = 1,000 (see bench/README.md). */
export const KERNEL_TARGET_EVENTS_PER_SECOND = 8_000_000;

/** Median figures of one (implementation, size) configuration. */
export interface KernelBenchRow extends HoldMeasurement {
  readonly medianNsPerHold: number;
  readonly eventsPerSecond: number;
}

/**
 * Runs every configuration, one fresh process at a time, and returns the rows in table order
 * (by size, then implementation).
 *
 * @example
 * ```ts
 * const rows = await runKernelBench(KERNEL_BENCH_QUICK);
 * console.log(formatKernelBench(rows));
 * ```
 */
export async function runKernelBench(config: KernelBenchConfig): Promise<KernelBenchRow[]> {
  const worker = new URL('./holdWorker.ts', import.meta.url);
  const rows: KernelBenchRow[] = [];
  for (const { size, holds } of config.sizes) {
    for (const impl of HOLD_IMPLEMENTATIONS) {
      const args = [impl, size, holds, config.repetitions, config.seed, config.meanMicros].map(String);
      const measured = await runInChild<HoldMeasurement>(worker, args);
      const medianNsPerHold = median(measured.nsPerHold);
      rows.push({ ...measured, medianNsPerHold, eventsPerSecond: 1e9 / medianNsPerHold });
    }
  }
  return rows;
}

/**
 * Formats the kernel bench: the figures table, whether all queues processed the same order, the
 * kernel-vs-heap-js ratio at each size, and the N = 1,000 figure next to its target.
 *
 * @example
 * ```ts
 * console.log(formatKernelBench(await runKernelBench(KERNEL_BENCH_FULL)));
 * ```
 */
export function formatKernelBench(rows: readonly KernelBenchRow[]): string {
  const table = formatTable(
    [
      'N',
      'implementation',
      'holds (H)',
      'ns/hold (median)',
      'events/s (median)',
      'ns/hold min–max',
      'CPU share',
      'final time (µs)',
      'order hash',
    ],
    rows.map((r) => [
      formatNumber(r.size),
      HOLD_LABELS[r.impl],
      formatNumber(r.holds),
      formatNumber(r.medianNsPerHold, 1),
      formatNumber(r.eventsPerSecond),
      `${formatNumber(Math.min(...r.nsPerHold), 1)}–${formatNumber(Math.max(...r.nsPerHold), 1)}`,
      `${formatNumber(median(r.cpuShare) * 100)}%`,
      r.impl === 'baseline' ? '–' : formatNumber(r.finalTime),
      r.impl === 'baseline' ? '–' : r.orderHash.toString(16).padStart(8, '0'),
    ]),
  );
  const notes: string[] = [];
  for (const size of [...new Set(rows.map((r) => r.size))]) {
    const queues = rows.filter((r) => r.size === size && r.impl !== 'baseline');
    const first = queues[0];
    const same = queues.every(
      (q) => first !== undefined && q.finalTime === first.finalTime && q.orderHash === first.orderHash,
    );
    const kernel = queues.find((q) => q.impl === 'kernel');
    const heapJs = queues.find((q) => q.impl === 'heap-js');
    const ratio = kernel !== undefined && heapJs !== undefined ? heapJs.medianNsPerHold / kernel.medianNsPerHold : NaN;
    const faster =
      ratio >= 1
        ? `kernel ${ratio.toFixed(2)}× faster than heap-js`
        : `HEAP-JS ${(1 / ratio).toFixed(2)}× FASTER than the kernel`;
    notes.push(
      `N=${formatNumber(size)}: ${same ? 'same final time and order hash for every queue' : 'ORDER MISMATCH between queues'}; ${faster}`,
    );
  }
  const small = rows.find((r) => r.impl === 'kernel' && r.size === 1_000);
  if (small !== undefined) {
    notes.push(
      `kernel queue at N=1,000: ${formatNumber(small.eventsPerSecond / 1e6, 2)} million events/s (target ≥ ${formatNumber(KERNEL_TARGET_EVENTS_PER_SECOND / 1e6)} million)`,
    );
  }
  return `${table}\n\n${notes.join('\n')}`;
}
