import { addResources, subtractClamped, type Resources } from '../core/cluster/resources.ts';
import type { SimObserver, SimRecord } from '../core/simulation/records.ts';

/**
 * Time-weighted utilization of the cluster, as fractions of capacity per resource.
 *
 * @example
 * ```ts
 * const utilization: UtilizationReport = runSimulation(scenario).utilization;
 * utilization.allocated.cpus;             // e.g. 0.42 of all cores, averaged over the run
 * utilization.byFramework['batch']?.mem;
 * ```
 */
export interface UtilizationReport {
  /** Capacity of all machines. */
  readonly capacity: Resources;
  /** Average fraction of each resource allocated to tasks. */
  readonly allocated: Record<string, number>;
  /**
   * Average fraction of each resource tasks really consumed: what they use (their allocation
   * unless told otherwise), CPUs scaled by the speed they ran at (throttled or shared).
   */
  readonly used: Record<string, number>;
  /** Average fraction held in outstanding offers. */
  readonly offered: Record<string, number>;
  /** Average fraction allocated to tasks, per framework. */
  readonly byFramework: Record<string, Record<string, number>>;
  /** Allocated and used fractions averaged over consecutive bins of `stepSeconds`, for charts. */
  readonly series: { readonly stepSeconds: number; readonly allocated: Record<string, number[]>; readonly used: Record<string, number[]> };
}

/** Integrates a resource vector that changes in steps over time. */
class StepIntegral {
  value: Resources = {};
  #since = 0;
  readonly area: Record<string, number> = {};

