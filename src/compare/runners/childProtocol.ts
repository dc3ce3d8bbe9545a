import type { RunReport } from '../../metrics/runReport.ts';
import type { RunTask } from './runTask.ts';

/**
 * What the process pool sends a run process: one task, numbered so that the reply names it.
 *
 * @example
 * ```ts
 * const request: TaskRequest = { id: 3, task: { input, variant: 'shared', seed: 7, skipBadRows: false } };
 * ```
 */
export interface TaskRequest {
  readonly id: number;
  readonly task: RunTask;
}

/**
 * What a run process sends back: that it has loaded and waits for tasks, a task's report, or the
 * message of the error the task threw.
 *
 * @example
 * ```ts
 * const reply: ChildReply = { kind: 'error', id: 3, message: 'trace.swf:12: expected 18 fields' };
 * ```
 */
export type ChildReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'report'; readonly id: number; readonly report: RunReport }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
