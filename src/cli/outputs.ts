import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The help of `--force`: writing into a folder that has files clustersim did not write.
 *
 * @example
 * ```ts
 * program.command('run').option('--force', FORCE_HELP);
 * ```
 */
export const FORCE_HELP =
  'write into an --out folder that holds files clustersim did not write (they are kept; by default such a folder is refused)';

/**
 * A file written under a temporary name and renamed into place only on {@link AtomicFile.commit},
 * so a failed or killed run never leaves a half-written output behind: a killed one leaves at most
 * a hidden `.name.pid.tmp`, which the next write of that file removes.
 *
 * @example
 * ```ts
 * const file = openAtomic('out', 'events.jsonl');
 * file.write('…'); file.commit();
 * ```
 */
export interface AtomicFile {
  write: (text: string) => void;
  commit(): void;
  discard(): void;
}

/**
 * Opens `dir/name` for atomic writing (creating `dir`).
 *
 * @example
 * ```ts
 * openAtomic('out/demo', 'report.json');
 * ```
 */
export function openAtomic(dir: string, name: string): AtomicFile {
  mkdirSync(dir, { recursive: true });
  const final = join(dir, name);
  const temp = join(dir, `.${name}.${process.pid}.tmp`);
  removeStaleTemps(dir, name);
  const fd = openSync(temp, 'w');
  let open = true;
  const close = (): void => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (text) => {
      writeSync(fd, text);
    },
    commit: () => {
      close();
      renameSync(temp, final);
    },
    discard: () => {
      close();
      rmSync(temp, { force: true });
    },
  };
}

/** Removes `.name.<pid>.tmp` files left by runs that were killed (their process is gone). */
function removeStaleTemps(dir: string, name: string): void {
  const prefix = `.${name}.`;
  for (const file of readdirSync(dir)) {
    if (!file.startsWith(prefix) || !file.endsWith('.tmp')) continue;
    const pid = Number(file.slice(prefix.length, -'.tmp'.length));
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !isAlive(pid))
      rmSync(join(dir, file), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
