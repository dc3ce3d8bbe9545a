import { SingleBar } from 'cli-progress';
import type { Micros } from '../core/kernel/time.ts';

const SHOW_AFTER_SECONDS = 2;

/**
 * A progress bar on stderr for long runs: it appears only when stderr is a terminal and the run
 * has taken more than a couple of seconds, and shows simulated time against the horizon.
 *
 * @example
 * ```ts
 * const progress = createProgress();
 * runSimulation(scenario, { onProgress: progress.update });
 * progress.stop();
 * ```
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): {
  update: (now: Micros, horizon: Micros) => void;
  stop: () => void;
} {
  const started = performance.now();
  let bar: SingleBar | undefined;
  return {
    update: (now, horizon) => {
      if (!stream.isTTY) return;
      if (bar === undefined) {
        if ((performance.now() - started) / 1000 < SHOW_AFTER_SECONDS) return;
        bar = new SingleBar({
          stream,
          format: 'simulating [{bar}] {percentage}% | eta {eta_formatted}',
          hideCursor: true,
        });
        bar.start(horizon, 0);
      }
      bar.update(now);
    },
    stop: () => {
      bar?.stop();
    },
  };
}
