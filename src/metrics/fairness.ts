import { addResources, roundAmount, type Resources } from '../core/cluster/resources.ts';
import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import { drfFairShares, jainIndex, weightedDominantShare } from './drfFairShare.ts';
import { RoleAttribution } from './roleAttribution.ts';
import { defaultSeriesStep } from './seriesStep.ts';

/**
 * Fairness between roles over a run: weighted dominant shares, the DRF fair share while
 * demanding, and Jain's index over the demanding roles. Formulas: docs/metrics.md.
 *
 * @example
 * ```ts
 * const { roles, jainIndex } = runSimulation(scenario).fairness;
 * roles['web']?.belowFairShareSeconds; // time web had pending tasks and less than its fair share
 * jainIndex.mean;                      // 1 = the demanding roles always had equal weighted shares
 * ```
 */
export interface FairnessReport {
  readonly roles: Record<
    string,
    {
      /** Weight at the end of the run. */
      readonly weight: number;
      /** Time-average of the weighted dominant share. */
      readonly meanDominantShare: number;
      /** Time with pending tasks in any of the role's frameworks. */
      readonly demandingSeconds: number;
      /** Time demanding with a share below the DRF fair share (by more than 1e-9). */
      readonly belowFairShareSeconds: number;
      /** Time-average of max(0, fair share − share) while demanding; null if never demanding. */
      readonly meanShortfallWhileDemanding: number | null;
    }
  >;
  /** Jain's index over the demanding roles' weighted dominant shares, over the time ≥ 1 role demands. */
  readonly jainIndex: { readonly mean: number | null; readonly min: number | null };
  readonly series: {
    readonly stepSeconds: number;
    readonly dominantShare: Record<string, number[]>;
    /** Average over the bin's demanding time; null where the role did not demand. */
    readonly fairShare: Record<string, (number | null)[]>;
    readonly jainIndex: (number | null)[];
  };
}

/**
 * A weight change from the scenario's `update-weight` operations; it takes effect when its
 * `operation` record says it applied.
 *
 * @example
 * ```ts
 * const change: WeightChange = { at: 3_600_000_000, role: 'web', weight: 2 };
 * ```
 */
export interface WeightChange {
  readonly at: number;
  readonly role: string;
  readonly weight: number;
}

/**
 * Options of {@link createFairnessObserver}.
 *
 * @example
 * ```ts
 * const options: FairnessOptions = { step: 60_000_000, weights: { web: 2 }, weightChanges: [{ at: 3_600_000_000, role: 'web', weight: 1 }] };
 * ```
 */
export interface FairnessOptions {
  /** Series step (µs); default horizon ÷ 288 in whole seconds. */
  readonly step?: number;
  /** Weights at the start (default 1 per role). */
  readonly weights?: Readonly<Record<string, number>>;
  readonly weightChanges?: readonly WeightChange[];
  /**
   * Roles of tasks from an attribution observed before this observer (shared with others);
   * without it the observer keeps its own.
   */
  readonly roles?: RoleAttribution;
}

interface RoleState {
  weight: number;
  readonly allocation: Record<string, number>;
  demandingFrameworks: number;
  /** demandingFrameworks > 0. */
  demanding: boolean;
  share: number;
  fair: number | null;
  below: boolean;
  shareArea: number;
  demandingTime: number;
  belowTime: number;
  shortfallArea: number;
  readonly shareBins: number[];
  readonly fairBins: number[];
  readonly fairTimeBins: number[];
}

interface FrameworkState {
  readonly roles: RoleState[];
  pending: number;
  belowTime: number;
}

/** Adds value × overlap to each bin of `step` µs that [from, to) overlaps. */
function addToBins(bins: number[], step: number, from: number, to: number, value: number): void {
  for (let bin = Math.floor(from / step); bin * step < to; bin++) {
    const overlap = Math.min(to, (bin + 1) * step) - Math.max(from, bin * step);
    while (bins.length <= bin) bins.push(0);
    bins[bin] = (bins[bin] as number) + value * overlap;
  }
}

/**
 * Observes allocations (by the role of each task's offer), pending work and weight changes, and
 * integrates each role's weighted dominant share, its DRF fair share while demanding and Jain's
 * index over the demanding roles. Also gives, per framework, the time it had pending tasks while
 * a role of it was below its fair share.
 *
 * @example
 * ```ts
 * const fairness = createFairnessObserver(horizonMicros, { weights: { web: 2 } });
 * simulate(scenario, { observers: [fairness] });
 * fairness.report().jainIndex.mean;
 * fairness.belowFairShareSeconds('batch');
 * ```
 */
