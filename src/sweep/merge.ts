import type { PluginRegistry } from '../core/plugins/registry.ts';
import { createDefaultRegistry } from '../registry.ts';
import { SweepInputError } from './errors.ts';
import { planSweep, type SweepManifest, type SweepPlan } from './plan.ts';
import type { SweepSpec } from './spec.ts';
import { prepareSweepFolder, readManifest, readRunRecord, writeRunRecord, type RunRecord } from './store.ts';
import { sweepTable, type SweepTable } from './table.ts';

/**
 * The sweep a manifest describes, as a spec that plans to the same runs and fingerprint.
 *
 * @example
 * ```ts
 * planSweep(specOfManifest(readManifest('out/shard-0')!.manifest), registry).fingerprint;
 * ```
 */
export function specOfManifest(manifest: SweepManifest): SweepSpec {
  return {
    name: manifest.name,
    scenario: manifest.scenario,
    grid: manifest.grid,
    variants: manifest.variants,
    seeds: manifest.replications,
    seed: manifest.seed,
    metrics: manifest.metrics,
    commonSeeds: manifest.commonSeeds,
  };
}

/**
 * Options of {@link mergeSweeps}.
 *
 * @example
 * ```ts
 * const options: MergeOptions = { out: 'out/merged', partial: false };
 * ```
 */
export interface MergeOptions {
  /** A folder to gather the runs into (it becomes a sweep folder of its own). */
  readonly out?: string;
  /** Accept runs missing from every folder (default: refuse, naming how many). */
  readonly partial?: boolean;
  readonly registry?: PluginRegistry;
}

/**
 * Combines the folders of shards of one sweep (or of interrupted runs of it) into one table, and
 * with `out` copies their runs into one folder. Refuses folders of different sweeps (different
 * fingerprints) and, unless `partial`, a merge in which some run of the sweep is in no folder.
 *
 * @example
 * ```ts
 * const table = mergeSweeps(['out/shard-0', 'out/shard-1'], { out: 'out/merged' });
 * table.rows.length; // every run × metric of the sweep
 * ```
 */
export function mergeSweeps(dirs: readonly string[], options: MergeOptions = {}): SweepTable {
  if (dirs.length === 0) throw new SweepInputError('name at least one sweep folder to merge');
  const manifests = dirs.map((dir) => {
    const file = readManifest(dir);
    if (file === undefined) throw new SweepInputError(`${dir} is not a sweep folder (it has no sweep.json)`);
    return { dir, file };
  });
  const first = manifests[0] as (typeof manifests)[number];
  const other = manifests.find((m) => m.file.fingerprint !== first.file.fingerprint);
  if (other !== undefined)
    throw new SweepInputError(
      `${other.dir} holds another sweep than ${first.dir} (fingerprints ${other.file.fingerprint.slice(0, 12)}… and ${first.file.fingerprint.slice(0, 12)}…); only shards of one sweep merge`,
    );
  const plan: SweepPlan = planSweep(specOfManifest(first.file.manifest), options.registry ?? createDefaultRegistry(), {
    skipBadRows: first.file.manifest.skipBadRows,
  });
  if (plan.fingerprint !== first.file.fingerprint)
    throw new SweepInputError(
      `${first.dir} was made by clustersim ${first.file.manifest.clustersim}, whose runs this version (${plan.manifest.clustersim}) does not reproduce; merge with that version`,
    );
  const records = new Map<string, RunRecord>();
  for (const run of plan.runs) {
    if (records.has(run.key)) continue;
    for (const { dir } of manifests) {
      const record = readRunRecord(dir, run.key);
      if (record === undefined) continue;
      records.set(run.key, record);
      break;
    }
  }
  const table = sweepTable(plan, plan.runs, (key) => records.get(key));
  if (table.missing > 0 && options.partial !== true)
    throw new SweepInputError(
      `${table.missing} of ${table.runs} runs of the sweep are in none of the folders (a shard not finished, or failed runs); run the missing shards again, or merge with --partial`,
    );
  if (options.out !== undefined) {
    prepareSweepFolder(options.out, plan);
    for (const record of records.values()) writeRunRecord(options.out, record);
  }
  return table;
}
