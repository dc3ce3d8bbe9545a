import type { Resources } from '../cluster/resources.ts';
import type { Micros } from '../kernel/time.ts';

/**
 * Who gets an agent's revocable resources: among the active revocable-capable frameworks with a
 * role they have not suppressed and no live decline filter for this agent, the one whose
 * revocable tasks hold the fewest CPUs (then the fewest memory, then by id). The offer goes to
 * its first unsuppressed role.
 *
 * @example
 * ```ts
 * const frameworks = [
 *   { id: 'spark', roles: ['batch'], suppressedRoles: new Set<string>() },
 *   { id: 'hadoop', roles: ['batch'], suppressedRoles: new Set<string>() },
 * ];
 * revocableOfferTarget(frameworks, 'm1', 0, new Map(), (id) => (id === 'spark' ? { cpus: 4 } : {}));
 * // { frameworkId: 'hadoop', role: 'batch' }
 * ```
 */
export function revocableOfferTarget(
  frameworks: readonly {
    readonly id: string;
    readonly roles: readonly string[];
    readonly suppressedRoles: ReadonlySet<string>;
  }[],
  agentId: string,
  now: Micros,
  declineFilters: ReadonlyMap<string, Micros>,
  heldBy: (frameworkId: string) => Resources,
): { readonly frameworkId: string; readonly role: string } | undefined {
  let best: { frameworkId: string; role: string; cpus: number; mem: number } | undefined;
  for (const framework of frameworks) {
    const role = framework.roles.find((r) => !framework.suppressedRoles.has(r));
    if (role === undefined) continue;
    const filteredUntil = declineFilters.get(`${framework.id}\u0000${agentId}`);
    if (filteredUntil !== undefined && filteredUntil > now) continue;
    const held = heldBy(framework.id);
    const cpus = held['cpus'] ?? 0;
    const mem = held['mem'] ?? 0;
    if (
      best === undefined ||
      cpus < best.cpus ||
      (cpus === best.cpus && (mem < best.mem || (mem === best.mem && framework.id < best.frameworkId)))
    )
      best = { frameworkId: framework.id, role, cpus, mem };
  }
  return best === undefined ? undefined : { frameworkId: best.frameworkId, role: best.role };
}
