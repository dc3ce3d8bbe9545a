/**
 * Task ids of the batch frameworks: `<jobId>.<index>` for a task's first launch and
 * `<jobId>.<index>.r<n>` for its n-th relaunch, so the id alone says which task of which job ran.
 * @module
 */

/**
 * The id of a batch task's launch.
 *
 * @example
 * ```ts
 * batchTaskId('w0-3', 17, 0); // 'w0-3.17'
 * batchTaskId('w0-3', 17, 2); // 'w0-3.17.r2'
 * ```
 */
export function batchTaskId(jobId: string, index: number, relaunch: number): string {
  return relaunch === 0 ? `${jobId}.${index}` : `${jobId}.${index}.r${relaunch}`;
}

/**
 * The task index in a batch task id, or undefined for another format. With `taskPreferences`
 * (locality.ts) it tells whether a `task-launched` record was local.
 *
 * @example
 * ```ts
 * taskIndexOf('w0-3.17');    // 17
 * taskIndexOf('w0-3.17.r2'); // 17
 * taskIndexOf('web');        // undefined
 * ```
 */
export function taskIndexOf(taskId: string): number | undefined {
  const match = /\.(\d+)(?:\.r\d+)?$/.exec(taskId);
  return match === null ? undefined : Number(match[1]);
}
