import { normalizeResources, type Resources } from '../../core/cluster/resources.ts';
import { RowFields, type RowSource } from './alibabaFields.ts';
import { forEachRow, openAlibabaRows } from './alibabaFiles.ts';
import { MachinePoolBuilder, type TraceMachinePool } from './alibabaMachinePool.ts';

const COLUMNS = ['machine_id', 'time_stamp', 'failure_domain_1', 'failure_domain_2', 'cpu_num', 'mem_size', 'status'] as const;

/**
 * Options of {@link alibaba2018Machines}.
 *
 * @example
 * ```ts
 * const options: Alibaba2018MachineOptions = { racks: 'failure_domain_1', at: 86_400, statuses: ['USING'] };
 * ```
 */
export interface Alibaba2018MachineOptions {
  /** Cores per unit of cpu_num (a real core count): default 1. */
  readonly cpuUnit?: number;
  /** MB per unit of mem_size (normalized to [0, 100]): default 1,000, as the 2018 workloads' memUnit. */
  readonly memUnit?: number;
  /**
   * Take racks from a failure domain: each machine goes in rack `fd1-<value>` (or `fd2-<value>`),
   * and classes are split by rack. Default: no racks (the scenario's own).
   */
  readonly racks?: 'failure_domain_1' | 'failure_domain_2';
  /**
   * A machine's capacity (and status) is that of its latest row at or before this trace time;
   * machines without such a row are left out. Default: each machine's first row.
   */
  readonly at?: number;
  /** Only machines whose chosen row has one of these statuses (the schema does not list them). */
  readonly statuses?: readonly string[];
  /** Class names `<classPrefix>-<n>`, machines `<classPrefix>-<n>-<i>`: default `alibaba`. */
  readonly classPrefix?: string;
  /** Skip (and count) malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
}

/**
 * The machine pool of an Alibaba 2018 `machine_meta.csv` (no header; several rows per machine over
 * time): each machine once, with `cpu_num × cpuUnit` cores and `mem_size × memUnit` MB, from its
 * first row (or its latest row at or before `at`). Machines with identical capacities (and rack)
 * form one class, in order of first appearance; `machineIdOf('m_12')` gives the simulator's id
 * `<class>-<i>`. With `racks`, pass `pool.racks` as the topology's racks.
 *
 * @example
 * ```ts
 * const pool = alibaba2018Machines('data/machine_meta.csv', { racks: 'failure_domain_1' });
 * const topology = { racks: [...pool.racks], machines: pool.classes };
 * ```
 */
export function alibaba2018Machines(file: string, options: Alibaba2018MachineOptions = {}, rows: RowSource = openAlibabaRows(file)): TraceMachinePool {
  const cpuUnit = options.cpuUnit ?? 1;
  const memUnit = options.memUnit ?? 1_000;
  const statuses = options.statuses === undefined ? undefined : new Set(options.statuses);
  const fields = new RowFields(file, COLUMNS);
  const chosen = new Map<string, { time: number; resources: Resources; rack: string | undefined; status: string }>();
  let repeated = 0;
  const skipped = forEachRow(rows, options.skipBadRows ?? false, (row) => {
    fields.expectColumns(row);
    const machine = fields.text(row, 0);
    const time = fields.integer(row, 1);
    const domain = options.racks === undefined ? undefined : fields.text(row, options.racks === 'failure_domain_1' ? 2 : 3);
    const cpus = fields.number(row, 4, 0);
    const mem = fields.number(row, 5, 0);
    const status = fields.text(row, 6);
    const rack = domain === undefined ? undefined : `${options.racks === 'failure_domain_1' ? 'fd1' : 'fd2'}-${domain}`;
    if (rack !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rack)) throw fields.error(row, `failure domain "${domain}" cannot name a rack`);
    const previous = chosen.get(machine);
    if (previous !== undefined) repeated++;
    const later = options.at === undefined ? previous === undefined : time <= options.at && (previous === undefined || time >= previous.time);
    if (!later) return;
    const resources = normalizeResources({ cpus: cpus * cpuUnit, mem: mem * memUnit });
    if (resources['cpus'] === undefined) throw fields.error(row, 'a machine needs cpu_num > 0');
    chosen.set(machine, { time, resources, rack, status });
  });
  const pool = new MachinePoolBuilder(options.classPrefix ?? 'alibaba');
  for (const [machine, state] of chosen) {
    if (statuses === undefined || statuses.has(state.status)) pool.add(machine, state.resources, state.rack);
  }
  return { ...pool.build(skipped), repeatedRows: repeated };
}
