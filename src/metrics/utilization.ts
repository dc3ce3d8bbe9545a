import { addResources, subtractClamped, type Resources } from '../core/cluster/resources.ts';
import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import { PoolSet, type PoolSeries, type PoolUtilization } from './pools.ts';
import { RoleAttribution } from './roleAttribution.ts';
import { defaultSeriesStep } from './seriesStep.ts';
import { averageFractions, binFractions, Bins, ResourceTrack } from './timeIntegral.ts';

/**
 * Time-weighted utilization of the cluster, as fractions of capacity per resource. Formulas and
 * units: docs/metrics.md.
 *
 * @example
 * ```ts
 * const utilization: UtilizationReport = runSimulation(scenario).utilization;
 * utilization.allocated.cpus;             // e.g. 0.42 of all cores, averaged over the run
 * utilization.byFramework['batch']?.mem;
 * utilization.byPartition['batch']?.allocated.cpus; // of the partition's own cores
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
  /** Average fraction held in outstanding offers (offered but not yet used). */
  readonly offered: Record<string, number>;
  /** Average fraction of the cluster allocated to tasks, per framework. */
  readonly byFramework: Record<string, Record<string, number>>;
  /** Average fraction of the cluster used by tasks, per framework. */
  readonly usedByFramework: Record<string, Record<string, number>>;
  /** Average fraction of the cluster allocated to tasks, per role (the role of the offer each task came from). */
  readonly byRole: Record<string, Record<string, number>>;
  /** Per rack, fractions of the rack's own capacity. */
  readonly byRack: Record<string, PoolUtilization>;
  /** Per static partition (owner), fractions of the partition's own capacity; {} without static partitions. */
  readonly byPartition: Record<string, PoolUtilization>;
  /** Averages over consecutive bins of `stepSeconds` (the last may be shorter), for charts. */
  readonly series: {
    readonly stepSeconds: number;
    readonly allocated: Record<string, number[]>;
    readonly used: Record<string, number[]>;
    readonly offered: Record<string, number[]>;
    /** Fractions of the cluster's capacity (stackable across frameworks). */
    readonly byFramework: Record<string, PoolSeries>;
    /** Fractions of each partition's own capacity. */
    readonly byPartition: Record<string, PoolSeries>;
  };
}

/**
 * Options of {@link createUtilizationObserver}.
 *
 * @example
 * ```ts
 * const options: UtilizationOptions = { step: 60_000_000, partitionOf: new Map([['std-0', 'web']]) };
 * ```
 */
export interface UtilizationOptions {
  /** Series step (µs); default horizon ÷ 288 in whole seconds. */
  readonly step?: number;
  /** Machine → static partition owner, for per-partition figures. */
  readonly partitionOf?: ReadonlyMap<string, string>;
  /**
   * Roles of tasks from an attribution observed before this observer (shared with others);
   * without it the observer keeps its own.
   */
  readonly roles?: RoleAttribution;
}

interface RunningTask {
  readonly frameworkId: string;
  readonly agentId: string;
  usage: Resources;
  rate: number;
  consumed: Resources;
}

/**
 * Observes task and offer records and integrates allocated, used and offered resources over
 * time, for the cluster and per framework, role, rack and static partition.
 *
 * @example
 * ```ts
 * const utilization = createUtilizationObserver(horizonMicros, { step: 60_000_000 });
 * simulate(scenario, { observers: [utilization] });
 * utilization.report().allocated.cpus; // e.g. 0.42
 * ```
 */
