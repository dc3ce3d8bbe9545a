import { addResources, type Resources } from '../core/cluster/resources.ts';
import { averageFractions, binFractions, Bins, ResourceTrack } from './timeIntegral.ts';

/**
 * Utilization of a pool of machines (a rack, a static partition), as fractions of the pool's own
 * capacity.
 *
 * @example
 * ```ts
 * const hadoop: PoolUtilization | undefined = runSimulation(scenario).utilization.byPartition['hadoop'];
 * hadoop?.allocated['cpus']; // 0.5: half the partition's cores allocated, on average
 * ```
 */
export interface PoolUtilization {
  readonly machines: number;
  readonly capacity: Resources;
  /** Time-averaged fraction of the pool's capacity allocated to tasks. */
  readonly allocated: Record<string, number>;
  /** Time-averaged fraction of the pool's capacity tasks used (CPU × speed). */
  readonly used: Record<string, number>;
}

/**
 * Allocated and used fractions of a pool's capacity per series bin.
 *
 * @example
 * ```ts
 * const series: PoolSeries | undefined = runSimulation(scenario).utilization.series.byPartition['web'];
 * series?.allocated['cpus']?.[0]; // the first bin's average
 * ```
 */
export interface PoolSeries {
  readonly allocated: Record<string, number[]>;
  readonly used: Record<string, number[]>;
}

/**
 * One pool's books: its machines and capacity, and what is allocated and used on it over time.
 *
 * @example
 * ```ts
 * const pool = new PoolSet(undefined).addMachine('r1', 'std-0', { cpus: 4 });
 * pool.allocated.add(0, { cpus: 1 }, 1);
 * ```
 */
export interface Pool {
  machines: number;
  capacity: Resources;
  readonly allocated: ResourceTrack;
  readonly used: ResourceTrack;
}

/**
 * Pools of machines keyed by name (rack, partition owner), each integrating its own allocated and
 * used resources, with series bins when a step is given.
 *
 * @example
 * ```ts
 * const racks = new PoolSet(undefined);
 * racks.addMachine('r1', 'std-0', { cpus: 4 });
 * racks.poolOf('std-0')?.allocated.add(0, { cpus: 4 }, 1);
 * racks.report(10_000_000)['r1']?.allocated['cpus']; // 1
 * ```
 */
export class PoolSet {
  readonly #step: number | undefined;
  readonly #pools = new Map<string, Pool>();
  readonly #byMachine = new Map<string, Pool>();

  constructor(step: number | undefined) {
    this.#step = step;
  }

  addMachine(poolId: string, machineId: string, resources: Resources): Pool {
    let pool = this.#pools.get(poolId);
    if (pool === undefined) {
      const bins = (): Bins | undefined => (this.#step === undefined ? undefined : new Bins(this.#step));
      pool = { machines: 0, capacity: {}, allocated: new ResourceTrack(bins()), used: new ResourceTrack(bins()) };
      this.#pools.set(poolId, pool);
    }
    if (!this.#byMachine.has(machineId)) {
      pool.machines++;
      pool.capacity = addResources(pool.capacity, resources);
      this.#byMachine.set(machineId, pool);
    }
    return pool;
  }

  poolOf(machineId: string): Pool | undefined {
    return this.#byMachine.get(machineId);
  }

  /** Brings every pool's integrals up to `t`. */
  advance(t: number): void {
    for (const pool of this.#pools.values()) {
      pool.allocated.advance(t);
      pool.used.advance(t);
    }
  }

  report(end: number): Record<string, PoolUtilization> {
    const out: Record<string, PoolUtilization> = {};
    for (const id of [...this.#pools.keys()].sort()) {
      const pool = this.#pools.get(id) as Pool;
      out[id] = {
        machines: pool.machines,
        capacity: pool.capacity,
        allocated: averageFractions(pool.allocated.area, pool.capacity, end),
        used: averageFractions(pool.used.area, pool.capacity, end),
      };
    }
    return out;
  }

  series(end: number): Record<string, PoolSeries> {
    const out: Record<string, PoolSeries> = {};
    for (const id of [...this.#pools.keys()].sort()) {
      const pool = this.#pools.get(id) as Pool;
      const { allocated, used } = pool;
      if (allocated.bins === undefined || used.bins === undefined) continue;
      out[id] = {
        allocated: binFractions(allocated.bins, pool.capacity, end),
        used: binFractions(used.bins, pool.capacity, end),
      };
    }
    return out;
  }
}
