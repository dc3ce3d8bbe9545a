import type { Resources } from './resources.ts';

/**
 * A machine (a Mesos agent): its resources and attributes.
 *
 * @example
 * ```ts
 * const topo = buildTopology(['r1'], [{ class: 'web', count: 2, resources: { cpus: 4 } }]);
 * const machine: Machine | undefined = topo.machine('web-1');
 * machine?.attributes; // { hostname: 'web-1', rack: 'r1' }
 * ```
 */
export interface Machine {
  /** Unique id, also its hostname: `<class>-<index>`, e.g. `web-3`. */
  readonly id: string;
  /** The machine class it was built from. */
  readonly machineClass: string;
  /** The rack it sits in (behind that rack's top-of-rack switch). */
  readonly rack: string;
  /**
   * The physical host it runs on when it is a virtual machine (e.g. an OpenStack compute node):
   * a failure domain between the machine and its rack. Undefined for bare metal.
   */
  readonly host?: string | undefined;
  /** Total resources. */
  readonly resources: Resources;
  /** Attributes for placement constraints; always include `hostname` and `rack`. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Static reservations: role → resources (part of `resources`). */
  readonly reserved: Readonly<Record<string, Resources>>;
  /** Whether its agent caps CPU with a CFS quota (`--cgroups_enable_cfs`); unset: the scenario's. */
  readonly cfsQuota?: boolean | undefined;
}

/**
 * A rack and its top-of-rack switch.
 *
 * @example
 * ```ts
 * const topo = buildTopology(['r1'], [{ class: 'web', count: 2, resources: { cpus: 4 } }]);
 * const rack: Rack | undefined = topo.rackOf('web-0');
 * rack; // { id: 'r1', switchId: 'r1/tor', machineIds: ['web-0', 'web-1'] }
 * ```
 */
export interface Rack {
  readonly id: string;
  /** Id of the rack's top-of-rack switch (`<rack>/tor`). */
  readonly switchId: string;
  /** Machines in the rack, in creation order. */
  readonly machineIds: readonly string[];
}

/**
 * The cluster's machines and racks (immutable once built).
 *
 * @example
 * ```ts
 * const topo: Topology = buildTopology(['r1', 'r2'], [{ class: 'std', count: 3, resources: { cpus: 8 } }]);
 * topo.machines.length;      // 3
 * topo.rackOf('std-2')?.id;  // 'r1'
 * ```
 */
export interface Topology {
  readonly machines: readonly Machine[];
  readonly racks: readonly Rack[];
  /** The machine with this id, or undefined. */
  machine(id: string): Machine | undefined;
  /** The rack holding a machine, or undefined for an unknown id. */
  rackOf(machineId: string): Rack | undefined;
  /** Physical hosts by id: the machines (VMs) on each, in creation order. */
  readonly hosts: ReadonlyMap<string, readonly string[]>;
}

/**
 * A class of identical machines, as written in a scenario's `topology.machines`.
 *
 * @example
 * ```ts
 * const gpuBoxes: MachineClassSpec = { class: 'gpu', count: 2, resources: { cpus: 16, gpus: 4 }, racks: ['r2'] };
 * buildTopology(['r1', 'r2'], [gpuBoxes]).machines.map((m) => m.id); // ['gpu-0', 'gpu-1']
 * ```
 */
export interface MachineClassSpec {
  readonly class: string;
  readonly count: number;
  readonly resources: Resources;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  /** Racks its machines go to, round-robin; default: every rack. */
  readonly racks?: readonly string[] | undefined;
  /** Physical hosts its machines (VMs) run on, round-robin; default: none (bare metal). */
  readonly hosts?: readonly string[] | undefined;
  /** Static reservations on each machine: role → resources. */
  readonly reserved?: Readonly<Record<string, Resources>> | undefined;
  /** Whether its agents cap CPU with a CFS quota; unset: the scenario's setting. */
  readonly cfsQuota?: boolean | undefined;
}

/**
 * Builds a topology: racks by name, then each machine class's machines dealt round-robin over its
 * racks (so a class spread over 3 racks puts machine 0 in the first, 1 in the second, …), and over
 * its physical hosts if it names any (the machines are then VMs; their attributes gain `host`).
 *
 * @example
 * ```ts
 * const topo = buildTopology(['r1', 'r2'], [{ class: 'std', count: 4, resources: { cpus: 8 } }]);
 * topo.machines.map((m) => m.rack); // ['r1', 'r2', 'r1', 'r2']
 * topo.rackOf('std-1')?.id;         // 'r2'
 * // Virtual machines on physical hosts, dealt round-robin too:
 * const vms = buildTopology(['r1'], [{ class: 'vm', count: 3, resources: { cpus: 4 }, hosts: ['h1', 'h2'] }]);
 * vms.hosts.get('h1'); // ['vm-0', 'vm-2']
 * vms.machine('vm-1')?.attributes; // { hostname: 'vm-1', rack: 'r1', host: 'h2' }
 * ```
 */
export function buildTopology(rackIds: readonly string[], classes: readonly MachineClassSpec[]): Topology {
  if (rackIds.length === 0) throw new RangeError('a topology needs at least one rack');
  const machines: Machine[] = [];
  const byRack = new Map<string, string[]>(rackIds.map((id) => [id, []]));
  const hosts = new Map<string, string[]>();
  for (const spec of classes) {
    const racks = spec.racks ?? rackIds;
    for (let i = 0; i < spec.count; i++) {
      const rack = racks[i % racks.length] as string;
      const id = `${spec.class}-${i}`;
      const rackMachines = byRack.get(rack);
      if (rackMachines === undefined) throw new RangeError(`machine class ${spec.class} names unknown rack ${rack}`);
      rackMachines.push(id);
      const host = spec.hosts === undefined ? undefined : spec.hosts[i % spec.hosts.length];
      if (host !== undefined) hosts.set(host, [...(hosts.get(host) ?? []), id]);
      machines.push({
        id,
        machineClass: spec.class,
        rack,
        ...(host === undefined ? {} : { host }),
        resources: spec.resources,
        attributes: { ...spec.attributes, hostname: id, rack, ...(host === undefined ? {} : { host }) },
        reserved: spec.reserved ?? {},
        ...(spec.cfsQuota === undefined ? {} : { cfsQuota: spec.cfsQuota }),
      });
    }
  }
  const racks: Rack[] = rackIds.map((id) => ({ id, switchId: `${id}/tor`, machineIds: byRack.get(id) ?? [] }));
  const machineById = new Map(machines.map((m) => [m.id, m]));
  const rackById = new Map(racks.map((r) => [r.id, r]));
  return {
    machines,
    racks,
    hosts,
    machine: (id) => machineById.get(id),
    rackOf: (machineId) => {
      const machine = machineById.get(machineId);
      return machine === undefined ? undefined : rackById.get(machine.rack);
    },
  };
}
