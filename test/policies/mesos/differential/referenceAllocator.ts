/**
 * A small reference model of Mesos's hierarchical allocator, written apart from
 * src/policies/allocators/mesos/ from hierarchical.cpp's description, for the differential
 * property. It covers flat roles only (no nesting, weights 1), DRF for roles and frameworks,
 * static reservations, quota (guarantees and limits), GPU filtering, multi-role frameworks,
 * suppress/revive, decline filters (a set per framework, role and agent), an unreserved MOUNT
 * disk per agent (part of its disk, never cut: it goes into an offer whole or stays out), RESERVE
 * and UNRESERVE of held resources to the holder's own role (Mesos's updateAllocation) and the
 * standalone clock (triggered and batch runs). It draws the agent shuffle from the same seeded stream as the
 * allocator (the shuffle is not what is being checked), so its offers can be compared one to one.
 */
import {
  addResources,
  fitsWithin,
  isEmptyResources,
  minResources,
  roundAmount,
  subtractClamped,
  type Resources,
} from '../../../../src/core/cluster/resources.ts';
import { createRng, type Rng } from '../../../../src/core/kernel/rng.ts';
import type { StandaloneOffer } from '../../../../src/policies/allocators/mesos/standalone.ts';

const US = 1_000_000;

interface Agent {
  readonly total: Resources;
  /** Reservations by role; offer operations on held resources change them. */
  readonly reserved: Map<string, Resources>;
  /** Size of its MOUNT disk (part of total.disk), 0 for none. */
  readonly mount: number;
  /** Has the MULTI_ROLE agent capability (else MULTI_ROLE frameworks are not offered it). */
  multiRole: boolean;
  /** Revocable cpus it lends (offered only to REVOCABLE_RESOURCES frameworks, never under quota). */
  revocable: number;
}
interface Framework {
  readonly roles: readonly string[];
  active: boolean;
  readonly suppressed: Set<string>;
  readonly gpu: boolean;
  readonly multiRole: boolean;
  readonly revocable: boolean;
}
/** What a (framework, role) holds on an agent. */
export interface Held {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  unreserved: Resources;
  reserved: Resources; // always the role's own reservation (flat roles)
  /** Holds the agent's MOUNT disk (its size is part of `unreserved.disk`). */
  mount: boolean;
  /** Revocable cpus held. */
  revocable: number;
}
interface Filter {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  readonly unreserved: Resources;
  readonly reserved: Resources;
  readonly revocable: number;
  readonly expiresAt: number;
  readonly batchAtCreation: number;
}
interface Quota {
  readonly guarantees: Resources;
  readonly limits: Resources;
}

const sum = (all: Iterable<Resources>): Resources => {
  let out: Resources = {};
  for (const r of all) out = addResources(out, r);
  return out;
};
const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
/** Keep min(amount, target) of names in the target; absent names are dropped. */
const toQuantities = (r: Resources, target: Resources): Resources => subtractClamped(r, subtractClamped(r, target));
/** Keep min(amount, limit); names without a limit pass whole. */
const toLimits = (r: Resources, limits: Resources, consumed: Resources): Resources => {
  const out: Record<string, number> = {};
  for (const name in r)
    out[name] =
      name in limits
        ? Math.min(r[name] ?? 0, Math.max(0, (limits[name] ?? 0) - (consumed[name] ?? 0)))
        : (r[name] ?? 0);
  return subtractClamped(out, {});
};

/** Id of every agent's MOUNT disk. */
export const MOUNT_ID = 'mount';

/**
 * Redoes a cut of `from` (which holds a MOUNT disk of `mount`, 0 for none) to `cut` with the MOUNT
 * disk whole: if the cut left at least its size of disk, the MOUNT disk is in and the plain disk
 * fills the rest of the cut; if not, it is out and only plain disk (at most the cut) is in.
 */
function wholeMount(from: Resources, mount: number, cut: Resources): { resources: Resources; mount: boolean } {
  if (mount === 0) return { resources: cut, mount: false };
  const room = cut['disk'] ?? 0;
  const plain = (from['disk'] ?? 0) - mount;
  const withMount = room >= mount - 1e-9;
  const disk = withMount ? mount + Math.min(plain, room - mount) : Math.min(plain, room);
  const { disk: _dropped, ...others } = cut;
  void _dropped;
  return { resources: disk > 1e-9 ? { ...others, disk: roundAmount(disk) } : others, mount: withMount };
}

