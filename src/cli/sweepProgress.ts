import { SingleBar } from 'cli-progress';
import type { SweepProgress } from '../sweep/sweep.ts';

/** How often the bar is written as a line when stderr is not a terminal (batch job logs). */
const LOG_EVERY_MS = 30_000;

/**
 * The sweep's progress bar on stderr: runs finished (those found stored count as finished) of
 * the sweep's or shard's runs, failures, and the time left. On a terminal it redraws in place;
 * otherwise (a Slurm or Kubernetes log) it writes a line every 30 s.
 *
 * @example
 * ```ts
 * const bar = createSweepProgress();
 * await sweep(spec, { onProgress: bar.update });
 * bar.stop();
 * ```
 */
export function createSweepProgress(stream: NodeJS.WriteStream = process.stderr): {
  update: (progress: SweepProgress) => void;
  stop: () => void;
} {
  let bar: SingleBar | undefined;
  return {
    update: (p) => {
      const value = p.skipped + p.done + p.failed;
      if (bar === undefined) {
        bar = new SingleBar({
          stream,
          format: 'sweep [{bar}] {value}/{total} runs | {failed} failed | {running} running | eta {eta_formatted}',
          hideCursor: stream.isTTY,
          noTTYOutput: true,
          notTTYSchedule: LOG_EVERY_MS,
          etaBuffer: 20,
        });
        bar.start(p.total, value, { failed: p.failed, running: p.running });
      }
      bar.update(value, { failed: p.failed, running: p.running });
    },
    stop: () => {
      bar?.stop();
    },
  };
}
