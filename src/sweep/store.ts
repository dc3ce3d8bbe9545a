import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { SweepInputError } from './errors.ts';
import type { SweepManifest, SweepPlan } from './plan.ts';

/**
 * What a finished run leaves in a sweep folder (`runs/<key>.json`): only what its resolved
 * scenario and seed decide, so the same file serves every grid point and sweep that has that run.
 *
 * @example
 * ```ts
 * const record: RunRecord = { clustersim: '0.1.0', key: 'ab12…', seed: 1234, eventLogHash: '9f…', metrics: { cpuAllocated: 0.62 } };
 * ```
 */
export interface RunRecord {
  readonly clustersim: string;
  readonly key: string;
  readonly seed: number;
  readonly eventLogHash: string;
  /** Every metric the run records, by id (null: the run has no value). */
  readonly metrics: Readonly<Record<string, number | null>>;
}

/**
 * The manifest file of a sweep folder (`sweep.json`): the fingerprint and what it is the hash of.
 *
 * @example
 * ```ts
 * const file: ManifestFile = readManifest('out/sweep')!;
 * file.fingerprint;
 * ```
 */
export interface ManifestFile {
  readonly fingerprint: string;
  readonly manifest: SweepManifest;
}

/**
 * The name of a sweep folder's manifest.
 *
 * @example
 * ```ts
 * readFileSync(join('out/sweep', MANIFEST_FILE), 'utf8');
 * ```
 */
export const MANIFEST_FILE = 'sweep.json';

/**
 * The folder of a sweep folder's run records.
 *
 * @example
 * ```ts
 * readdirSync(join('out/sweep', RUNS_FOLDER)); // ['0feb….json', …]
 * ```
 */
export const RUNS_FOLDER = 'runs';

/**
 * Writes a file under a temporary name, flushes it to disk and renames it into place: a reader,
 * or a process killed at any moment, sees the old file or the whole new one, never part of it.
 *
 * @example
 * ```ts
 * writeFileAtomic('out/sweep/runs/ab12….json', '{…}\n');
 * ```
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${threadId}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, contents as string);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/**
 * The manifest of a sweep folder, or undefined when it has none.
 *
 * @example
 * ```ts
 * readManifest('out/sweep')?.fingerprint;
 * ```
 */
export function readManifest(dir: string): ManifestFile | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const value = JSON.parse(text) as Partial<ManifestFile> | null;
  if (typeof value?.fingerprint !== 'string' || typeof value.manifest !== 'object' || value.manifest === null)
    throw new SweepInputError(
      `${join(dir, MANIFEST_FILE)} is not the manifest of a sweep (no fingerprint and manifest)`,
    );
  return value as ManifestFile;
}

/**
 * Prepares `dir` for a sweep's runs: creates it and `runs/`, writes the manifest, and removes the
 * temporary files a process killed while writing a run may have left (one process writes into a
 * folder at a time; shards use folders of their own). Refuses a folder that holds another sweep
 * (another fingerprint).
 *
 * @example
 * ```ts
 * prepareSweepFolder('out/sweep', planSweep(spec, registry));
 * ```
 */
export function prepareSweepFolder(dir: string, plan: SweepPlan): void {
  const existing = readManifest(dir);
  if (existing !== undefined && existing.fingerprint !== plan.fingerprint)
    throw new SweepInputError(
      `${dir} holds the results of another sweep (fingerprint ${existing.fingerprint.slice(0, 12)}…, this one ${plan.fingerprint.slice(0, 12)}…); give another output folder or remove it`,
    );
  mkdirSync(join(dir, RUNS_FOLDER), { recursive: true });
  for (const name of readdirSync(join(dir, RUNS_FOLDER)))
    if (name.startsWith('.') && name.endsWith('.tmp')) rmSync(join(dir, RUNS_FOLDER, name), { force: true });
  if (existing === undefined)
    writeFileAtomic(
      join(dir, MANIFEST_FILE),
      `${JSON.stringify({ fingerprint: plan.fingerprint, manifest: plan.manifest }, null, 2)}\n`,
    );
}

/**
 * The record stored under `key` in a sweep folder, or undefined when there is none (or it is not
 * a complete record of that key, which is then run again).
 *
 * @example
 * ```ts
 * readRunRecord('out/sweep', run.key)?.metrics['cpuAllocated'];
 * ```
 */
export function readRunRecord(dir: string, key: string): RunRecord | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, RUNS_FOLDER, `${key}.json`), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const record = JSON.parse(text) as RunRecord;
    return record.key === key && typeof record.metrics === 'object' ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a finished run in a sweep folder, atomically.
 *
 * @example
 * ```ts
 * writeRunRecord('out/sweep', record);
 * ```
 */
export function writeRunRecord(dir: string, record: RunRecord): void {
  writeFileAtomic(join(dir, RUNS_FOLDER, `${record.key}.json`), `${JSON.stringify(record)}\n`);
}

/**
 * The keys of every run record in a sweep folder (temporary files left out), sorted.
 *
 * @example
 * ```ts
 * storedKeys('out/shard-0').length; // runs finished there
 * ```
 */
export function storedKeys(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(dir, RUNS_FOLDER));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
    .map((n) => n.slice(0, -5))
    .sort();
}
