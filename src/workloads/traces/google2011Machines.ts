import { normalizeResources, isEmptyResources } from '../../core/cluster/resources.ts';
import type { MachineClassSpec } from '../../core/cluster/topology.ts';
import { TraceError } from '../loadTrace.ts';
import { openRowStream, traceErrorAt } from './csvStream.ts';

/**
 * The size assumed for the Google 2011 trace's largest machine (normalized 1.0): 32 cores and
 * 64 GiB. The trace never says; pass your own `machineCpus`/`machineMem` to both the workload and
 * {@link googleMachineClasses} so that tasks and machines are scaled alike.
 *
 * @example
 * ```ts
 * GOOGLE_2011_LARGEST_MACHINE.cpus; // 32
 * ```
 */
export const GOOGLE_2011_LARGEST_MACHINE = { cpus: 32, mem: 65_536 } as const;

/**
 * Options of {@link googleMachineClasses}.
 *
 * @example
 * ```ts
 * const options: GoogleMachineClassOptions = { machineCpus: 48, machineMem: 131_072, count: 100 };
 * ```
 */
export interface GoogleMachineClassOptions {
  /** Cores of a normalized 1.0 machine (default 32). */
  readonly machineCpus?: number;
  /** MB of memory of a normalized 1.0 machine (default 65,536). */
  readonly machineMem?: number;
  /** Total machines wanted: class counts are scaled to sum to it (largest remainders); default: the trace's own counts. */
  readonly count?: number;
}

/**
 * Machine classes for a scenario's `topology.machines`, from a machine-capacity histogram of the
 * Google 2011 trace: a CSV with a header naming at least `cpu`, `memory` (normalized capacities)
 * and `number_of_machines` — the form of `machine_capacity_histogram.derived.csv` in the shared
 * samples, itself aggregated from `machine_events` ADD rows (the raw `machine_events` table is not
 * in the samples). Class names are `google-c<cpu>-m<memory>`; classes scaled to zero machines
 * are left out.
 *
 * @example
 * ```ts
 * const classes = googleMachineClasses('machine_capacity_histogram.derived.csv', { count: 100 });
 * classes[0]; // { class: 'google-c1.0-m1.0', count: 6, resources: { cpus: 32, mem: 65536 } }
 * buildTopology(['r1', 'r2'], classes).machines.length; // 100
 * ```
 */
export function googleMachineClasses(file: string, options: GoogleMachineClassOptions = {}): MachineClassSpec[] {
  const machineCpus = options.machineCpus ?? GOOGLE_2011_LARGEST_MACHINE.cpus;
  const machineMem = options.machineMem ?? GOOGLE_2011_LARGEST_MACHINE.mem;
  if (options.count !== undefined && !(Number.isInteger(options.count) && options.count > 0)) {
    throw new RangeError(`count must be a positive integer, got ${options.count}`);
  }
  const rows = openRowStream(file);
  const header = rows.next();
  if (header === undefined) throw new TraceError(`${file}: empty file; expected a header with cpu, memory, number_of_machines`);
  const column = (name: string): number => {
    const index = header.fields.findIndex((f) => f.trim() === name);
    if (index < 0) {
      rows.close();
      throw traceErrorAt(file, header.line, `no "${name}" column; expected a header with cpu, memory, number_of_machines`);
    }
    return index;
  };
  const [cpuAt, memAt, countAt] = [column('cpu'), column('memory'), column('number_of_machines')];
  const found: { name: string; cpu: number; mem: number; machines: number }[] = [];
  for (let row = rows.next(); row !== undefined; row = rows.next()) {
    const value = (index: number, name: string, integer: boolean): number => {
      const text = (row?.fields[index] ?? '').trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
        rows.close();
        throw traceErrorAt(file, row?.line ?? 0, `${name} "${text}" is not ${integer ? 'an integer' : 'a number'} ≥ 0`);
      }
      return n;
    };
    const cpuText = (row.fields[cpuAt] ?? '').trim();
    const memText = (row.fields[memAt] ?? '').trim();
    found.push({ name: `google-c${cpuText}-m${memText}`, cpu: value(cpuAt, 'cpu', false), mem: value(memAt, 'memory', false), machines: value(countAt, 'number_of_machines', true) });
  }
  const counts = options.count === undefined ? found.map((c) => c.machines) : apportion(found.map((c) => c.machines), options.count);
  const classes: MachineClassSpec[] = [];
  found.forEach((c, i) => {
    const resources = normalizeResources({ cpus: c.cpu * machineCpus, mem: c.mem * machineMem });
    const count = counts[i] ?? 0;
    if (count > 0 && !isEmptyResources(resources)) classes.push({ class: c.name, count, resources });
  });
  return classes;
}

/** Integer counts proportional to `weights` summing to `total` (largest remainders; ties to the earlier class). */
function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w * total) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