  advance(t: number, bins?: Bins): void {
    if (t <= this.#since) return;
    for (const name in this.value) {
      this.area[name] = (this.area[name] ?? 0) + (this.value[name] ?? 0) * (t - this.#since);
    }
    bins?.add(this.#since, t, this.value);
    this.#since = t;
  }
}

class Bins {
  readonly step: number;
  readonly area: Record<string, number[]> = {};

  constructor(step: number) {
    this.step = step;
  }

  add(from: number, to: number, value: Resources): void {
    for (let bin = Math.floor(from / this.step); bin * this.step < to; bin++) {
      const overlap = Math.min(to, (bin + 1) * this.step) - Math.max(from, bin * this.step);
      if (overlap <= 0) continue;
      for (const name in value) {
        const series = (this.area[name] ??= []);
        while (series.length <= bin) series.push(0);
        series[bin] = (series[bin] as number) + (value[name] ?? 0) * overlap;
      }
    }
  }
}

/**
 * Number of bins in the utilization series.
 *
 * @example
 * ```ts
 * const utilization = createUtilizationObserver(secondsToMicros(86_400)); // a one-day run
 * // after the run: utilization.report().series.stepSeconds === 86_400 / SERIES_BINS (300 s bins)
 * ```
 */
export const SERIES_BINS = 288;

/**
 * Observes task and offer records and integrates allocated and offered resources over time.
 *
 * @example
 * ```ts
 * const utilization = createUtilizationObserver(horizonMicros);
 * simulate(scenario, { observers: [utilization] });
 * utilization.report().allocated.cpus; // e.g. 0.42
 * ```
 */
export function createUtilizationObserver(horizon: number): SimObserver & { report(): UtilizationReport } {
  let capacity: Resources = {};
  const step = Math.max(1_000_000, Math.ceil(horizon / SERIES_BINS / 1_000_000) * 1_000_000);
  const bins = new Bins(step);
  const usedBins = new Bins(step);
  const allocated = new StepIntegral();
  const used = new StepIntegral();
  /** Each running task's use and speed, and what it adds to `used`. */
  const tasks = new Map<string, { usage: Resources; rate: number; consumed: Resources }>();
  const consumedOf = (usage: Resources, rate: number): Resources =>
    rate === 1 || usage['cpus'] === undefined ? usage : addResources(subtractClamped(usage, { cpus: usage['cpus'] }), { cpus: usage['cpus'] * rate });
  const retask = (key: string, usage: Resources | undefined, rate: number): void => {
    const before = tasks.get(key);
    if (before !== undefined) used.value = subtractClamped(used.value, before.consumed);
    if (usage === undefined) {
      tasks.delete(key);
      return;
    }
    const consumed = consumedOf(usage, rate);
    tasks.set(key, { usage, rate, consumed });
    used.value = addResources(used.value, consumed);
  };
  const offered = new StepIntegral();
  const byFramework = new Map<string, StepIntegral>();
  const offers = new Map<string, Resources>();
  let end = 0;

  const frameworkIntegral = (id: string): StepIntegral => {
    let integral = byFramework.get(id);
    if (integral === undefined) byFramework.set(id, (integral = new StepIntegral()));
    return integral;
  };
  const advanceAll = (t: number): void => {
    allocated.advance(t, bins);
    used.advance(t, usedBins);
    offered.advance(t);
    for (const integral of byFramework.values()) integral.advance(t);
  };
  const fractions = (area: Record<string, number>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const name of Object.keys(capacity).sort()) out[name] = end > 0 ? (area[name] ?? 0) / ((capacity[name] ?? 1) * end) : 0;
    return out;
  };

  return {
    observe(record: SimRecord): void {
      switch (record.kind) {
        case 'agent-added':
          capacity = addResources(capacity, record.resources);
          return;
        case 'framework-registered':
          frameworkIntegral(record.frameworkId);
          return;
        case 'offer-made':
          advanceAll(record.t);
          offers.set(record.offerId, record.resources);
          offered.value = addResources(offered.value, record.resources);
          return;
        case 'offer-accepted':
        case 'offer-declined':
        case 'offer-rescinded': {
          advanceAll(record.t);
          offered.value = subtractClamped(offered.value, offers.get(record.offerId) ?? {});
          offers.delete(record.offerId);
          return;
        }
        case 'task-launched':
        case 'task-ended': {
          advanceAll(record.t);
          const integral = frameworkIntegral(record.frameworkId);
          const key = `${record.frameworkId}\u0000${record.taskId}`;
          if (record.kind === 'task-launched') {
            allocated.value = addResources(allocated.value, record.resources);
            integral.value = addResources(integral.value, record.resources);
            retask(key, record.usage, 1);
          } else {
            allocated.value = subtractClamped(allocated.value, record.resources);
            integral.value = subtractClamped(integral.value, record.resources);
            retask(key, undefined, 1);
          }
          return;
        }
        case 'task-usage':
        case 'task-rate': {
          advanceAll(record.t);
          const key = `${record.frameworkId}\u0000${record.taskId}`;
          const task = tasks.get(key);
          if (task === undefined) return;
          if (record.kind === 'task-usage') retask(key, record.usage, task.rate);
          else retask(key, task.usage, record.rate);
          return;
        }
        case 'run-ended':
          advanceAll(record.t);
          end = record.t;
          return;
        default:
          return;
      }
    },
    report(): UtilizationReport {
      const binCount = Math.ceil(end / step);
      const seriesOf = (source: Bins): Record<string, number[]> => {
        const series: Record<string, number[]> = {};
        for (const name of Object.keys(capacity).sort()) {
          const area = source.area[name] ?? [];
          series[name] = Array.from({ length: binCount }, (_, i) => {
            const width = Math.min(step, end - i * step);
            return (area[i] ?? 0) / ((capacity[name] ?? 1) * width);
          });
        }
        return series;
      };
      const perFramework: Record<string, Record<string, number>> = {};
      for (const [id, integral] of byFramework) perFramework[id] = fractions(integral.area);
      return {
        capacity,
        allocated: fractions(allocated.area),
        used: fractions(used.area),
        offered: fractions(offered.area),
        byFramework: perFramework,
        series: { stepSeconds: step / 1_000_000, allocated: seriesOf(bins), used: seriesOf(usedBins) },
      };
    },
  };
}
