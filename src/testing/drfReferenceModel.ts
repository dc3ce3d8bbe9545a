/**
 * A deliberately naive model of Mesos's allocation order under hierarchical weighted DRF with no
 * quota: it keeps only the facts (agents, frameworks, what each holds, counts, weights, filters)
 * and recomputes every share, every order and every eligibility from scratch when asked. It shares
 * no code with the allocator except resource arithmetic.
 * @module
 */
import {
  addResources,
  fitsWithin,
  formatResources,
  isEmptyResources,
  minResources,
  resourcesEqual,
  subtractClamped,
  subtractResources,
  type Resources,
} from '../core/cluster/resources.ts';
import type { StandaloneOffer } from '../policies/allocators/mesos/standalone.ts';
import type { AppliedCall, ReplayEvent } from './calls.ts';

interface Holding {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  unreserved: Resources;
  /** Reservation owner → resources held out of it (insertion order, as the allocator credits them back). */
  readonly reserved: Map<string, Resources>;
}

interface Filter {
  readonly resources: Resources;
  readonly expiresAt: number;
  readonly batchRunsAtCreation: number;
}

interface Candidate {
  readonly role: string;
  readonly frameworkId: string;
}

/** A node of the role tree: its path (tie-break key), and the roles whose allocation it sums. */
interface RoleNode {
  readonly path: string;
  readonly weight: number;
  readonly roles: readonly string[];
  /** The role a leaf stands for; undefined for an internal node. */
  readonly leafOf: string | undefined;
}

const MICROS = 1_000_000;
const MAX_REFUSE_SECONDS = 365 * 24 * 3600;
/** Mesos's default minimum allocatable size: cpus ≥ 0.01 or mem ≥ 32. */
const meetsDefaultMinimum = (r: Resources): boolean => (r['cpus'] ?? 0) >= 0.01 || (r['mem'] ?? 0) >= 32;
const encoder = new TextEncoder();