/** The reference allocator, with the standalone API's clock. */
export class ReferenceAllocator {
  readonly agents = new Map<string, Agent>();
  readonly frameworks = new Map<string, Framework>();
  held: Held[] = [];
  readonly #quotas = new Map<string, Quota>();
  #filters: Filter[] = [];
  /** Roles in the role sorter (with frameworks), with their allocation counts. */
  readonly #roleCounts = new Map<string, number>();
  readonly #frameworkCounts = new Map<string, number>();
  readonly #rng: Rng;
  readonly #filterGpus: boolean;
  #now = 0;
  #nextBatch = US;
  #batches = 0;
  #pendingAll = false;
  readonly #pendingAgents = new Set<string>();
  #made: StandaloneOffer[] = [];

  constructor(options: { readonly filterGpuResources: boolean }) {
    this.#rng = createRng('1').fork('allocator');
    this.#filterGpus = options.filterGpuResources;
  }

  addAgent(
    agentId: string,
    total: Resources,
    reserved: Readonly<Record<string, Resources>>,
    mount = 0,
    multiRole = true,
  ): void {
    this.agents.set(agentId, { total, reserved: new Map(Object.entries(reserved)), mount, multiRole, revocable: 0 });
    this.#pendingAgents.add(agentId);
  }

  /** The agent now lends this many revocable cpus; a run on it follows. */
  setRevocable(agentId: string, cpus: number): void {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return;
    agent.revocable = cpus;
    this.#pendingAgents.add(agentId);
  }

  /** The agent gains or loses the MULTI_ROLE capability; a run on it follows. */
  setAgentMultiRole(agentId: string, multiRole: boolean): void {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return;
    agent.multiRole = multiRole;
    this.#pendingAgents.add(agentId);
  }

  removeAgent(agentId: string): void {
    this.agents.delete(agentId);
    this.held = this.held.filter((h) => h.agentId !== agentId);
    this.#filters = this.#filters.filter((f) => f.agentId !== agentId);
  }

