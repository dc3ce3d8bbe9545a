/**
 * Comparing setups: `compare()` runs every variant of a scenario on the same seeds and reports
 * means with 95% intervals, paired differences with verdicts, findings and capacity searches.
 *
 * @example
 * ```ts
 * import { compare } from 'clustersim/compare';
 * const report = compare(scenario, { seeds: 5, findCapacity: { objective: 'p95Wait<60s' } });
 * ```
 * @module clustersim/compare
 */
export { compare, type CompareOptions } from './compare.ts';
export { CompareInputError } from './errors.ts';
export {
  DEFAULT_METRICS,
  metricsFor,
  extractMetrics,
  metricInfo,
  type MetricDefinition,
  type FrameworkMetricFamily,
  type MetricRegistry,
} from './metrics.ts';
export { intervalEstimate, mean, sampleSd, studentTQuantile, pairedDifferences, verdict } from './statistics.ts';
export { comparisonSeeds } from './seeds.ts';
export { findingSentence, formatMetricValue } from './findings.ts';
export { parseObjective, meetsClause } from './capacity/objective.ts';
export { scaleScenarioInput, scaleTopology, scaleAllocator, machineCount } from './capacity/scaleTopology.ts';
export { apportion } from './capacity/apportion.ts';
export { smallestMeeting } from './capacity/search.ts';
export {
  findCapacity,
  capacitySentence,
  meetsObjective,
  type FindCapacityInput,
  type SizeMeasurement,
} from './capacity/findCapacity.ts';
export type * from './comparisonReport.ts';
export type { Json } from './capacity/scaleTopology.ts';
