import { reportToParent } from './child.ts';
import { baselineLoop, fillQueue, holdLoop, type HoldOutcome } from './holdModel.ts';
import { createQueue, isHoldImplementation, type HoldImplementation } from './holdImplementations.ts';
import { mulberry32 } from './mulberry32.ts';
import { timed, type Timed } from './timing.ts';

/**
 * Child process of the kernel bench: measures one (implementation, queue size) configuration.
 * Usage: `holdWorker.ts <impl> <size> <holds> <repetitions> <seed> <meanMicros>`.
 * One untimed warm-up repetition, then `repetitions` timed ones; each repetition starts from the
 * same seed with a fresh queue, and only the holds are timed (not the fill).
 * @module
 */

/** What the worker reports for its configuration. */
export interface HoldMeasurement extends HoldOutcome {
  readonly impl: HoldImplementation;
  readonly size: number;
  readonly holds: number;
  /** ns per hold of each timed repetition. */
  readonly nsPerHold: readonly number[];
  /** CPU seconds / wall seconds of each timed repetition (≈ 1 on an otherwise idle core). */
  readonly cpuShare: readonly number[];
}

function runOnce(
  impl: HoldImplementation,
  size: number,
  holds: number,
  seed: number,
  meanMicros: number,
): Timed<HoldOutcome> {
  const random = mulberry32(seed);
  const queue = createQueue(impl);
  if (queue === undefined) return timed(() => baselineLoop(holds, random, meanMicros));
  fillQueue(queue, size, random, meanMicros);
  return timed(() => holdLoop(queue, holds, random, meanMicros));
}

function main(argv: readonly string[]): HoldMeasurement {
  const [impl, ...rest] = argv;
  const [size, holds, repetitions, seed, meanMicros] = rest.map(Number);
  if (
    !isHoldImplementation(impl) ||
    size === undefined ||
    holds === undefined ||
    repetitions === undefined ||
    seed === undefined ||
    meanMicros === undefined
  ) {
    throw new Error(
      `usage: holdWorker.ts <impl> <size> <holds> <repetitions> <seed> <meanMicros>; got ${argv.join(' ')}`,
    );
  }
  const warmUp = runOnce(impl, size, holds, seed, meanMicros).result;
  const nsPerHold: number[] = [];
  const cpuShare: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const { result, seconds, cpuSeconds } = runOnce(impl, size, holds, seed, meanMicros);
    if (result.finalTime !== warmUp.finalTime || result.orderHash !== warmUp.orderHash) {
      throw new Error(`${impl} N=${size}: repetition ${r} ended differently from the warm-up (not deterministic)`);
    }
    nsPerHold.push((seconds * 1e9) / holds);
    cpuShare.push(cpuSeconds / seconds);
  }
  return { impl, size, holds, nsPerHold, cpuShare, ...warmUp };
}

reportToParent(main(process.argv.slice(2)));
