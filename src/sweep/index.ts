/**
 * Sweeps: a parameter grid × variants × replications, run on worker threads, resumable from a
 * folder of finished runs, split into shards for a batch system, with tidy tables, 95% intervals
 * and charts.
 *
 * @example
 * ```ts
 * import { sweep, loadSweepFile, writeSweepOutputs } from 'clustersim/sweep';
 * const result = await sweep(loadSweepFile('examples/sweep-allocation-interval.json', createDefaultRegistry()), { workers: 2, dir: 'out/sweep' });
 * writeSweepOutputs('out/sweep', result, result.failures);
 * ```
 * @module
 */
export { sweep, type SweepOptions, type SweepProgress, type SweepResult, type SweepFailure } from './sweep.ts';
export { sweepFileSchema, type SweepSpec, type GridParameter, type SweepFile } from './spec.ts';
export { loadSweepFile } from './loadSweepFile.ts';
export { planSweep, type SweepPlan, type PlannedRun, type SweepManifest } from './plan.ts';
export { sweepTable, type SweepTable, type SweepRow, type SweepSummaryRow } from './table.ts';
export { mergeSweeps, specOfManifest, type MergeOptions } from './merge.ts';
export { parseShard, checkShard, inShard, type Shard } from './shard.ts';
export { runSeed } from './runSeed.ts';
export { parseJsonPath, withValueAt, type JsonPathSegment } from './jsonPath.ts';
export { canonicalJson, contentHash } from './canonicalJson.ts';
export {
  readManifest,
  readRunRecord,
  writeRunRecord,
  storedKeys,
  prepareSweepFolder,
  writeFileAtomic,
  MANIFEST_FILE,
  RUNS_FOLDER,
  type RunRecord,
  type ManifestFile,
} from './store.ts';
export { SweepInputError, SweepInterruptedError } from './errors.ts';
export type { RunTask } from '../compare/runners/runTask.ts';
export { RUN_POOLS, type RunPool } from '../compare/runners/runPool.ts';
export {
  writeSweepOutputs,
  sweepOutputs,
  sweepResultsCsv,
  sweepResultsJsonl,
  sweepSummaryCsv,
  sweepSummaryJsonl,
} from '../export/sweepOutputs.ts';
export { sweepChart, type SweepChartData, type SweepChartPoint } from '../viz/sweepChart.ts';
export { sweepCharts, renderSweepHtml } from '../viz/sweepReport.ts';
