import { normalizeResources } from '../../core/cluster/resources.ts';
import { RowFields, type RowSource, type TraceRow } from './alibabaFields.ts';
import { forEachRow, openAlibabaRows } from './alibabaFiles.ts';
import { MachinePoolBuilder, type TraceMachinePool } from './alibabaMachinePool.ts';

/**
 * Alibaba cluster-trace-v2017 `server_event.csv`: machine events (no header). Shared by the
 * machine-pool reader and the failure reader.
 * @module
 */

/**
 * Column names of `server_event.csv`, in order.
 *
 * @example
 * ```ts
 * SERVER_EVENT_COLUMNS[2]; // 'event type'
 * ```
 */
export const SERVER_EVENT_COLUMNS = ['timestamp', 'machine id', 'event type', 'event detail', 'cpus', 'normalized memory', 'normalized disk'] as const;

/**
 * Event types of `server_event.csv`: the three documented ones, and `remove`, which the schema
 * allows for machines leaving (none occur in the published file).
 *
 * @example
 * ```ts
 * SERVER_EVENT_TYPES.includes('softerror'); // true
 * ```
 */
export const SERVER_EVENT_TYPES: readonly string[] = ['add', 'softerror', 'harderror', 'remove'];

/**
 * Reads a `server_event.csv` row's common fields (time, machine id, event type); throws a
 * TraceError for a wrong column count, a non-integer time or machine id, or an unknown event type.
 *
 * @example
 * ```ts
 * const read = serverEventReader('server_event.csv');
 * read({ line: 1, fields: ['0', '1148', 'add', '', '64', '0.69', '1'] }); // { time: 0, machine: '1148', type: 'add' }
 * ```
 */
export function serverEventReader(file: string): (row: TraceRow) => { time: number; machine: string; type: string } {
  const fields = new RowFields(file, SERVER_EVENT_COLUMNS);
  return (row) => {
    fields.expectColumns(row);
    const time = fields.integer(row, 0);
    const machine = String(fields.integer(row, 1));
    const type = fields.text(row, 2);
    if (!SERVER_EVENT_TYPES.includes(type)) throw fields.error(row, `event type "${type}" is not one of ${SERVER_EVENT_TYPES.join(', ')}`);
    return { time, machine, type };
  };
}

/**
 * Options of {@link alibaba2017Machines}.
 *
 * @example
 * ```ts
 * const options: Alibaba2017MachineOptions = { memUnit: 262_144, classPrefix: 'ali' };
 * ```
 */
export interface Alibaba2017MachineOptions {
  /** Cores per unit of the cpus column (a real core count in 2017): default 1. */
  readonly cpuUnit?: number;
  /** MB per 1.0 of normalized memory: default 100,000, as for the batch workload's memUnit. */
  readonly memUnit?: number;
  /** Class names are `<classPrefix>-<n>`, machines `<classPrefix>-<n>-<i>`: default `alibaba`. */
  readonly classPrefix?: string;
  /** Skip (and count) malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
}

/**
 * The machine pool of the Alibaba 2017 trace: every `add` row of `server_event.csv` is a machine
 * with `cpus × cpuUnit` cores and `normalized memory × memUnit` MB (disk is left out: batch tasks
 * request none). Machines with identical capacities form one class, named in order of first
 * appearance; a machine's simulator id is `<class>-<i>` with i its rank in its class in file order,
 * which `machineIdOf` returns (for {@link alibaba2017Failures}). Error rows are not read here.
 *
 * @example
 * ```ts
 * const pool = alibaba2017Machines('traces/alibaba-2017-excerpt/server_event.csv');
 * const topology = { machines: pool.classes }; // six classes, 1,313 machines
 * pool.machineIdOf('1148'); // 'alibaba-0-0'
 * ```
 */
export function alibaba2017Machines(file: string, options: Alibaba2017MachineOptions = {}, rows: RowSource = openAlibabaRows(file)): TraceMachinePool {
  const cpuUnit = options.cpuUnit ?? 1;
  const memUnit = options.memUnit ?? 100_000;
  const fields = new RowFields(file, SERVER_EVENT_COLUMNS);
  const read = serverEventReader(file);
  const pool = new MachinePoolBuilder(options.classPrefix ?? 'alibaba');
  const skipped = forEachRow(rows, options.skipBadRows ?? false, (row) => {
    const event = read(row);
    if (event.type !== 'add') return;
    const cpus = fields.number(row, 4, 0);
    const mem = fields.number(row, 5, 0);
    const resources = normalizeResources({ cpus: cpus * cpuUnit, mem: mem * memUnit });
    if (resources['cpus'] === undefined) throw fields.error(row, 'an added machine needs cpus > 0');
    pool.add(event.machine, resources);
  });
  return pool.build(skipped);
}
