/**
 * The Marathon scheduler's timer tags: built and parsed in one place so a tag always round-trips.
 * App ids, task ids and versions use letters, digits, ".", "_" and "-", never "|".
 * @module
 */

/**
 * What a timer is for.
 *
 * @example
 * ```ts
 * const timer: MarathonTimer = { kind: 'health-check', app: 0, taskId: 'web.v1.3' };
 * timerTag(timer); // 'health-check|0|web.v1.3'
 * ```
 */
export type MarathonTimer =
  /** Sample every app's load. */
  | { readonly kind: 'sample' }
  /** Periodic task reconciliation with the master. */
  | { readonly kind: 'reconcile' }
  /** An app's scheduled event (scale or deploy), by index in its `events`. */
  | { readonly kind: 'event'; readonly app: number; readonly event: number }
  /** An instance's health check is due. */
  | { readonly kind: 'health-check'; readonly app: number; readonly taskId: string }
  /** A failed check's verdict arrives (after the check's timeout). */
  | { readonly kind: 'health-verdict'; readonly app: number; readonly taskId: string }
  /** An instance has been unreachable for its app's `inactiveAfterSeconds`. */
  | { readonly kind: 'unreachable'; readonly app: number; readonly taskId: string }
  /** An app's launch backoff has passed. */
  | { readonly kind: 'backoff'; readonly app: number }
  /** A timed phase of a deployment (canary isolated / partial) is over. */
  | { readonly kind: 'deployment'; readonly app: number; readonly deploymentId: string; readonly phase: string };

/**
 * The tag of a timer.
 *
 * @example
 * ```ts
 * timerTag({ kind: 'backoff', app: 2 }); // 'backoff|2'
 * ```
 */
export function timerTag(timer: MarathonTimer): string {
  switch (timer.kind) {
    case 'sample':
    case 'reconcile':
      return timer.kind;
    case 'event':
      return `event|${timer.app}|${timer.event}`;
    case 'health-check':
    case 'health-verdict':
    case 'unreachable':
      return `${timer.kind}|${timer.app}|${timer.taskId}`;
    case 'backoff':
      return `backoff|${timer.app}`;
    case 'deployment':
      return `deployment|${timer.app}|${timer.deploymentId}|${timer.phase}`;
  }
}

/**
 * Parses a tag made by {@link timerTag}; undefined for anything else.
 *
 * @example
 * ```ts
 * parseTimerTag('event|0|1'); // { kind: 'event', app: 0, event: 1 }
 * parseTimerTag('nonsense');  // undefined
 * ```
 */
export function parseTimerTag(tag: string): MarathonTimer | undefined {
  const [kind, app, a, b] = tag.split('|');
  const appIndex = Number(app);
  const known = Number.isInteger(appIndex) && appIndex >= 0;
  switch (kind) {
    case 'sample':
    case 'reconcile':
      return { kind };
    case 'event':
      return known && Number.isInteger(Number(a)) ? { kind, app: appIndex, event: Number(a) } : undefined;
    case 'health-check':
    case 'health-verdict':
    case 'unreachable':
      return known && a !== undefined ? { kind, app: appIndex, taskId: a } : undefined;
    case 'backoff':
      return known ? { kind, app: appIndex } : undefined;
    case 'deployment':
      return known && a !== undefined && b !== undefined
        ? { kind, app: appIndex, deploymentId: a, phase: b }
        : undefined;
    default:
      return undefined;
  }
}
