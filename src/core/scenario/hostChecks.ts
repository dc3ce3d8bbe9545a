import type { MachineClassSpec, Topology } from '../cluster/topology.ts';
import type { LocatedIssue } from './issues.ts';

/**
 * Physical hosts sit in one rack: every machine (VM) on a host must be in the same rack, or a
 * rack's switch failure and the host's failure would disagree about where the host is.
 * @module
 */

/**
 * The issues of a topology whose hosts span racks, each at the first machine class that puts a
 * machine of the host in another rack than the host's first machine.
 *
 * @example
 * ```ts
 * const classes = [{ class: 'vm', count: 2, resources: { cpus: 4 }, hosts: ['h1'] }];
 * hostRackIssues(buildTopology(['r1', 'r2'], classes), classes);
 * // [{ path: ['topology', 'machines', 0, 'hosts'], message: 'host "h1" holds machines in racks r1 (vm-0) and r2 (vm-1); … }]
 * ```
 */
export function hostRackIssues(topology: Topology, classes: readonly MachineClassSpec[]): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const [host, machineIds] of topology.hosts) {
    const first = topology.machine(machineIds[0] ?? '');
    const other = machineIds.map((id) => topology.machine(id)).find((m) => m !== undefined && m.rack !== first?.rack);
    if (first === undefined || other === undefined) continue;
    const classIndex = classes.findIndex((c) => c.class === other.machineClass);
    issues.push({
      path: ['topology', 'machines', classIndex, 'hosts'],
      message:
        `host "${host}" holds machines in racks ${first.rack} (${first.id}) and ${other.rack} (${other.id}); ` +
        'a physical host sits in one rack: give the class as many hosts as racks (or a multiple), or one rack',
    });
  }
  return issues;
}
