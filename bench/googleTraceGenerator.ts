import { closeSync, openSync, writeSync } from 'node:fs';
import { createEventQueue } from '../src/core/kernel/eventQueue.ts';
import { mulberry32 } from './mulberry32.ts';

/**
 * Writes a synthetic trace in the Google cluster data 2011 `task_events` format (13 comma-separated
 * fields, time in µs with the 600 s offset, event types SUBMIT 0, SCHEDULE 1, FINISH 4, FAIL 3),
 * time-ordered, until the file reaches `bytes`. Jobs of 1–50 tasks arrive as a Poisson process;
 * each task is scheduled after a short wait and ends after an exponential duration (5 % fail).
 * Deterministic for a seed; memory stays bounded by the tasks alive at a time.
 *
 * @example
 * ```ts
 * const { rows } = writeGoogleTrace('/tmp/google.csv', 1e9, 1); // about 13 million rows
 * ```
 */
export function writeGoogleTrace(file: string, bytes: number, seed: number): { rows: number; bytes: number } {
  const random = mulberry32(seed);
  const exp = (mean: number): number => -mean * Math.log(1 - random());
  const queue = createEventQueue<string>(1 << 16);
  const fd = openSync(file, 'w');
  let written = 0;
  let rows = 0;
  let buffer = '';
  let job = 6_000_000_000;
  let nextJobAt = 600_000_000;
  const flush = (): void => {
    written += writeSync(fd, buffer);
    buffer = '';
  };
  try {
    while (written + buffer.length < bytes) {
      // Submit the next job once the queue has drained up to its arrival time.
      if (queue.size === 0 || queue.peekTime() > nextJobAt) {
        const tasks = 1 + Math.floor(random() * 50);
        const cpu = (0.01 + random() * 0.2).toFixed(4);
        const mem = (0.01 + random() * 0.1).toFixed(4);
        job++;
        for (let i = 0; i < tasks; i++) {
          const submit = nextJobAt;
          const start = submit + Math.round(exp(5_000_000));
          const end = start + Math.round(exp(300_000_000));
          const common = `${job},${i},`;
          queue.push(submit, 0, `${submit},,${common},0,u${job % 97},1,${job % 12},${cpu},${mem},0.0001,0`);
          queue.push(
            start,
            1,
            `${start},,${common}${(job * 7 + i) % 12583},1,u${job % 97},1,${job % 12},${cpu},${mem},0.0001,0`,
          );
          const type = random() < 0.05 ? 3 : 4;
          queue.push(
            end,
            2,
            `${end},,${common}${(job * 7 + i) % 12583},${type},u${job % 97},1,${job % 12},${cpu},${mem},0.0001,0`,
          );
        }
        nextJobAt += Math.max(1, Math.round(exp(2_000_000)));
        continue;
      }
      buffer += `${queue.pop() as string}\n`;
      rows++;
      if (buffer.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: written };
}