export function createFairnessObserver(
  horizon: number,
  options: FairnessOptions = {},
): SimObserver & { report(): FairnessReport; belowFairShareSeconds(frameworkId: string): number } {
  const step = options.step ?? defaultSeriesStep(horizon);
  const changes = [...(options.weightChanges ?? [])];
  let capacity: Resources = {};
  const roles = new Map<string, RoleState>();
  const frameworks = new Map<string, FrameworkState>();
  let list: RoleState[] = [];
  let since = 0;
  let dirty = true;
  let jain: number | null = null;
  let jainArea = 0;
  let jainTime = 0;
  let jainMin: number | null = null;
  const jainBins: number[] = [];
  const jainTimeBins: number[] = [];
  let end = 0;

  const role = (id: string): RoleState => {
    let r = roles.get(id);
    if (r === undefined) {
      r = {
        weight: options.weights?.[id] ?? 1,
        allocation: {},
        demandingFrameworks: 0,
        demanding: false,
        share: 0,
        fair: null,
        below: false,
        shareArea: 0,
        demandingTime: 0,
        belowTime: 0,
        shortfallArea: 0,
        shareBins: [],
        fairBins: [],
        fairTimeBins: [],
      };
      roles.set(id, r);
      list = [...roles.keys()].sort().map((k) => roles.get(k) as RoleState);
    }
    return r;
  };
  const recompute = (): void => {
    for (const r of list) r.share = weightedDominantShare(r.allocation, capacity, r.weight);
    const fair = drfFairShares(list);
    const demandingShares: number[] = [];
    list.forEach((r, i) => {
      r.fair = fair[i] ?? null;
      r.below = r.fair !== null && r.share < r.fair - 1e-9;
      if (r.fair !== null) demandingShares.push(r.share);
    });
    jain = jainIndex(demandingShares);
    dirty = false;
  };
  const advance = (t: number): void => {
    if (t <= since) return;
    if (dirty) recompute();
    const dt = t - since;
    for (const r of list) {
      r.shareArea += r.share * dt;
      if (r.share > 0) addToBins(r.shareBins, step, since, t, r.share);
      if (r.fair === null) continue;
      r.demandingTime += dt;
      r.shortfallArea += Math.max(0, r.fair - r.share) * dt;
      if (r.below) r.belowTime += dt;
      addToBins(r.fairBins, step, since, t, r.fair);
      addToBins(r.fairTimeBins, step, since, t, 1);
    }
    for (const f of frameworks.values()) if (f.pending > 0 && f.roles.some((r) => r.below)) f.belowTime += dt;
    if (jain !== null) {
      jainArea += jain * dt;
      jainTime += dt;
      jainMin = jainMin === null ? jain : Math.min(jainMin, jain);
      addToBins(jainBins, step, since, t, jain);
      addToBins(jainTimeBins, step, since, t, 1);
    }
    since = t;
  };
  const allocate = (t: number, roleId: string, delta: Resources, sign: 1 | -1): void => {
    // A shared attribution may tell of a change before this observer saw its record.
    advance(t);
    const allocation = role(roleId).allocation;
    for (const name in delta) {
      const next = roundAmount((allocation[name] ?? 0) + sign * (delta[name] ?? 0));
      allocation[name] = next > 0 ? next : 0;
    }
    dirty = true;
  };
  const own = options.roles === undefined ? new RoleAttribution() : undefined;
  (options.roles ?? (own as RoleAttribution)).listen({
    launched: (roleId, launch) => allocate(launch.t, roleId, launch.resources, 1),
    ended: (roleId, ended) => allocate(ended.t, roleId, ended.resources, -1),
  });

  return {
    observe(r: SimRecord): void {
      // The state is integrated only up to each change (and the end): constant stretches in one step.
      own?.observe(r);
      switch (r.kind) {
        case 'agent-added':
          advance(r.t);
          capacity = addResources(capacity, r.resources);
          dirty = true;
          return;
        case 'framework-registered':
          advance(r.t);
          if (!frameworks.has(r.frameworkId))
            frameworks.set(r.frameworkId, { roles: [...new Set(r.roles)].map(role), pending: 0, belowTime: 0 });
          dirty = true;
          return;
        case 'framework-pending': {
          const f = frameworks.get(r.frameworkId);
          if (f === undefined) return;
          if (f.pending > 0 !== r.tasks > 0) {
            advance(r.t);
            for (const x of f.roles) {
              x.demandingFrameworks += r.tasks > 0 ? 1 : -1;
              x.demanding = x.demandingFrameworks > 0;
            }
            dirty = true;
          }
          f.pending = r.tasks;
          return;
        }
        case 'operation': {
          if (r.op !== 'update-weight' || !r.ok) return;
          const i = changes.findIndex((c) => c.at === r.t && c.role === r.role);
          if (i < 0) return;
          advance(r.t);
          const [change] = changes.splice(i, 1);
          if (change !== undefined) role(change.role).weight = change.weight;
          dirty = true;
          return;
        }
        case 'run-ended':
          advance(r.t);
          end = r.t;
          return;
        default:
          return;
      }
    },
    belowFairShareSeconds: (frameworkId) => (frameworks.get(frameworkId)?.belowTime ?? 0) / 1_000_000,
    report(): FairnessReport {
      const binCount = Math.ceil(end / step);
      const width = (i: number): number => Math.min(step, end - i * step);
      const perTime = (area: readonly number[], time: readonly number[]): (number | null)[] =>
        Array.from({ length: binCount }, (_, i) => ((time[i] ?? 0) > 0 ? (area[i] ?? 0) / (time[i] as number) : null));
      const out: FairnessReport = {
        roles: {},
        jainIndex: { mean: jainTime > 0 ? jainArea / jainTime : null, min: jainMin },
        series: {
          stepSeconds: step / 1_000_000,
          dominantShare: {},
          fairShare: {},
          jainIndex: perTime(jainBins, jainTimeBins),
        },
      };
      for (const id of [...roles.keys()].sort()) {
        const r = roles.get(id) as RoleState;
        out.roles[id] = {
          weight: r.weight,
          meanDominantShare: end > 0 ? r.shareArea / end : 0,
          demandingSeconds: r.demandingTime / 1_000_000,
          belowFairShareSeconds: r.belowTime / 1_000_000,
          meanShortfallWhileDemanding: r.demandingTime > 0 ? r.shortfallArea / r.demandingTime : null,
        };
        out.series.dominantShare[id] = Array.from({ length: binCount }, (_, i) => (r.shareBins[i] ?? 0) / width(i));
        out.series.fairShare[id] = perTime(r.fairBins, r.fairTimeBins);
      }
      return out;
    },
  };
}
