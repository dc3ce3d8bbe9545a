import type { ComparisonReport, MetricInfo } from '../compare/comparisonReport.ts';
import type { RunReport } from '../metrics/runReport.ts';
import { availabilityChart } from './availabilityChart.ts';
import { capacityChart, type CapacityPoint } from './capacityChart.ts';
import { colours, shortName } from './chartKit.ts';
import { comparisonBarsChart, differenceChart, type DifferenceRow } from './comparisonCharts.ts';
import { dominantShareChart } from './fairnessChart.ts';
import { fairnessSeries, frameworkSeries, mainResource, partitionSeries, waitQuantiles } from './reportFields.ts';
import { partitionUtilizationChart, utilizationChart } from './utilizationCharts.ts';
import { waitCdfChart, type WaitCdfSeries } from './waitCdfChart.ts';

/**
 * A rendered chart of a report: a file-safe id (for `charts/<id>.png`), a caption, and the SVG.
 *
 * @example
 * ```ts
 * const chart: NamedChart = { id: 'comparison', title: 'Variants compared', svg: '<svg …>' };
 * ```
 */
export interface NamedChart {
  readonly id: string;
  readonly title: string;
  readonly svg: string;
}

/** A file-safe form of a name (letters, digits, ".", "_", "-"). */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'x';
}

/** Colours per framework and per role from every name in the reports, so all charts agree. */
function paletteOf(reports: readonly RunReport[]): {
  framework: (n: string) => string;
  role: (n: string) => string;
  service: (n: string) => string;
} {
  const names = (pick: (r: RunReport) => string[]): string[] => [...new Set(reports.flatMap(pick))].sort();
  return {
    framework: colours(names((r) => [...Object.keys(r.frameworks), ...Object.keys(partitionSeries(r))])),
    role: colours(names((r) => Object.keys(fairnessSeries(r)?.dominantShare ?? {}))),
    service: colours(names((r) => Object.keys(r.services))),
  };
}

/**
 * The time-series charts of one run report: utilization by framework, per static partition (when
 * partitioned), dominant shares (when the report has them), availability (when it has services),
 * and the task-wait CDF. `prefix` and `label` name the run (a variant) in ids and titles.
 *
 * @example
 * ```ts
 * runCharts(report).map((c) => c.id); // ['utilization', 'shares', 'waits', …]
 * ```
 */
export function runCharts(report: RunReport, label = '', prefix = '', palette = paletteOf([report])): NamedChart[] {
  const resource = mainResource(report);
  const step = report.utilization.series.stepSeconds;
  const of = label === '' ? '' : ` — ${label}`;
  const charts: NamedChart[] = [];
  const byFramework = frameworkSeries(report);
  const allocated: Record<string, readonly number[]> = {};
  const used: Record<string, readonly number[]> = {};
  for (const name of Object.keys(byFramework).sort()) {
    allocated[name] = byFramework[name]?.allocated[resource] ?? [];
    used[name] = byFramework[name]?.used[resource] ?? [];
  }
  if (Object.keys(byFramework).length === 0) {
    // A report without per-framework series still has the cluster's totals.
    allocated['all frameworks'] = report.utilization.series.allocated[resource] ?? [];
    used['all frameworks'] = report.utilization.series.used[resource] ?? [];
  }
  const title = `${resource} utilization by framework${of}`;
  charts.push({
    id: `${prefix}utilization`,
    title,
    svg: utilizationChart({ title, resource, stepSeconds: step, allocated, used, colourOf: palette.framework }),
  });
  const partitions = partitionSeries(report);
  if (Object.keys(partitions).length > 0) {
    const data: Record<string, { allocated: readonly number[]; used: readonly number[] }> = {};
    for (const name of Object.keys(partitions).sort())
      data[name] = {
        allocated: partitions[name]?.allocated[resource] ?? [],
        used: partitions[name]?.used[resource] ?? [],
      };
    const t = `${resource} utilization per static partition${of}`;
    charts.push({
      id: `${prefix}partitions`,
      title: t,
      svg: partitionUtilizationChart({
        title: t,
        resource,
        stepSeconds: step,
        partitions: data,
        colourOf: palette.framework,
      }),
    });
  }
  const fairness = fairnessSeries(report);
  if (fairness !== undefined) {
    const t = `Dominant share per role${of}`;
    charts.push({
      id: `${prefix}shares`,
      title: t,
      svg: dominantShareChart({
        title: t,
        stepSeconds: fairness.stepSeconds,
        shares: fairness.dominantShare,
        fairShare: fairness.fairShare,
        jainIndex: fairness.jainIndex,
        colourOf: palette.role,
      }),
    });
  }
  if (Object.keys(report.services).length > 0) {
    const services: Record<string, { atSeconds: readonly number[]; available: readonly number[] }> = {};
    for (const name of Object.keys(report.services).sort()) {
      const s = report.services[name];
      if (s !== undefined) services[name] = s.timeline;
    }
    const t = `Service availability${of}`;
    const incidents = report.failures.incidents.map((i) => ({ atSeconds: i.atSeconds, cause: i.cause }));
    charts.push({
      id: `${prefix}availability`,
      title: t,
      svg: availabilityChart({
        title: t,
        horizonSeconds: report.simulatedSeconds,
        services,
        incidents,
        colourOf: palette.service,
      }),
    });
  }
  if (label === '') {
    const series = Object.keys(report.frameworks)
      .sort()
      .map((f): WaitCdfSeries => ({ label: f, colourKey: f, dashed: false, quantiles: waitQuantiles(report, f) }));
    charts.push({
      id: 'waits',
      title: 'Task wait distribution (CDF)',
      svg: waitCdfChart({ series, colourOf: palette.framework }),
    });
  }
  return charts;
}

