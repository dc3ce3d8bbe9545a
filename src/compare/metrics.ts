import type { RunReport } from '../metrics/runReport.ts';
import type { MetricInfo } from './comparisonReport.ts';

/**
 * A metric of a run: what it is called and measured in, and how to read it off a run report
 * (null when the run has no value, e.g. no task launched or no service).
 *
 * @example
 * ```ts
 * const jobs: MetricDefinition = { id: 'jobsCompleted', label: 'jobs completed', unit: 'count', better: 'higher', headline: false,
 *   extract: (r) => Object.values(r.frameworks).reduce((sum, f) => sum + f.jobsCompleted, 0) };
 * ```
 */
export interface MetricDefinition extends MetricInfo {
  extract(report: RunReport): number | null;
}

/**
 * A metric measured per framework: it becomes one metric `<id>.<framework>` per framework of the
 * scenario (never a headline).
 *
 * @example
 * ```ts
 * const waits: FrameworkMetricFamily = { id: 'p95Wait', label: 'p95 task wait', unit: 's', better: 'lower',
 *   extract: (r, fw) => r.frameworks[fw]?.taskWaitSeconds.p95 ?? null };
 * ```
 */
export interface FrameworkMetricFamily {
  readonly id: string;
  readonly label: string;
  readonly unit: string;
  readonly better: MetricInfo['better'];
  extract(report: RunReport, framework: string): number | null;
}

/**
 * The metrics a comparison computes: cluster-wide ones and per-framework families. Adding a metric
 * is adding one entry.
 *
 * @example
 * ```ts
 * const registry: MetricRegistry = { metrics: [...DEFAULT_METRICS.metrics, myMetric], perFramework: DEFAULT_METRICS.perFramework };
 * ```
 */
export interface MetricRegistry {
  readonly metrics: readonly MetricDefinition[];
  readonly perFramework: readonly FrameworkMetricFamily[];
}

type Framework = RunReport['frameworks'][string];

const frameworks = (r: RunReport): Framework[] => Object.values(r.frameworks);
const sum = (r: RunReport, of: (f: Framework) => number): number =>
  frameworks(r).reduce((total, f) => total + of(f), 0);
/** The largest of the frameworks' values that exist; null when none has one. */
const worst = (r: RunReport, of: (f: Framework) => number | null): number | null => {
  const values = frameworks(r)
    .map(of)
    .filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.max(...values);
};
/** The mean over every sample of every framework (each framework's mean weighted by its count). */
const pooledMean = (
  r: RunReport,
  of: (f: Framework) => { readonly count: number; readonly mean: number | null },
): number | null => {
  let count = 0;
  let total = 0;
  for (const f of frameworks(r)) {
    const summary = of(f);
    if (summary.mean === null) continue;
    count += summary.count;
    total += summary.count * summary.mean;
  }
  return count === 0 ? null : total / count;
};
const taskWeightedMeanWait = (r: RunReport): number | null => pooledMean(r, (f) => f.taskWaitSeconds);
const lowestAvailability = (r: RunReport): number | null => {
  const values = Object.values(r.services)
    .map((s) => s.sinceReady.availability)
    .filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.min(...values);
};
const failedRequestFraction = (r: RunReport): number | null => {
  let failed = 0;
  let total = 0;
  for (const s of Object.values(r.services)) {
    failed += s.requests.failed;
    total += s.requests.total;
  }
  return total > 0 ? failed / total : null;
};

/**
 * The built-in metrics (their definitions are in docs/compare.md). Waits are per task launch, in
 * seconds; the cluster-wide wait figures are the worst framework's (p95Wait, maxWait) or the
 * task-weighted mean (meanWait), since a run reports waits per framework.
 *
 * @example
 * ```ts
 * DEFAULT_METRICS.metrics.map((m) => m.id); // ['cpuAllocated', 'memAllocated', 'cpuUsed', 'p95Wait', …]
 * ```
 */
