/**
 * The simulation kernel, for models of your own: a time-ordered event queue (time, priority class,
 * insertion order), an event loop on integer microseconds, a hashed event log and seeded random
 * streams split by name. It knows nothing of clusters.
 *
 * @example
 * ```ts
 * import { createEventLoop, createRng } from 'clustersim/kernel';
 * const rng = createRng(42).fork('arrivals');
 * ```
 * @module clustersim/kernel
 */
export { createEventQueue, type EventQueue } from './eventQueue.ts';
export { createEventLoop, type EventLoop } from './eventLoop.ts';
export { createEventLog, type EventLog, type EventLogOptions, type LogRecord } from './eventLog.ts';
export { createRng, type Rng } from './rng.ts';
export {
  parseDuration,
  formatDuration,
  secondsToMicros,
  microsToSeconds,
  MICROS_PER_SECOND,
  DURATION_FORMAT,
  type Micros,
} from './time.ts';
