import { existsSync, lstatSync, readdirSync, readFileSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, normalize, posix, sep } from 'node:path';
import { openAtomic, type AtomicFile } from '../cli/outputs.ts';
import { VERSION } from '../version.ts';

/**
 * The file in an output folder that lists what clustersim wrote there last (hidden).
 *
 * @example
 * ```ts
 * JSON.parse(readFileSync(join('out/demo', OUTPUTS_MANIFEST), 'utf8')).files; // ['report.json', …]
 * ```
 */
export const OUTPUTS_MANIFEST = '.clustersim-outputs.json';

/**
 * An output folder that cannot be used: it holds files clustersim did not write (without `force`).
 *
 * @example
 * ```ts
 * try { checkOutputDir('papers'); } catch (e) { if (e instanceof OutputDirError) console.error(e.message); }
 * ```
 */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
}

/** A temporary file of an atomic write (`.<name>.<pid>.tmp`), left by a run that was killed. */
const TEMPORARY = /^\..+\.\d+\.tmp$/;

/**
 * The files clustersim wrote into `dir` last time, from its manifest: none for a folder that does
 * not exist or is empty. A folder with other files and no manifest is refused with an
 * {@link OutputDirError} (its files would mix with the new ones), unless `force`: then nothing
 * of it is known, and nothing of it will be removed. `own` names top-level entries that another
 * part of clustersim keeps there (a sweep's `sweep.json` and `runs/`): they do not make a folder
 * foreign, and they are never listed or removed.
 *
 * @example
 * ```ts
 * checkOutputDir('out/demo'); // ['report.json', 'events.jsonl'] after a run with --event-log
 * ```
 */
export function checkOutputDir(dir: string, force = false, own: readonly string[] = []): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new OutputDirError(`--out ${dir}: it is a file, not a folder`);
  const manifest = join(dir, OUTPUTS_MANIFEST);
  if (existsSync(manifest)) {
    const files = manifestFiles(readFileSync(manifest, 'utf8'));
    if (files !== undefined) return files;
    if (force) return [];
    throw new OutputDirError(
      `--out ${dir}: its ${OUTPUTS_MANIFEST} is not a list of files clustersim wrote; remove it, or add --force to write beside the folder's files (none of them is removed)`,
    );
  }
  if (force || readdirSync(dir).every((name) => TEMPORARY.test(name) || own.includes(name))) return [];
  throw new OutputDirError(
    `--out ${dir}: the folder holds files clustersim did not write there (it has no ${OUTPUTS_MANIFEST}); choose a new or empty folder, or add --force to write beside them (none of them is removed)`,
  );
}

/** The relative paths of a manifest, or undefined when it is not one. */
function manifestFiles(text: string): string[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const files = (value as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || !files.every((f): f is string => typeof f === 'string' && isInside(f))) return undefined;
  return files;
}

/** A relative path that stays inside its folder (a manifest never makes clustersim touch anything else). */
function isInside(path: string): boolean {
  const normal = normalize(path);
  return path !== '' && !isAbsolute(path) && normal !== '..' && !normal.startsWith(`..${sep}`) && normal !== '.';
}

/**
 * Files being written into an output folder that clustersim owns. On {@link OutputDir.commit},
 * every file is renamed into place, the files the previous write listed in the manifest and this one
 * did not write are removed (with the folders they leave empty), and the manifest lists this
 * write's files: the folder then holds exactly the latest outputs, beside any files of the user's
 * (never removed). Before commit nothing is visible.
 *
 * @example
 * ```ts
 * const out = openOutputDir('out/demo');
 * out.file('report.json').write('{}');
 * out.commit(); // { written: ['report.json'], removed: ['events.jsonl'] }
 * ```
 */
export interface OutputDir {
  /** Opens `path` (relative to the folder, `/`-separated) for writing. */
  file(path: string): AtomicFile;
  commit(): { readonly written: readonly string[]; readonly removed: readonly string[] };
  discard(): void;
}

/**
 * Options of {@link openOutputDir}.
 *
 * @example
 * ```ts
 * const options: OutputDirOptions = { force: false, own: ['sweep.json', 'runs'] };
 * openOutputDir('out/sweep', options);
 * ```
 */
export interface OutputDirOptions {
  /** Write into a folder holding files clustersim did not write (none of them is removed). */
  readonly force?: boolean;
  /** Top-level entries kept there by another part of clustersim (see {@link checkOutputDir}). */
  readonly own?: readonly string[];
}

/**
 * Claims `dir` for outputs (see {@link checkOutputDir}; throws {@link OutputDirError} for a
 * folder clustersim does not own, unless `force`). Nothing is created before the first file.
 *
 * @example
 * ```ts
 * const out = openOutputDir('out/demo', { force: true });
 * ```
 */
export function openOutputDir(dir: string, options: OutputDirOptions = {}): OutputDir {
  const previous = checkOutputDir(dir, options.force === true, options.own);
  const files = new Map<string, AtomicFile>();
  const writeManifest = (paths: readonly string[]): void => {
    const manifest = openAtomic(dir, OUTPUTS_MANIFEST);
    manifest.write(`${JSON.stringify({ clustersim: VERSION, files: [...paths].sort() }, null, 2)}\n`);
    manifest.commit();
  };
  return {
    file(path) {
      const file = openAtomic(join(dir, posix.dirname(path)), posix.basename(path));
      files.set(path, file);
      return file;
    },
    commit() {
      const written = [...files.keys()];
      // Listed first, so that an interrupted commit leaves nothing unlisted behind.
      writeManifest([...new Set([...previous, ...written])]);
      for (const file of files.values()) file.commit();
      const removed = previous.filter((path) => !files.has(path) && removeFile(dir, path));
      writeManifest(written);
      return { written, removed };
    },
    discard() {
      for (const file of files.values()) file.discard();
    },
  };
}

/** Removes a file written earlier (gone already, or no longer a file: left alone) and the folders it empties. */
function removeFile(dir: string, path: string): boolean {
  const full = join(dir, path);
  if (!existsSync(full) || !lstatSync(full).isFile()) return false;
  unlinkSync(full);
  for (let folder = posix.dirname(path); folder !== '.'; folder = posix.dirname(folder)) {
    const at = join(dir, folder);
    if (readdirSync(at).length > 0) break;
    rmdirSync(at);
  }
  return true;
}
