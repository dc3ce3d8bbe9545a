import type { Resources } from '../../core/cluster/resources.ts';

/**
 * A scenario's machine pool built from a trace's machine list: machines with identical capacities
 * (and rack, when racks are taken from the trace) grouped into classes, and the map from the
 * trace's machine ids to the simulator's (`<class>-<index>`).
 * @module
 */

/**
 * A machine class entry, as written in a scenario's `topology.machines`.
 *
 * @example
 * ```ts
 * const entry: TraceMachineClass = { class: 'alibaba-1', count: 736, resources: { cpus: 64, mem: 68996.972 } };
 * ```
 */
export interface TraceMachineClass {
  readonly class: string;
  readonly count: number;
  readonly resources: Resources;
  /** The rack of every machine of the class (only when racks come from the trace). */
  readonly racks?: string[];
}

/**
 * A machine pool read from a trace; `classes` and `racks` go straight into a scenario's topology.
 *
 * @example
 * ```ts
 * const pool: TraceMachinePool = alibaba2017Machines('traces/alibaba-2017-excerpt/server_event.csv');
 * const topology = { machines: pool.classes };
 * pool.machineIdOf('1148'); // 'alibaba-0-0': the first machine of the first class
 * ```
 */
export interface TraceMachinePool {
  /** Classes in order of their first machine in the file. */
  readonly classes: TraceMachineClass[];
  /** Rack ids used by the classes (empty unless racks come from the trace), in order of first use. */
  readonly racks: string[];
  /** Machines in the pool. */
  readonly machines: number;
  /** The simulator's id of a trace machine (`<class>-<index>`, index in file order), or undefined. */
  machineIdOf: (traceId: string) => string | undefined;
  /** Malformed rows skipped (with skipBadRows). */
  readonly skippedRows: number;
  /** Machines met again after their first row (later rows ignored). */
  readonly repeatedRows: number;
}

/**
 * Collects machines one at a time and groups them into classes.
 *
 * @example
 * ```ts
 * const builder = new MachinePoolBuilder('alibaba');
 * builder.add('1', { cpus: 64, mem: 69000 }); builder.add('2', { cpus: 64, mem: 69000 });
 * builder.build(0).classes; // [{ class: 'alibaba-0', count: 2, resources: { cpus: 64, mem: 69000 } }]
 * ```
 */
export class MachinePoolBuilder {
  readonly #prefix: string;
  readonly #classes = new Map<string, { name: string; count: number; resources: Resources; rack: string | undefined }>();
  readonly #ids = new Map<string, string>();
  readonly #racks: string[] = [];
  #repeated = 0;

  constructor(classPrefix: string) {
    this.#prefix = classPrefix;
  }

  /** Whether the trace machine is already in the pool. */
  has(traceId: string): boolean {
    return this.#ids.has(traceId);
  }

  /** Adds a machine; a machine already added is counted as repeated and otherwise ignored. */
  add(traceId: string, resources: Resources, rack?: string): void {
    if (this.#ids.has(traceId)) {
      this.#repeated++;
      return;
    }
    const key = `${JSON.stringify(Object.entries(resources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}@${rack ?? ''}`;
    let entry = this.#classes.get(key);
    if (entry === undefined) {
      entry = { name: `${this.#prefix}-${this.#classes.size}`, count: 0, resources, rack };
      this.#classes.set(key, entry);
      if (rack !== undefined && !this.#racks.includes(rack)) this.#racks.push(rack);
    }
    this.#ids.set(traceId, `${entry.name}-${entry.count}`);
    entry.count++;
  }

  /** The pool (`skippedRows` as counted by the reader). */
  build(skippedRows: number): TraceMachinePool {
    const ids = this.#ids;
    return {
      classes: [...this.#classes.values()].map((c) => ({
        class: c.name,
        count: c.count,
        resources: c.resources,
        ...(c.rack === undefined ? {} : { racks: [c.rack] }),
      })),
      racks: [...this.#racks],
      machines: ids.size,
      machineIdOf: (traceId) => ids.get(traceId),
      skippedRows,
      repeatedRows: this.#repeated,
    };
  }
}