export const DEFAULT_METRICS: MetricRegistry = {
  metrics: [
    {
      id: 'cpuAllocated',
      label: 'CPU allocated',
      unit: 'fraction',
      better: 'higher',
      headline: true,
      extract: (r) => r.utilization.allocated['cpus'] ?? null,
    },
    {
      id: 'memAllocated',
      label: 'memory allocated',
      unit: 'fraction',
      better: 'higher',
      headline: false,
      extract: (r) => r.utilization.allocated['mem'] ?? null,
    },
    {
      id: 'cpuUsed',
      label: 'CPU used',
      unit: 'fraction',
      better: 'higher',
      headline: false,
      extract: (r) => r.utilization.used['cpus'] ?? null,
    },
    {
      id: 'p95Wait',
      label: 'p95 task wait (worst framework)',
      unit: 's',
      better: 'lower',
      headline: true,
      extract: (r) => worst(r, (f) => f.taskWaitSeconds.p95),
    },
    {
      id: 'meanWait',
      label: 'mean task wait',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: taskWeightedMeanWait,
    },
    {
      id: 'maxWait',
      label: 'longest task wait',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.taskWaitSeconds.max),
    },
    {
      id: 'p99Wait',
      label: 'p99 task wait (worst framework)',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.taskWaitSeconds.p99),
    },
    {
      id: 'abandonedTasks',
      label: 'tasks abandoned',
      unit: 'tasks',
      better: 'lower',
      headline: true,
      extract: (r) => sum(r, (f) => f.tasksAbandoned),
    },
    {
      id: 'abandonedShare',
      label: 'share of tasks abandoned',
      unit: 'fraction',
      better: 'lower',
      headline: false,
      extract: abandonedShare,
    },
    {
      id: 'jobsCompleted',
      label: 'jobs completed',
      unit: 'count',
      better: 'higher',
      headline: true,
      extract: (r) => sum(r, (f) => f.jobsCompleted),
    },
    {
      id: 'jobsNeverStarted',
      label: 'jobs never started',
      unit: 'count',
      better: 'lower',
      headline: false,
      extract: (r) => sum(r, (f) => f.jobsNeverStarted),
    },
    {
      id: 'maxNoOffer',
      label: 'longest stretch without an offer',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.starvation.longestWithoutOfferSeconds),
    },
    {
      id: 'noOfferSeconds',
      label: 'time waiting without an offer (worst framework)',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.starvation.withoutOfferSeconds),
    },
    {
      id: 'belowFairShare',
      label: 'time below DRF fair share while demanding (worst role)',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worstRole(r, (x) => x.belowFairShareSeconds),
    },
    {
      id: 'fairShareShortfall',
      label: 'mean shortfall against the DRF fair share (worst role)',
      unit: 'share',
      better: 'lower',
      headline: false,
      extract: (r) => worstRole(r, (x) => x.meanShortfallWhileDemanding),
    },
    {
      id: 'jainIndex',
      label: "Jain's index of dominant shares (time-averaged)",
      unit: 'index',
      better: 'higher',
      headline: false,
      extract: (r) => r.fairness.jainIndex.mean,
    },
    {
      id: 'minJainIndex',
      label: "lowest Jain's index of dominant shares",
      unit: 'index',
      better: 'higher',
      headline: false,
      extract: (r) => r.fairness.jainIndex.min,
    },
    {
      id: 'jobsAbandoned',
      label: 'jobs with abandoned work',
      unit: 'count',
      better: 'lower',
      headline: false,
      extract: (r) => sum(r, (f) => f.jobsAbandoned),
    },
    {
      id: 'meanSlowdown',
      label: 'mean job slowdown',
      unit: '×',
      better: 'lower',
      headline: false,
      extract: jobWeightedMeanSlowdown,
    },
    {
      id: 'p95Slowdown',
      label: 'p95 job slowdown (worst framework)',
      unit: '×',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.jobSlowdown.p95),
    },
    {
      id: 'makespan',
      label: 'makespan (longest framework)',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: (r) => worst(r, (f) => f.makespanSeconds),
    },
    {
      id: 'startup',
      label: 'service start-up until ready (slowest service)',
      unit: 's',
      better: 'lower',
      headline: false,
      extract: slowestStartup,
    },
    {
      id: 'availability',
      label: 'availability since ready (lowest service)',
      unit: 'fraction',
      better: 'higher',
      headline: true,
      extract: lowestAvailability,
    },
    {
      id: 'requestsFailed',
      label: 'requests failed',
      unit: 'fraction',
      better: 'lower',
      headline: false,
      extract: failedRequestFraction,
    },
    {
      id: 'tasksLost',
      label: 'tasks lost to failures',
      unit: 'tasks',
      better: 'lower',
      headline: false,
      extract: (r) => r.failures.tasksLost,
    },
    {
      id: 'lostTaskSeconds',
      label: 'work lost to failures',
      unit: 'task-s',
      better: 'lower',
      headline: false,
      extract: (r) => r.failures.lostTaskSeconds,
    },
  ],
  perFramework: [
    {
      id: 'cpuAllocated',
      label: 'CPU allocated',
      unit: 'fraction',
      better: 'higher',
      extract: (r, fw) => r.utilization.byFramework[fw]?.['cpus'] ?? null,
    },
    {
      id: 'p95Wait',
      label: 'p95 task wait',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.taskWaitSeconds.p95 ?? null,
    },
    {
      id: 'meanWait',
      label: 'mean task wait',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.taskWaitSeconds.mean ?? null,
    },
    {
      id: 'p99Wait',
      label: 'p99 task wait',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.taskWaitSeconds.p99 ?? null,
    },
    {
      id: 'maxWait',
      label: 'longest task wait',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.taskWaitSeconds.max ?? null,
    },
    {
      id: 'cpuUsed',
      label: 'CPU used',
      unit: 'fraction',
      better: 'higher',
      extract: (r, fw) => r.utilization.usedByFramework[fw]?.['cpus'] ?? null,
    },
    {
      id: 'noOfferSeconds',
      label: 'time waiting without an offer',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.starvation.withoutOfferSeconds ?? null,
    },
    {
      id: 'belowFairShare',
      label: 'time below fair share while demanding',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.starvation.belowFairShareSeconds ?? null,
    },
    {
      id: 'meanSlowdown',
      label: 'mean job slowdown',
      unit: '×',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.jobSlowdown.mean ?? null,
    },
    {
      id: 'abandonedTasks',
      label: 'tasks abandoned',
      unit: 'tasks',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.tasksAbandoned ?? null,
    },
    {
      id: 'jobsCompleted',
      label: 'jobs completed',
      unit: 'count',
      better: 'higher',
      extract: (r, fw) => r.frameworks[fw]?.jobsCompleted ?? null,
    },
    {
      id: 'maxNoOffer',
      label: 'longest stretch without an offer',
      unit: 's',
      better: 'lower',
      extract: (r, fw) => r.frameworks[fw]?.starvation.longestWithoutOfferSeconds ?? null,
    },
  ],
};