/**
 * The metrics the comparison charts show: the headline ones (or all when none is marked) that
 * have a value in some variant — a scenario without services has no availability to draw.
 */
function shownMetrics(report: ComparisonReport): readonly MetricInfo[] {
  const measured = report.metrics.filter((m) => report.variants.some((v) => report.summary[v]?.[m.id] != null));
  const headline = measured.filter((m) => m.headline);
  return headline.length > 0 ? headline : measured;
}

/**
 * The rows of the difference chart: each non-baseline variant's paired difference on each shown
 * metric, with the baseline's mean.
 *
 * @example
 * ```ts
 * differenceRows(report).length; // (variants − 1) × headline metrics with a difference
 * ```
 */
export function differenceRows(report: ComparisonReport): DifferenceRow[] {
  const rows: DifferenceRow[] = [];
  for (const metric of shownMetrics(report)) {
    for (const d of report.differences) {
      if (d.metric !== metric.id || d.difference === null) continue;
      const e = d.difference;
      rows.push({
        metric,
        variant: d.variant,
        baseline: d.baseline,
        mean: e.mean,
        low: e.low,
        high: e.high,
        baselineMean: report.summary[d.baseline]?.[d.metric]?.mean ?? null,
        verdict: d.verdict,
      });
    }
  }
  return rows;
}

/**
 * Every chart of a comparison: variants compared (bars with 95% CI), the paired differences, the
 * capacity curve per objective metric (when a capacity search ran), the task-wait CDFs of all
 * variants, and each variant's example run's time-series charts. Colours are per variant and per
 * framework throughout.
 *
 * @example
 * ```ts
 * comparisonReportCharts(report).map((c) => c.id); // ['comparison', 'differences', 'capacity-p95Wait', 'waits', 'static-utilization', …]
 * ```
 */
export function comparisonReportCharts(report: ComparisonReport): NamedChart[] {
  const variantColour = colours(report.variants);
  const examples = report.variants
    .map((v) => [v, report.examples[v]] as const)
    .filter((e): e is readonly [string, RunReport] => e[1] !== undefined);
  const palette = paletteOf(examples.map((e) => e[1]));
  const charts: NamedChart[] = [
    {
      id: 'comparison',
      title: 'Variants compared',
      svg: comparisonBarsChart({
        variants: report.variants,
        metrics: shownMetrics(report),
        estimates: report.summary,
        colourOf: variantColour,
        subtitle: `${report.seeds.length} seeds; bars: mean; whiskers: 95% confidence interval`,
      }),
    },
    {
      id: 'differences',
      title: `Paired differences against ${report.baseline}`,
      svg: differenceChart({
        title: `Paired differences against ${report.baseline} (95% CI)`,
        rows: differenceRows(report),
      }),
    },
  ];
  const capacity = report.capacity;
  if (capacity !== null) {
    const seen = new Set<string>();
    for (const clause of capacity.clauses) {
      if (seen.has(clause.metric)) continue;
      seen.add(clause.metric);
      const info = report.metrics.find((m) => m.id === clause.metric);
      const variants: Record<string, CapacityPoint[]> = {};
      const found: Record<string, number | null> = {};
      for (const v of report.variants) {
        const c = capacity.variants[v];
        if (c === undefined) continue;
        found[v] = c.machines;
        variants[v] = c.steps.flatMap((s) => {
          const e = s.metrics[clause.metric];
          return e === null || e === undefined
            ? []
            : [{ machines: s.machines, mean: e.mean, low: e.low, high: e.high, meets: s.meets }];
        });
      }
      const label = info?.label ?? clause.metric;
      charts.push({
        id: `capacity-${slug(clause.metric)}`,
        title: `Capacity: ${label}`,
        svg: capacityChart({
          title: `Capacity: ${label} by machine count`,
          metric: label,
          unit: info?.unit ?? '',
          op: clause.op,
          threshold: clause.value,
          variants,
          found,
          order: report.variants,
          colourOf: variantColour,
        }),
      });
    }
  }
  const waits: WaitCdfSeries[] = examples.flatMap(([v, r], i) =>
    Object.keys(r.frameworks)
      .sort()
      .map((f) => ({
        label: `${v} · ${shortName(f, 16)}`,
        colourKey: f,
        dashed: i > 0,
        quantiles: waitQuantiles(r, f),
      })),
  );
  charts.push({
    id: 'waits',
    title: 'Task wait distribution (CDF)',
    svg: waitCdfChart({
      title: 'Task wait distribution (CDF), example seed per variant',
      series: waits,
      colourOf: palette.framework,
    }),
  });
  const used = new Set(charts.map((c) => c.id));
  for (const [v, r] of examples) {
    let prefix = `${slug(v)}-`;
    for (let k = 2; [...used].some((id) => id.startsWith(prefix)); k++) prefix = `${slug(v)}${k}-`;
    for (const c of runCharts(r, v, prefix, palette)) {
      used.add(c.id);
      charts.push(c);
    }
  }
  return charts;
}
