import type { Topology } from '../cluster/topology.ts';
import type { Rng } from '../kernel/rng.ts';
import type { Micros } from '../kernel/time.ts';
import type { FailureSpec } from '../scenario/schema.ts';

/**
 * One failure, as the master applies it.
 *
 * @example
 * ```ts
 * const reboot: FailureEvent = { at: 3600e6, kind: 'crash', machines: ['web-3'], recoverAt: 4200e6, cause: 'reboot' };
 * ```
 */
export type FailureEvent =
  /** Machines crash (their tasks die); with `recoverAt` they come back empty then. */
  | {
      readonly at: Micros;
      readonly kind: 'crash';
      readonly machines: readonly string[];
      readonly recoverAt: Micros | undefined;
      readonly cause: string;
    }
  /** Maintenance: no more offers, tasks killed with their grace period; back at `until` if given. */
  | { readonly at: Micros; readonly kind: 'drain'; readonly machine: string; readonly until: Micros | undefined }
  /** Machines cut off from the network (tasks keep running, nobody can reach them) until `until`. */
  | {
      readonly at: Micros;
      readonly kind: 'partition';
      readonly machines: readonly string[];
      readonly until: Micros;
      readonly cause: string;
    }
  /** The operator marks the machine gone (MARK_AGENT_GONE): it never comes back. */
  | { readonly at: Micros; readonly kind: 'mark-gone'; readonly machine: string }
  /** The master goes down; a new leader takes over at `until`. */
  | { readonly at: Micros; readonly kind: 'master-failover'; readonly until: Micros }
  /** A framework's scheduler goes down; its new leader re-registers at `until`. */
  | { readonly at: Micros; readonly kind: 'framework-failover'; readonly frameworkId: string; readonly until: Micros };

/**
 * Turns a scenario's failure entries into a time-ordered list of failure events up to the horizon.
 * Random schedules draw from their own streams (`failures/<entry>/<machine or rack>`), so adding a
 * machine or an entry never moves another's failures.
 *
 * @example
 * ```ts
 * expandFailures([{ kind: 'switch-failure', at: 7200e6, rack: 'r2', duration: 600e6 }], topology, 86400e6, rng);
 * // [{ at: 7200e6, kind: 'partition', machines: [… every machine of r2 …], until: 7800e6, cause: 'switch r2/tor' }]
 * ```
 */
export function expandFailures(
  specs: readonly FailureSpec[],
  topology: Topology,
  horizon: Micros,
  rng: Rng,
): FailureEvent[] {
  const events: FailureEvent[] = [];
  const rackMachines = (rack: string): string[] => [...(topology.racks.find((r) => r.id === rack)?.machineIds ?? [])];
  specs.forEach((spec, index) => {
    const stream = (name: string): Rng => rng.fork(`failures/${index}/${name}`);
    /** Alternating up and down periods: Exp(mtbf) up, then Exp(mttr) down, until the horizon. */
    const renewals = (name: string, mtbf: number, mttr: number, emit: (at: Micros, back: Micros) => void): void => {
      const r = stream(name);
      let t = 0;
      for (;;) {
        t += Math.round(r.exponential(mtbf));
        if (t > horizon) return;
        const back = t + Math.max(1, Math.round(r.exponential(mttr)));
        emit(t, back);
        t = back;
      }
    };
    const racksOf = (racks: readonly string[] | undefined): readonly string[] =>
      racks ?? topology.racks.map((r) => r.id);
    switch (spec.kind) {
      case 'machine-crash':
        events.push({
          at: spec.at,
          kind: 'crash',
          machines: [spec.machine],
          recoverAt: spec.recoverAfter === undefined ? undefined : spec.at + spec.recoverAfter,
          cause: 'crash',
        });
        break;
      case 'machine-reboot':
        events.push({
          at: spec.at,
          kind: 'crash',
          machines: [spec.machine],
          recoverAt: spec.at + spec.duration,
          cause: 'reboot',
        });
        break;
      case 'host-failure':
      case 'host-reboot':
        events.push({
          at: spec.at,
          kind: 'crash',
          machines: [...(topology.hosts.get(spec.host) ?? [])],
          recoverAt:
            spec.kind === 'host-reboot'
              ? spec.at + spec.duration
              : spec.recoverAfter === undefined
                ? undefined
                : spec.at + spec.recoverAfter,
          cause: spec.kind === 'host-reboot' ? `host ${spec.host} reboot` : `host ${spec.host} down`,
        });
        break;
      case 'drain':
        events.push({
          at: spec.at,
          kind: 'drain',
          machine: spec.machine,
          until: spec.duration === undefined ? undefined : spec.at + spec.duration,
        });
        break;
      case 'switch-failure':
        events.push({
          at: spec.at,
          kind: 'partition',
          machines: rackMachines(spec.rack),
          until: spec.at + spec.duration,
          cause: `switch ${spec.rack}/tor`,
        });
        break;
      case 'partition':
        events.push({
          at: spec.at,
          kind: 'partition',
          machines: spec.machines,
          until: spec.at + spec.duration,
          cause: 'network partition',
        });
        break;
      case 'master-failover':
        events.push({ at: spec.at, kind: 'master-failover', until: spec.at + spec.duration });
        break;
      case 'mark-agent-gone':
        events.push({ at: spec.at, kind: 'mark-gone', machine: spec.machine });
        break;
      case 'framework-failover':
        events.push({
          at: spec.at,
          kind: 'framework-failover',
          frameworkId: spec.framework,
          until: spec.at + spec.duration,
        });
        break;
      case 'random-machine-failures':
        for (const m of topology.machines) {
          if (spec.classes !== undefined && !spec.classes.includes(m.machineClass)) continue;
          if (spec.racks !== undefined && !spec.racks.includes(m.rack)) continue;
          renewals(m.id, spec.mtbf, spec.mttr, (at, back) =>
            events.push({ at, kind: 'crash', machines: [m.id], recoverAt: back, cause: 'random crash' }),
          );
        }
        break;
      case 'random-switch-failures':
        for (const rack of racksOf(spec.racks)) {
          renewals(rack, spec.mtbf, spec.mttr, (at, back) =>
            events.push({
              at,
              kind: 'partition',
              machines: rackMachines(rack),
              until: back,
              cause: `switch ${rack}/tor`,
            }),
          );
        }
        break;
      case 'random-rack-failures':
        for (const rack of racksOf(spec.racks)) {
          renewals(rack, spec.mtbf, spec.mttr, (at, back) =>
            events.push({
              at,
              kind: 'crash',
              machines: rackMachines(rack),
              recoverAt: back,
              cause: `rack ${rack} down`,
            }),
          );
        }
        break;
    }
  });
  // Stable: events at the same time keep the scenario's order.
  return events.filter((e) => e.at <= horizon).sort((a, b) => a.at - b.at);
}