/**
 * The concrete metrics of a comparison: the registry's cluster-wide metrics, then each family once
 * per framework (`p95Wait.reports`), frameworks in the order given.
 *
 * @example
 * ```ts
 * metricsFor(DEFAULT_METRICS, ['logs', 'reports']).some((m) => m.id === 'p95Wait.logs'); // true
 * ```
 */
export function metricsFor(registry: MetricRegistry, frameworkIds: readonly string[]): MetricDefinition[] {
  const perFramework = registry.perFramework.flatMap((family) =>
    frameworkIds.map((fw): MetricDefinition => ({
      id: `${family.id}.${fw}`,
      label: `${family.label} (${fw})`,
      unit: family.unit,
      better: family.better,
      headline: false,
      extract: (r) => family.extract(r, fw),
    })),
  );
  const all = [...registry.metrics, ...perFramework];
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.id)) throw new RangeError(`metric id "${m.id}" is defined twice`);
    seen.add(m.id);
  }
  return all;
}

/**
 * Every metric's value in one run report, keyed by metric id in the metrics' order. Non-finite
 * values count as missing.
 *
 * @example
 * ```ts
 * extractMetrics(metricsFor(DEFAULT_METRICS, ['batch']), report)['cpuAllocated']; // e.g. 0.62
 * ```
 */
export function extractMetrics(metrics: readonly MetricDefinition[], report: RunReport): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const m of metrics) {
    const value = m.extract(report);
    out[m.id] = value !== null && Number.isFinite(value) ? value : null;
  }
  return out;
}

/**
 * The description of a metric without its extractor (what a report stores).
 *
 * @example
 * ```ts
 * metricInfo(DEFAULT_METRICS.metrics[0]!); // { id: 'cpuAllocated', label: 'CPU allocated', unit: 'fraction', better: 'higher', headline: true }
 * ```
 */
export function metricInfo(m: MetricDefinition): MetricInfo {
  return { id: m.id, label: m.label, unit: m.unit, better: m.better, headline: m.headline };
}

/** Tasks abandoned ÷ (tasks launched + tasks abandoned), over every framework; null when neither happened. */
function abandonedShare(report: RunReport): number | null {
  const abandoned = sum(report, (f) => f.tasksAbandoned);
  const total = abandoned + sum(report, (f) => f.tasksLaunched);
  return total === 0 ? null : abandoned / total;
}

/** The largest of the roles' values that exist; null when no role has one. */
function worstRole(
  report: RunReport,
  of: (role: RunReport['fairness']['roles'][string]) => number | null,
): number | null {
  const values = Object.values(report.fairness.roles)
    .map(of)
    .filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.max(...values);
}

/** Mean slowdown over every completed job of every framework; null when no job completed. */
function jobWeightedMeanSlowdown(report: RunReport): number | null {
  return pooledMean(report, (f) => f.jobSlowdown);
}

/** The longest start-up of any service that became ready; null when none did. */
function slowestStartup(report: RunReport): number | null {
  const values = Object.values(report.services)
    .map((s) => s.startupSeconds)
    .filter((v): v is number => v !== null);
  return values.length === 0 ? null : Math.max(...values);
}