  addFramework(
    frameworkId: string,
    roles: readonly string[],
    gpu: boolean,
    multiRole = false,
    revocable = false,
  ): void {
    this.frameworks.set(frameworkId, { roles, active: true, suppressed: new Set(), gpu, multiRole, revocable });
    for (const role of roles) if (!this.#roleCounts.has(role)) this.#roleCounts.set(role, 0);
    this.#pendingAll = true;
  }

  removeFramework(frameworkId: string): void {
    const roles = this.frameworks.get(frameworkId)?.roles ?? [];
    this.frameworks.delete(frameworkId);
    this.held = this.held.filter((h) => h.frameworkId !== frameworkId);
    this.#filters = this.#filters.filter((f) => f.frameworkId !== frameworkId);
    for (const role of roles) {
      this.#frameworkCounts.delete(`${frameworkId}/${role}`);
      if (![...this.frameworks.values()].some((f) => f.roles.includes(role))) this.#roleCounts.delete(role);
    }
  }

  setActive(frameworkId: string, active: boolean): void {
    const framework = this.frameworks.get(frameworkId);
    if (framework === undefined) return;
    framework.active = active;
    if (active) this.#pendingAll = true;
    else this.#filters = this.#filters.filter((f) => f.frameworkId !== frameworkId);
  }

  suppress(frameworkId: string, roles: readonly string[]): void {
    for (const role of roles) this.frameworks.get(frameworkId)?.suppressed.add(role);
  }

  revive(frameworkId: string, roles: readonly string[]): void {
    for (const role of roles) this.frameworks.get(frameworkId)?.suppressed.delete(role);
    this.#filters = this.#filters.filter((f) => f.frameworkId !== frameworkId || !roles.includes(f.role));
    this.#pendingAll = true;
  }

  /** Gives back parts of a holding, each to its own pool; a refuse time installs a filter. */
  recover(
    held: Held,
    unreserved: Resources,
    reserved: Resources,
    refuseSeconds: number | undefined,
    revocable = 0,
  ): void {
    // A MOUNT disk comes back, whole, once what would be left no longer covers it; the plain disk
    // given back with it is at most the plain disk held.
    let back = unreserved;
    const mount = this.agents.get(held.agentId)?.mount ?? 0;
    const heldDisk = held.unreserved['disk'] ?? 0;
    const asked = unreserved['disk'] ?? 0;
    if (held.mount && heldDisk - asked < mount - 1e-9) {
      held.mount = false;
      back = { ...unreserved, disk: mount + Math.max(0, Math.min(heldDisk - mount, asked - mount)) };
    }
    held.unreserved = subtractClamped(held.unreserved, back);
    held.reserved = subtractClamped(held.reserved, reserved);
    held.revocable = Math.max(0, held.revocable - revocable);
    if (isEmptyResources(held.unreserved) && isEmptyResources(held.reserved) && held.revocable === 0)
      this.held = this.held.filter((h) => h !== held);
    if (refuseSeconds === undefined || refuseSeconds === 0) return;
    const seconds = refuseSeconds < 0 ? 5 : refuseSeconds;
    this.#filters.push({
      frameworkId: held.frameworkId,
      role: held.role,
      agentId: held.agentId,
      unreserved,
      reserved,
      revocable,
      expiresAt: this.#now + Math.max(Math.round(seconds * US), US),
      batchAtCreation: this.#batches,
    });
  }

  /**
   * RESERVE (to the holder's role) or UNRESERVE of part of a holding, as Mesos's updateAllocation
   * applies them: the amounts move between the holding's pools and the agent's reservation of the
   * role grows or shrinks with them; nothing else changes.
   */
  convertHeld(held: Held, amount: Resources, reserve: boolean): void {
    const agent = this.agents.get(held.agentId);
    if (agent === undefined) return;
    const reservation = agent.reserved.get(held.role) ?? {};
    if (reserve) {
      held.unreserved = subtractClamped(held.unreserved, amount);
      held.reserved = addResources(held.reserved, amount);
      agent.reserved.set(held.role, addResources(reservation, amount));
    } else {
      held.reserved = subtractClamped(held.reserved, amount);
      held.unreserved = addResources(held.unreserved, amount);
      agent.reserved.set(held.role, subtractClamped(reservation, amount));
    }
  }

  updateQuota(role: string, guarantees: Resources, limits: Resources): void {
    if (isEmptyResources(guarantees) && Object.keys(limits).length === 0) this.#quotas.delete(role);
    else this.#quotas.set(role, { guarantees, limits });
  }

  advance(seconds: number): void {
    const target = this.#now + Math.round(seconds * US);
    this.#triggered();
    while (this.#nextBatch <= target) {
      this.#now = this.#nextBatch;
      this.#pendingAll = false;
      this.#pendingAgents.clear();
      this.#batches++;
      this.#run([...this.agents.keys()], true);
      this.#nextBatch += US;
    }
    this.#now = target;
    this.#triggered();
  }

  offers(): StandaloneOffer[] {
    const out = this.#made;
    this.#made = [];
    return out;
  }

  #triggered(): void {
    if (!this.#pendingAll && this.#pendingAgents.size === 0) return;
    const ids = this.#pendingAll ? [...this.agents.keys()] : [...this.#pendingAgents].filter((a) => this.agents.has(a));
    this.#pendingAll = false;
    this.#pendingAgents.clear();
    this.#run(ids, false);
  }

  // ── one run ──────────────────────────────────────────────────────────────

  #run(agentIds: string[], batch: boolean): void {
    // A run in which no framework may be offered anything ends before the shuffle, as the
    // allocator's does (so both keep drawing the same stream; such a run offers nothing anyway).
    const wanted = [...this.frameworks.values()].some((f) => f.active && f.roles.some((r) => !f.suppressed.has(r)));
    if (!wanted) return;
    this.#rng.shuffle(agentIds);
    const totals = sum([...this.agents.values()].map((a) => addResources(a.total, cpus(a.revocable))));
    // Quota books, once per run.
    const consumed = new Map<string, Resources>();
    for (const role of this.#quotas.keys()) {
      const reservations = sum([...this.agents.values()].map((a) => a.reserved.get(role) ?? {}));
      const unreserved = sum(this.held.filter((h) => h.role === role).map((h) => h.unreserved));
      consumed.set(role, addResources(reservations, unreserved));
    }
    const unsatisfied = (role: string): Resources => {
      const quota = this.#quotas.get(role);
      return quota === undefined ? {} : subtractClamped(quota.guarantees, consumed.get(role) ?? {});
    };
    let required = sum([...this.#quotas.keys()].map(unsatisfied));
    let available = sum([...this.agents.keys()].map((id) => this.#freeUnreserved(id)));
    const surplus = (r: Resources): Resources =>
      isEmptyResources(required) || isEmptyResources(r) ? r : toQuantities(r, subtractClamped(available, required));
    const consume = (role: string, r: Resources): void => {
      if (this.#quotas.has(role)) consumed.set(role, addResources(consumed.get(role) ?? {}, r));
    };

    const hasGuarantees = [...this.#quotas.values()].some((q) => Object.keys(q.guarantees).length > 0);
    if (hasGuarantees) {
      for (const agentId of agentIds) {
        for (const role of this.#roleOrder(totals)) {
          if (isEmptyResources(unsatisfied(role))) continue;
          for (const frameworkId of this.#frameworkOrder(role, totals)) {
            if (isEmptyResources(unsatisfied(role))) break;
            if (!this.#capable(frameworkId, agentId)) continue;
            const free = this.#freeUnreserved(agentId);
            const mount = this.#freeMount(agentId);
            const toward = wholeMount(free, mount, toQuantities(free, unsatisfied(role)));
            const guaranteed = toward.resources;
            if (isEmptyResources(guaranteed)) continue;
            const additional = cutToLimitsAndSurplus(
              subtractClamped(free, guaranteed),
              toward.mount ? 0 : mount,
              this.#quotas.get(role)?.limits ?? {},
              addResources(consumed.get(role) ?? {}, guaranteed),
              surplus,
            );
            const unreserved = addResources(guaranteed, additional.resources);
            const takesMount = toward.mount || additional.mount > 0;
            if (
              this.#tryOffer(
                frameworkId,
                role,
                agentId,
                unreserved,
                this.#freeReserved(agentId, role),
                batch,
                totals,
                takesMount,
              )
            ) {
              consume(role, unreserved);
              required = subtractClamped(required, guaranteed);
              available = subtractClamped(available, unreserved);
            }
          }
        }
      }
      this.#rng.shuffle(agentIds);
    }
    for (const agentId of agentIds) {
      for (const role of this.#roleOrder(totals)) {
        for (const frameworkId of this.#frameworkOrder(role, totals)) {
          if (!this.#capable(frameworkId, agentId)) continue;
          let unreserved = this.#freeUnreserved(agentId);
          let mount = this.#freeMount(agentId);
          if (this.#quotas.size > 0) {
            const cut = cutToLimitsAndSurplus(
              unreserved,
              mount,
              this.#quotas.get(role)?.limits ?? {},
              consumed.get(role) ?? {},
              surplus,
            );
            unreserved = cut.resources;
            mount = cut.mount;
          }
          if (
            this.#tryOffer(
              frameworkId,
              role,
              agentId,
              unreserved,
              this.#freeReserved(agentId, role),
              batch,
              totals,
              mount > 0,
            )
          ) {
            consume(role, unreserved);
            available = subtractClamped(available, unreserved);
          }
        }
      }
    }
  }

  #tryOffer(
    frameworkId: string,
    role: string,
    agentId: string,
    unreserved: Resources,
    reserved: Resources,
    batch: boolean,
    totals: Resources,
    mount: boolean,
  ): boolean {
    void totals;
    const revocable = this.frameworks.get(frameworkId)?.revocable ? this.#freeRevocable(agentId) : 0;
    const offer = addResources(addResources(unreserved, reserved), cpus(revocable));
    if (isEmptyResources(offer)) return false;
    if (!((offer['cpus'] ?? 0) >= 0.01 || (offer['mem'] ?? 0) >= 32)) return false;
    for (const f of this.#filters) {
      if (f.frameworkId !== frameworkId || f.role !== role || f.agentId !== agentId) continue;
      const live = this.#now < f.expiresAt || (batch && this.#batches === f.batchAtCreation + 1);
      if (live && fitsWithin(unreserved, f.unreserved) && fitsWithin(reserved, f.reserved) && revocable <= f.revocable)
        return false;
    }
    let held = this.held.find((h) => h.frameworkId === frameworkId && h.role === role && h.agentId === agentId);
    if (held === undefined)
      this.held.push((held = { frameworkId, role, agentId, unreserved: {}, reserved: {}, mount: false, revocable: 0 }));
    held.revocable += revocable;
    held.unreserved = addResources(held.unreserved, unreserved);
    if (mount) held.mount = true;
    held.reserved = addResources(held.reserved, reserved);
    this.#roleCounts.set(role, (this.#roleCounts.get(role) ?? 0) + 1);
    const key = `${frameworkId}/${role}`;
    this.#frameworkCounts.set(key, (this.#frameworkCounts.get(key) ?? 0) + 1);
    this.#made.push({
      frameworkId,
      role,
      agentId,
      resources: offer,
      ...(isEmptyResources(reserved) ? {} : { reserved: { [role]: reserved } }),
      ...(mount
        ? { disks: [{ id: MOUNT_ID, size: this.agents.get(agentId)?.mount ?? 0, source: 'MOUNT' as const }] }
        : {}),
      ...(revocable > 0 ? { revocable: cpus(revocable) } : {}),
    });
    return true;
  }

  #capable(frameworkId: string, agentId: string): boolean {
    const agent = this.agents.get(agentId);
    const framework = this.frameworks.get(frameworkId);
    if (agent === undefined || framework === undefined) return false;
    if (framework.multiRole && !agent.multiRole) return false;
    return !(this.#filterGpus && (agent.total['gpus'] ?? 0) > 0 && !framework.gpu);
  }

  #freeUnreserved(agentId: string): Resources {
    const agent = this.agents.get(agentId);
    if (agent === undefined) return {};
    const unreservedTotal = subtractClamped(agent.total, sum(agent.reserved.values()));
    return subtractClamped(
      unreservedTotal,
      sum(this.held.filter((h) => h.agentId === agentId).map((h) => h.unreserved)),
    );
  }

  /** Revocable cpus of the agent nobody holds. */
  #freeRevocable(agentId: string): number {
    const lent = this.agents.get(agentId)?.revocable ?? 0;
    const held = this.held.filter((h) => h.agentId === agentId).reduce((total, h) => total + h.revocable, 0);
    return Math.max(0, lent - held);
  }

  /** Size of the agent's MOUNT disk if nobody holds it, else 0. */
  #freeMount(agentId: string): number {
    const size = this.agents.get(agentId)?.mount ?? 0;
    return size > 0 && !this.held.some((h) => h.agentId === agentId && h.mount) ? size : 0;
  }

  #freeReserved(agentId: string, role: string): Resources {
    const mine = this.agents.get(agentId)?.reserved.get(role) ?? {};
    const heldHere = this.held.filter((h) => h.agentId === agentId && h.role === role).map((h) => h.reserved);
    return minResources(mine, subtractClamped(mine, sum(heldHere)));
  }

  #share(allocated: Resources, totals: Resources): number {
    let share = 0;
    for (const name in totals) {
      const total = totals[name] ?? 0;
      if (total <= 0) continue;
      const ratio = (allocated[name] ?? 0) / total;
      if (ratio > share) share = ratio;
    }
    return share;
  }

  #roleOrder(totals: Resources): string[] {
    const key = (role: string): [number, number] => [
      this.#share(
        sum(
          this.held
            .filter((h) => h.role === role)
            .map((h) => addResources(addResources(h.unreserved, h.reserved), cpus(h.revocable))),
        ),
        totals,
      ),
      this.#roleCounts.get(role) ?? 0,
    ];
    return [...this.#roleCounts.keys()].sort((a, b) => compareKeys(key(a), key(b)) || byteOrder(a, b));
  }

  #frameworkOrder(role: string, totals: Resources): string[] {
    const ids = [...this.frameworks]
      .filter(([, f]) => f.roles.includes(role) && f.active && !f.suppressed.has(role))
      .map(([id]) => id);
    const key = (id: string): [number, number] => [
      this.#share(
        sum(
          this.held
            .filter((h) => h.role === role && h.frameworkId === id)
            .map((h) => addResources(addResources(h.unreserved, h.reserved), cpus(h.revocable))),
        ),
        totals,
      ),
      this.#frameworkCounts.get(`${id}/${role}`) ?? 0,
    ];
    return ids.sort((a, b) => compareKeys(key(a), key(b)) || byteOrder(a, b));
  }
}

/**
 * Cuts unreserved resources holding a free MOUNT disk of `mount` (0: none) to the role's limits
 * (beyond what it has `consumed`), then to the surplus headroom, the MOUNT disk whole or out each
 * time: what is left, and the size of the MOUNT disk still in it (0: out).
 */
function cutToLimitsAndSurplus(
  unreserved: Resources,
  mount: number,
  limits: Resources,
  consumed: Resources,
  surplus: (r: Resources) => Resources,
): { resources: Resources; mount: number } {
  let resources = unreserved;
  let kept = mount;
  if (Object.keys(limits).length > 0) {
    const cut = wholeMount(resources, kept, toLimits(resources, limits, consumed));
    resources = cut.resources;
    kept = cut.mount ? kept : 0;
  }
  const cut = wholeMount(resources, kept, surplus(resources));
  return { resources: cut.resources, mount: cut.mount ? kept : 0 };
}

/** Revocable cpus as a resource vector ({} for none). */
function cpus(amount: number): Resources {
  return amount > 0 ? { cpus: amount } : {};
}

function compareKeys(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}