export function createUtilizationObserver(
  horizon: number,
  options: UtilizationOptions = {},
): SimObserver & { report(): UtilizationReport } {
  const step = options.step ?? defaultSeriesStep(horizon);
  const partitionOf = options.partitionOf;
  let capacity: Resources = {};
  const allocated = new ResourceTrack(new Bins(step));
  const used = new ResourceTrack(new Bins(step));
  const offered = new ResourceTrack(new Bins(step));
  const frameworks = new Map<string, { allocated: ResourceTrack; used: ResourceTrack }>();
  const roles = new Map<string, ResourceTrack>();
  const racks = new PoolSet(undefined);
  const partitions = new PoolSet(step);
  const offers = new Map<string, Resources>();
  /** Running tasks per framework, by task id. */
  const tasks = new Map<string, Map<string, RunningTask>>();
  let end = 0;

  const framework = (id: string): { allocated: ResourceTrack; used: ResourceTrack } => {
    let f = frameworks.get(id);
    if (f === undefined)
      frameworks.set(
        id,
        (f = { allocated: new ResourceTrack(new Bins(step)), used: new ResourceTrack(new Bins(step)) }),
      );
    return f;
  };
  const role = (id: string): ResourceTrack => {
    let r = roles.get(id);
    if (r === undefined) roles.set(id, (r = new ResourceTrack()));
    return r;
  };
  /** Adds (sign 1) or removes (−1) a task's allocation or use everywhere it counts. */
  const book = (
    t: number,
    frameworkId: string,
    agentId: string,
    what: 'allocated' | 'used',
    delta: Resources,
    sign: 1 | -1,
  ): void => {
    (what === 'allocated' ? allocated : used).add(t, delta, sign);
    framework(frameworkId)[what].add(t, delta, sign);
    racks.poolOf(agentId)?.[what].add(t, delta, sign);
    partitions.poolOf(agentId)?.[what].add(t, delta, sign);
  };
  const consumedOf = (usage: Resources, rate: number): Resources =>
    rate === 1 || usage['cpus'] === undefined
      ? usage
      : addResources(subtractClamped(usage, { cpus: usage['cpus'] }), { cpus: usage['cpus'] * rate });
  const reuse = (t: number, task: RunningTask, usage: Resources, rate: number): void => {
    book(t, task.frameworkId, task.agentId, 'used', task.consumed, -1);
    task.usage = usage;
    task.rate = rate;
    task.consumed = consumedOf(usage, rate);
    book(t, task.frameworkId, task.agentId, 'used', task.consumed, 1);
  };
  const tasksOf = (frameworkId: string): Map<string, RunningTask> => {
    let m = tasks.get(frameworkId);
    if (m === undefined) tasks.set(frameworkId, (m = new Map<string, RunningTask>()));
    return m;
  };
  const own = options.roles === undefined ? new RoleAttribution() : undefined;
  (options.roles ?? (own as RoleAttribution)).listen({
    launched: (roleId, launch) => role(roleId).add(launch.t, launch.resources, 1),
    ended: (roleId, ended) => role(roleId).add(ended.t, ended.resources, -1),
  });

  return {
    observe(record: SimRecord): void {
      own?.observe(record);
      switch (record.kind) {
        case 'agent-added':
          capacity = addResources(capacity, record.resources);
          racks.addMachine(record.rack, record.agentId, record.resources);
          {
            const owner = partitionOf?.get(record.agentId);
            if (owner !== undefined) partitions.addMachine(owner, record.agentId, record.resources);
          }
          return;
        case 'framework-registered':
          framework(record.frameworkId);
          for (const r of record.roles) role(r);
          return;
        case 'offer-made':
          offers.set(record.offerId, record.resources);
          offered.add(record.t, record.resources, 1);
          return;
        case 'offer-accepted':
        case 'offer-declined':
        case 'offer-rescinded':
          offered.add(record.t, offers.get(record.offerId) ?? {}, -1);
          offers.delete(record.offerId);
          return;
        case 'task-launched': {
          book(record.t, record.frameworkId, record.agentId, 'allocated', record.resources, 1);
          const task: RunningTask = {
            frameworkId: record.frameworkId,
            agentId: record.agentId,
            usage: record.usage,
            rate: 1,
            consumed: record.usage,
          };
          book(record.t, record.frameworkId, record.agentId, 'used', task.consumed, 1);
          tasksOf(record.frameworkId).set(record.taskId, task);
          return;
        }
        case 'task-ended': {
          book(record.t, record.frameworkId, record.agentId, 'allocated', record.resources, -1);
          const running = tasksOf(record.frameworkId);
          const task = running.get(record.taskId);
          if (task !== undefined) {
            book(record.t, task.frameworkId, task.agentId, 'used', task.consumed, -1);
            running.delete(record.taskId);
          }
          return;
        }
        case 'task-usage':
        case 'task-rate': {
          const task = tasks.get(record.frameworkId)?.get(record.taskId);
          if (task === undefined) return;
          if (record.kind === 'task-usage') reuse(record.t, task, record.usage, task.rate);
          else reuse(record.t, task, task.usage, record.rate);
          return;
        }
        case 'run-ended':
          end = record.t;
          for (const track of [allocated, used, offered, ...roles.values()]) track.advance(end);
          for (const f of frameworks.values()) {
            f.allocated.advance(end);
            f.used.advance(end);
          }
          racks.advance(end);
          partitions.advance(end);
          return;
        default:
          return;
      }
    },
    report(): UtilizationReport {
      const perFramework = (what: 'allocated' | 'used'): Record<string, Record<string, number>> =>
        Object.fromEntries(
          [...frameworks.keys()]
            .sort()
            .map((id) => [
              id,
              averageFractions(
                (frameworks.get(id) as { allocated: ResourceTrack; used: ResourceTrack })[what].area,
                capacity,
                end,
              ),
            ]),
        );
      const frameworkSeries: Record<string, PoolSeries> = {};
      for (const id of [...frameworks.keys()].sort()) {
        const f = frameworks.get(id) as { allocated: ResourceTrack; used: ResourceTrack };
        frameworkSeries[id] = {
          allocated: binFractions(f.allocated.bins as Bins, capacity, end),
          used: binFractions(f.used.bins as Bins, capacity, end),
        };
      }
      return {
        capacity,
        allocated: averageFractions(allocated.area, capacity, end),
        used: averageFractions(used.area, capacity, end),
        offered: averageFractions(offered.area, capacity, end),
        byFramework: perFramework('allocated'),
        usedByFramework: perFramework('used'),
        byRole: Object.fromEntries(
          [...roles.keys()]
            .sort()
            .map((id) => [id, averageFractions((roles.get(id) as ResourceTrack).area, capacity, end)]),
        ),
        byRack: racks.report(end),
        byPartition: partitions.report(end),
        series: {
          stepSeconds: step / 1_000_000,
          allocated: binFractions(allocated.bins as Bins, capacity, end),
          used: binFractions(used.bins as Bins, capacity, end),
          offered: binFractions(offered.bins as Bins, capacity, end),
          byFramework: frameworkSeries,
          byPartition: partitions.series(end),
        },
      };
    },
  };
}