/** Compares strings as UTF-8 byte strings (Mesos compares std::string paths). */
function compareBytes(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

/** The role and its ancestors: `eng/ads` → `eng/ads`, `eng`. */
function selfAndAncestors(role: string): string[] {
  const parts = role.split('/');
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'));
}

const within = (role: string, subtree: string): boolean => role === subtree || role.startsWith(`${subtree}/`);
const sum = (all: Iterable<Resources>): Resources => {
  let out: Resources = {};
  for (const r of all) out = addResources(out, r);
  return out;
};

/**
 * The reference model. Feed it a replay log in order: {@link DrfReferenceModel.apply} for calls,
 * {@link DrfReferenceModel.checkRun} for runs (which checks the run's offers, then records them).
 *
 * @example
 * ```ts
 * const model = new DrfReferenceModel(1);
 * model.apply({ kind: 'addAgent', agentId: 'a1', resources: { cpus: 4 } }, 0);
 * model.apply({ kind: 'addFramework', frameworkId: 'f', roles: ['r'], active: true }, 0);
 * model.checkRun({ kind: 'run', callIndex: 2, at: 0, batch: false,
 *   offers: [{ frameworkId: 'f', role: 'r', agentId: 'a1', resources: { cpus: 4 } }] }); // undefined
 * ```
 */
export class DrfReferenceModel {
  readonly #interval: number;
  readonly #agents = new Map<
    string,
    { readonly total: Resources; readonly reservations: ReadonlyMap<string, Resources> }
  >();
  readonly #frameworks = new Map<
    string,
    { readonly roles: readonly string[]; active: boolean; readonly suppressed: Set<string> }
  >();
  readonly #weights = new Map<string, number>();
  readonly #roleCounts = new Map<string, number>();
  readonly #frameworkCounts = new Map<string, number>();
  #holdings: Holding[] = [];
  /** Decline filters: a set (here a list) per (framework, role, agent), as Mesos keeps them. */
  readonly #filters = new Map<string, Filter[]>();
  #batchRuns = 0;
  #now = 0;

  /** @param allocationInterval seconds between batch runs, as the allocator under test has it. */
  constructor(allocationInterval: number) {
    this.#interval = Math.round(allocationInterval * MICROS);
  }

  /** Records an applied call made at `at` seconds. */
  apply(call: AppliedCall, at: number): void {
    this.#now = Math.round(at * MICROS);
    switch (call.kind) {
      case 'addAgent':
        this.#agents.set(call.agentId, {
          total: call.resources,
          reservations: new Map(Object.entries(call.reserved ?? {})),
        });
        return;
      case 'removeAgent':
        this.#agents.delete(call.agentId);
        this.#holdings = this.#holdings.filter((h) => h.agentId !== call.agentId);
        for (const key of [...this.#filters.keys()])
          if (key.endsWith(`\u0000${call.agentId}`)) this.#filters.delete(key);
        return;
      case 'addFramework':
        this.#frameworks.set(call.frameworkId, { roles: call.roles, active: call.active, suppressed: new Set() });
        return;
      case 'activateFramework':
      case 'deactivateFramework': {
        const framework = this.#framework(call.frameworkId);
        framework.active = call.kind === 'activateFramework';
        if (!framework.active) this.#clearFilters(call.frameworkId, undefined);
        return;
      }
      case 'suppress':
      case 'revive': {
        const framework = this.#framework(call.frameworkId);
        for (const role of call.roles ?? framework.roles) {
          if (call.kind === 'suppress') framework.suppressed.add(role);
          else framework.suppressed.delete(role);
        }
        if (call.kind === 'revive') this.#clearFilters(call.frameworkId, call.roles);
        return;
      }
      case 'recoverResources':
        this.#recover(call.frameworkId, call.role, call.agentId, call.resources);
        if (call.refuseSeconds !== undefined && call.refuseSeconds !== 0 && this.#frameworks.has(call.frameworkId)) {
          // A negative refuse_seconds means Mesos's default, 5 s.
          const seconds = call.refuseSeconds < 0 ? 5 : Math.min(call.refuseSeconds, MAX_REFUSE_SECONDS);
          const duration = Math.max(Math.round(seconds * MICROS), this.#interval);
          const key = filterKey(call.frameworkId, call.role, call.agentId);
          const filter = {
            resources: call.resources,
            expiresAt: this.#now + duration,
            batchRunsAtCreation: this.#batchRuns,
          };
          this.#filters.set(key, [...(this.#filters.get(key) ?? []), filter]);
        }
        return;
      case 'updateWeight':
        this.#weights.set(call.role, call.weight);
        return;
    }
  }

  /**
   * Checks one run's offers in order, then records them. Per offer: (a) the framework is eligible
   * for that role on that agent; (b) it is the first eligible (role, framework) in DRF order, the
   * role order being fixed when the run reaches the agent (= at its first offer there) and the
   * search resuming after the previous offer's role on that agent; (c) it holds everything the
   * role may use there. Returns a description of the first violation.
   */
  checkRun(run: Extract<ReplayEvent, { kind: 'run' }>): string | undefined {
    this.#now = Math.round(run.at * MICROS);
    if (run.batch) this.#batchRuns++;
    const visited = new Set<string>();
    let agentId: string | undefined;
    let order: string[] = [];
    let from = 0;
    let nthOnAgent = 0;
    for (const [i, offer] of run.offers.entries()) {
      const where = `${run.batch ? 'batch' : 'triggered'} run at t=${run.at}s (advance = call #${run.callIndex}), offer ${i + 1}/${run.offers.length} ${describeOffer(offer)}`;
      if (offer.agentId !== agentId) {
        if (visited.has(offer.agentId))
          return `${where}: agent "${offer.agentId}" was already visited in this run (its offers are not consecutive)`;
        visited.add(offer.agentId);
        agentId = offer.agentId;
        order = this.roleOrder();
        from = 0;
        nthOnAgent = 0;
      }
      nthOnAgent++;
      const why = this.#whyIneligible(offer.frameworkId, offer.role, offer.agentId, run.batch);
      if (why !== undefined)
        return `${where}: (a) "${offer.frameworkId}" is not eligible in role "${offer.role}" on "${offer.agentId}": ${why}`;
      const expected = this.#firstEligible(order, from, offer.agentId, run.batch);
      if (expected === undefined || expected.role !== offer.role || expected.frameworkId !== offer.frameworkId) {
        const nth = nthOnAgent === 1 ? 'first offer on this agent' : `offer ${nthOnAgent} on this agent`;
        const wanted =
          expected === undefined ? 'no eligible framework' : `"${expected.frameworkId}" in role "${expected.role}"`;
        return `${where}: (b) ${nth}: expected ${wanted} by weighted DRF; role order at this agent: ${this.#describeOrder(order)}; frameworks in "${offer.role}": ${this.#describeFrameworks(offer.role)}`;
      }
      const { total, unreserved, reserved } = this.#offerFor(offer.role, offer.agentId);
      if (!resourcesEqual(total, offer.resources)) {
        return `${where}: (c) the offer should hold everything role "${offer.role}" may use on the agent, ${formatResources(total)}`;
      }
      this.#allocate(offer, unreserved, reserved);
      from = order.indexOf(offer.role);
    }
    return undefined;
  }

  /** Every role in DRF order now: siblings by (weighted share, count, path bytes), pre-order. */
  roleOrder(): string[] {
    const roles = new Set<string>();
    for (const f of this.#frameworks.values()) for (const r of f.roles) roles.add(r);
    const out: string[] = [];
    const walk = (parent: string | undefined): void => {
      const children = this.#children(parent, [...roles]);
      children.sort((a, b) => this.#compareNodes(a, b));
      for (const child of children) {
        if (child.leafOf !== undefined) out.push(child.leafOf);
        else walk(child.path);
      }
    };
    walk(undefined);
    return out;
  }

  /** The children of an internal node (undefined = the root) of the role tree. */
  #children(parent: string | undefined, roles: readonly string[]): RoleNode[] {
    const below = roles.filter((r) => parent === undefined || r.startsWith(`${parent}/`));
    const paths = new Set(
      below.map((r) => {
        const rest = parent === undefined ? r : r.slice(parent.length + 1);
        const segment = rest.split('/')[0] ?? rest;
        return parent === undefined ? segment : `${parent}/${segment}`;
      }),
    );
    const nodes: RoleNode[] = [];
    for (const path of paths) {
      const internal = roles.some((r) => r.startsWith(`${path}/`));
      const weight = this.#weights.get(path) ?? 1;
      nodes.push({ path, weight, roles: roles.filter((r) => within(r, path)), leafOf: internal ? undefined : path });
    }
    // A role that also has sub-roles competes inside its subtree as the virtual leaf "<role>/.".
    if (parent !== undefined && roles.includes(parent))
      nodes.push({
        path: `${parent}/.`,
        weight: this.#weights.get(`${parent}/.`) ?? 1,
        roles: [parent],
        leafOf: parent,
      });
    return nodes;
  }

  #compareNodes(a: RoleNode, b: RoleNode): number {
    const shareA = this.#share(this.#roleAllocation(a.roles)) / a.weight;
    const shareB = this.#share(this.#roleAllocation(b.roles)) / b.weight;
    if (shareA !== shareB) return shareA < shareB ? -1 : 1;
    const countA = a.roles.reduce((n, r) => n + (this.#roleCounts.get(r) ?? 0), 0);
    const countB = b.roles.reduce((n, r) => n + (this.#roleCounts.get(r) ?? 0), 0);
    if (countA !== countB) return countA - countB;
    return compareBytes(a.path, b.path);
  }

  #frameworkOrder(role: string): string[] {
    const key = (id: string): [number, number] => [
      this.#share(sum(this.#holdings.filter((h) => h.role === role && h.frameworkId === id).map(heldTotal))),
      this.#frameworkCounts.get(pairKey(id, role)) ?? 0,
    ];
    const ids = [...this.#frameworks].filter(([, f]) => f.roles.includes(role)).map(([id]) => id);
    return ids.sort((a, b) => {
      const [shareA, countA] = key(a);
      const [shareB, countB] = key(b);
      if (shareA !== shareB) return shareA < shareB ? -1 : 1;
      return countA !== countB ? countA - countB : compareBytes(a, b);
    });
  }

  /** Unweighted dominant share over the cluster total (resources with a positive total). */
  #share(allocation: Resources): number {
    const total = sum([...this.#agents.values()].map((a) => a.total));
    let share = 0;
    for (const name of Object.keys(total)) {
      const t = total[name] ?? 0;
      if (t > 0) share = Math.max(share, (allocation[name] ?? 0) / t);
    }
    return share;
  }

  #roleAllocation(roles: readonly string[]): Resources {
    return sum(this.#holdings.filter((h) => roles.includes(h.role)).map(heldTotal));
  }

  #firstEligible(order: readonly string[], from: number, agentId: string, batch: boolean): Candidate | undefined {
    for (const role of order.slice(from)) {
      for (const frameworkId of this.#frameworkOrder(role)) {
        if (this.#whyIneligible(frameworkId, role, agentId, batch) === undefined) return { role, frameworkId };
      }
    }
    return undefined;
  }

  #whyIneligible(frameworkId: string, role: string, agentId: string, batch: boolean): string | undefined {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) return 'the agent is not registered';
    const framework = this.#frameworks.get(frameworkId);
    if (framework === undefined) return 'the framework is not registered';
    if (!framework.roles.includes(role)) return 'the framework is not in that role';
    if (!framework.active) return 'the framework is deactivated';
    if (framework.suppressed.has(role)) return 'the framework is suppressed in that role';
    if ((agent.total['gpus'] ?? 0) > 0) return 'GPU agents go only to GPU-capable frameworks';
    const { total } = this.#offerFor(role, agentId);
    if (isEmptyResources(total)) return 'nothing is available to the role on the agent';
    if (!meetsDefaultMinimum(total)) return `${formatResources(total)} is below the minimum allocatable size`;
    for (const filter of this.#filters.get(filterKey(frameworkId, role, agentId)) ?? []) {
      // Live for max(refuseSeconds, interval), and in any case through the first batch run after it was made.
      const live = this.#now < filter.expiresAt || (batch && this.#batchRuns === filter.batchRunsAtCreation + 1);
      if (live && fitsWithin(total, filter.resources)) {
        return `a decline filter of ${formatResources(filter.resources)} holds until t=${filter.expiresAt / MICROS}s`;
      }
    }
    return undefined;
  }

  /** What the role may be offered on the agent: its free unreserved part and its (ancestors') free reservations. */
  #offerFor(
    role: string,
    agentId: string,
  ): { total: Resources; unreserved: Resources; reserved: Map<string, Resources> } {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) return { total: {}, unreserved: {}, reserved: new Map() };
    const here = this.#holdings.filter((h) => h.agentId === agentId);
    const unreserved = subtractClamped(
      subtractClamped(agent.total, sum(agent.reservations.values())),
      sum(here.map((h) => h.unreserved)),
    );
    const reserved = new Map<string, Resources>();
    for (const owner of selfAndAncestors(role)) {
      const amount = agent.reservations.get(owner);
      if (amount === undefined) continue;
      const free = subtractClamped(amount, sum(here.map((h) => h.reserved.get(owner) ?? {})));
      if (!isEmptyResources(free)) reserved.set(owner, free);
    }
    return { total: addResources(unreserved, sum(reserved.values())), unreserved, reserved };
  }

  #allocate(offer: StandaloneOffer, unreserved: Resources, reserved: ReadonlyMap<string, Resources>): void {
    const holding = this.#holding(offer.frameworkId, offer.role, offer.agentId);
    holding.unreserved = addResources(holding.unreserved, unreserved);
    for (const [owner, amount] of reserved)
      holding.reserved.set(owner, addResources(holding.reserved.get(owner) ?? {}, amount));
    this.#roleCounts.set(offer.role, (this.#roleCounts.get(offer.role) ?? 0) + 1);
    const key = pairKey(offer.frameworkId, offer.role);
    this.#frameworkCounts.set(key, (this.#frameworkCounts.get(key) ?? 0) + 1);
  }

  /** Gives resources back, credited to the holder's reservations first (the standalone API's rule). */
  #recover(frameworkId: string, role: string, agentId: string, resources: Resources): void {
    const holding = this.#holdings.find(
      (h) => h.frameworkId === frameworkId && h.role === role && h.agentId === agentId,
    );
    if (holding === undefined) return;
    let left = resources;
    for (const [owner, held] of holding.reserved) {
      const part = minResources(left, held);
      holding.reserved.set(owner, subtractResources(held, part));
      left = subtractResources(left, part);
    }
    holding.unreserved = subtractResources(holding.unreserved, minResources(left, holding.unreserved));
    if (isEmptyResources(heldTotal(holding))) this.#holdings = this.#holdings.filter((h) => h !== holding);
  }

  #holding(frameworkId: string, role: string, agentId: string): Holding {
    let holding = this.#holdings.find((h) => h.frameworkId === frameworkId && h.role === role && h.agentId === agentId);
    if (holding === undefined)
      this.#holdings.push((holding = { frameworkId, role, agentId, unreserved: {}, reserved: new Map() }));
    return holding;
  }

  #clearFilters(frameworkId: string, roles: readonly string[] | undefined): void {
    for (const key of [...this.#filters.keys()]) {
      const [id, role] = key.split('\u0000');
      if (id === frameworkId && (roles === undefined || roles.includes(role ?? ''))) this.#filters.delete(key);
    }
  }

  #framework(frameworkId: string): { roles: readonly string[]; active: boolean; readonly suppressed: Set<string> } {
    const framework = this.#frameworks.get(frameworkId);
    if (framework === undefined) throw new Error(`reference model: unknown framework "${frameworkId}"`);
    return framework;
  }

  #describeOrder(order: readonly string[]): string {
    const shown = order.map(
      (r) => `${r} (share ${this.#share(this.#roleAllocation([r])).toFixed(4)}, count ${this.#roleCounts.get(r) ?? 0})`,
    );
    const weights = [...this.#weights].map(([path, w]) => `${path}=${w}`).join(', ');
    return `${shown.length === 0 ? '(no roles)' : shown.join(' < ')}${weights === '' ? '' : ` [weights ${weights}]`}`;
  }

  #describeFrameworks(role: string): string {
    return this.#frameworkOrder(role)
      .map((id) => `${id} (count ${this.#frameworkCounts.get(pairKey(id, role)) ?? 0})`)
      .join(' < ');
  }
}

function filterKey(frameworkId: string, role: string, agentId: string): string {
  return `${frameworkId}\u0000${role}\u0000${agentId}`;
}

function pairKey(frameworkId: string, role: string): string {
  return `${frameworkId}\u0000${role}`;
}

function heldTotal(h: Holding): Resources {
  return addResources(h.unreserved, sum(h.reserved.values()));
}

function describeOffer(o: StandaloneOffer): string {
  return `${o.frameworkId}/${o.role}@${o.agentId} ${formatResources(o.resources)}`;
}
