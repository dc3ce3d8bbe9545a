import { closeSync, openSync, writeSync } from 'node:fs';
import { createEventQueue } from '../src/core/kernel/eventQueue.ts';
import { mulberry32 } from './mulberry32.ts';

/**
 * The shape of a generated trace beyond its size limit.
 *
 * @example
 * ```ts
 * const month: GoogleTraceShape = { untilMicros: 600e6 + 29 * 86_400e6, meanJobIntervalMicros: 2_500_000 };
 * ```
 */
export interface GoogleTraceShape {
  /** Stop before the first row at or after this trace time (µs; default: no time limit). */
  readonly untilMicros?: number;
  /** Mean time between job arrivals (µs; default 2 s). */
  readonly meanJobIntervalMicros?: number;
}

/**
 * Writes a synthetic trace in the Google cluster data 2011 `task_events` format (13 comma-separated
 * fields, time in µs with the 600 s offset, event types SUBMIT 0, SCHEDULE 1, FINISH 4, FAIL 3),
 * time-ordered, until the file reaches `bytes` (or the trace time reaches `shape.untilMicros`).
 * Jobs of 1–50 tasks arrive as a Poisson process (mean interval 2 s unless `shape` says otherwise);
 * each task is scheduled after a short wait and ends after an exponential duration (5 % fail).
 * Deterministic for a seed and shape; memory stays bounded by the tasks alive at a time.
 *
 * @example
 * ```ts
 * const { rows } = writeGoogleTrace('/tmp/google.csv', 1e9, 1); // about 15 million rows
 * ```
 */
export function writeGoogleTrace(
  file: string,
  bytes: number,
  seed: number,
  shape: GoogleTraceShape = {},
): { rows: number; bytes: number; tasks: number; lastMicros: number } {
  const until = shape.untilMicros ?? Infinity;
  const meanInterval = shape.meanJobIntervalMicros ?? 2_000_000;
  const random = mulberry32(seed);
  const exp = (mean: number): number => -mean * Math.log(1 - random());
  const queue = createEventQueue<string>(1 << 16);
  const fd = openSync(file, 'w');
  let written = 0;
  let rows = 0;
  let tasksSubmitted = 0;
  let lastMicros = 0;
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
        // Every row still queued is at or after this arrival: nothing is left to write before `until`.
        if (nextJobAt >= until) break;
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
        nextJobAt += Math.max(1, Math.round(exp(meanInterval)));
        continue;
      }
      const time = queue.peekTime();
      if (time >= until) break;
      const row = queue.pop() as string;
      // Only a SUBMIT row has an empty machine field followed by event type 0.
      if (row.includes(',,0,u')) tasksSubmitted++;
      buffer += `${row}\n`;
      lastMicros = time;
      rows++;
      if (buffer.length > 1 << 20) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: written, tasks: tasksSubmitted, lastMicros };
}
