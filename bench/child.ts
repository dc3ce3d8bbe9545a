import { fork } from 'node:child_process';

/**
 * Runs one measurement in a fresh node process, so that JIT state, heap size and peak RSS of one
 * configuration never leak into another.
 * @module
 */

/**
 * Forks `script` with `args` (inheriting this process's `execArgv`, so the tsx loader carries
 * over), and resolves with the one message the child sends with `process.send`.
 * Rejects if the child exits without a message or with a non-zero code.
 *
 * @example
 * ```ts
 * const row = await runInChild<HoldMeasurement>(new URL('./holdWorker.ts', import.meta.url), ['kernel', '1000']);
 * ```
 */
export function runInChild<T>(script: URL, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, [...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let message: { value: T } | undefined;
    child.once('message', (value) => {
      message = { value: value as T };
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && message !== undefined) resolve(message.value);
      else
        reject(
          new Error(
            `${script.pathname} ${args.join(' ')} failed (exit ${code ?? signal}${message === undefined ? ', no result' : ''})`,
          ),
        );
    });
  });
}

/**
 * Sends `value` to the parent bench process (the counterpart of {@link runInChild}) and lets the
 * child exit once it is delivered.
 *
 * @example
 * ```ts
 * reportToParent({ nsPerHold: 82 });
 * ```
 */
export function reportToParent(value: unknown): void {
  if (process.send === undefined) {
    console.log(JSON.stringify(value));
    return;
  }
  process.send(value, () => process.disconnect());
}
