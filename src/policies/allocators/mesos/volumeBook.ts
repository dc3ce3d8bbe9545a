/**
 * The allocator's books of persistent volumes, per agent: which holder (framework, role) holds each
 * volume, and for a shared volume how many copies each holder holds. The amounts stay in the
 * agent's books ({@link AgentState}): a volume's disk is part of its pool there; a shared volume's
 * disk is set aside, in no holding and never free, since it is offered again while in use.
 */
import type { Resources } from '../../../core/cluster/resources.ts';
import type { SharedResource } from '../../../core/plugins/sorter.ts';
import type { PersistentVolume } from './offerOperations.ts';
import { selfAndAncestors } from './roles.ts';

interface VolumeEntry {
  readonly volume: PersistentVolume;
  /** Holder key → copies held (a regular volume has at most one holder, with one copy). */
  readonly holders: Map<string, number>;
}

const holderKey = (frameworkId: string, role: string): string => `${frameworkId}\u0000${role}`;

/**
 * A shared volume as the sorters count it: one copy, named by agent-unique id.
 *
 * @example
 * ```ts
 * sharedCopy({ id: 'id1', size: 5, role: 'role1', shared: true }); // { id: 'id1', resources: { disk: 5 } }
 * ```
 */
export function sharedCopy(volume: PersistentVolume): SharedResource {
  return { id: volume.id, resources: { disk: volume.size } };
}

/**
 * Persistent volumes of every agent, with their holders.
 *
 * @example
 * ```ts
 * const book = new VolumeBook();
 * book.create('agent1', 'f1', 'role1', { id: 'id1', size: 5, role: 'role1', shared: true });
 * book.copiesHeld('agent1', 'f1', 'role1', 'id1'); // 1
 * ```
 */
export class VolumeBook {
  readonly #agents = new Map<string, Map<string, VolumeEntry>>();
  /** Shared volumes offered in the current run, by agent: each is offered once per run. */
  readonly #offeredThisRun = new Map<string, Set<string>>();

  /** The agent's volume of that id, if any. */
  find(agentId: string, id: string): PersistentVolume | undefined {
    return this.#agents.get(agentId)?.get(id)?.volume;
  }

  /** True when some agent has a volume (most runs have none; then nothing else here is called). */
  get empty(): boolean {
    return this.#agents.size === 0;
  }

  /** Records a volume created from a holder's allocation; the holder holds it (one copy). */
  create(agentId: string, frameworkId: string, role: string, volume: PersistentVolume): void {
    let volumes = this.#agents.get(agentId);
    if (volumes === undefined) this.#agents.set(agentId, (volumes = new Map<string, VolumeEntry>()));
    volumes.set(volume.id, { volume, holders: new Map([[holderKey(frameworkId, role), 1]]) });
  }

  /**
   * Forgets a volume the holder destroys; returns the copies it held. Throws when another holder
   * still holds it (Mesos refuses to destroy a shared volume in use).
   */
  destroy(agentId: string, frameworkId: string, role: string, id: string, where: string): number {
    const entry = this.#agents.get(agentId)?.get(id);
    const key = holderKey(frameworkId, role);
    const copies = entry?.holders.get(key) ?? 0;
    if (entry === undefined || copies === 0)
      throw new RangeError(
        `${where}: persistent volume "${id}" is not held by framework "${frameworkId}" in role "${role}"`,
      );
    if (entry.holders.size > 1)
      throw new RangeError(`${where}: persistent volume "${id}" is in use by other frameworks; it cannot be destroyed`);
    this.#agents.get(agentId)?.delete(id);
    if (this.#agents.get(agentId)?.size === 0) this.#agents.delete(agentId);
    return copies;
  }

  /** How many copies of a volume the holder holds. */
  copiesHeld(agentId: string, frameworkId: string, role: string, id: string): number {
    return this.#agents.get(agentId)?.get(id)?.holders.get(holderKey(frameworkId, role)) ?? 0;
  }

  /** Every volume the holder holds on the agent, a shared one once per copy. */
  heldBy(agentId: string, frameworkId: string, role: string): PersistentVolume[] {
    const key = holderKey(frameworkId, role);
    const out: PersistentVolume[] = [];
    for (const entry of this.#agents.get(agentId)?.values() ?? [])
      for (let i = 0; i < (entry.holders.get(key) ?? 0); i++) out.push(entry.volume);
    return out;
  }

  /** A new allocation run starts: each shared volume may be offered once on each agent. */
  startRun(): void {
    this.#offeredThisRun.clear();
  }

  /**
   * The volumes an offer carries, now held by the offered holder: free regular volumes of the
   * pools offered, as far as the offered disk of each pool covers them (`disk` of `reserved` or of
   * `unreserved`), and — to a framework with SHARED_RESOURCES — a copy of each shared volume of a
   * reservation the role may use that this run has not offered yet on this agent.
   */
  offer(
    agentId: string,
    frameworkId: string,
    role: string,
    reserved: ReadonlyMap<string, Resources>,
    unreserved: Resources,
    sharedCapable: boolean,
  ): PersistentVolume[] {
    const volumes = this.#agents.get(agentId);
    if (volumes === undefined) return [];
    const key = holderKey(frameworkId, role);
    const owners = selfAndAncestors(role);
    const diskLeft = new Map<string, number>();
    const poolKey = (pool: string | undefined): string => (pool === undefined ? '' : `r:${pool}`);
    diskLeft.set('', unreserved['disk'] ?? 0);
    for (const [owner, amount] of reserved) diskLeft.set(poolKey(owner), amount['disk'] ?? 0);
    let offered = this.#offeredThisRun.get(agentId);
    const out: PersistentVolume[] = [];
    for (const entry of volumes.values()) {
      const { volume } = entry;
      if (volume.shared === true) {
        if (!sharedCapable || volume.role === undefined || !owners.includes(volume.role)) continue;
        if (offered?.has(volume.id) === true) continue;
        if (offered === undefined) this.#offeredThisRun.set(agentId, (offered = new Set<string>()));
        offered.add(volume.id);
        entry.holders.set(key, (entry.holders.get(key) ?? 0) + 1);
        out.push(volume);
        continue;
      }
      const left = diskLeft.get(poolKey(volume.role));
      if (entry.holders.size > 0 || left === undefined || left + 1e-9 < volume.size) continue;
      diskLeft.set(poolKey(volume.role), left - volume.size);
      entry.holders.set(key, 1);
      out.push(volume);
    }
    return out;
  }

  /**
   * Takes back the listed volumes from the holder (a shared one: one copy each); returns those it
   * held. Throws when it does not hold a listed shared copy.
   */
  giveBack(
    agentId: string,
    frameworkId: string,
    role: string,
    volumes: readonly PersistentVolume[],
    where: string,
  ): PersistentVolume[] {
    const key = holderKey(frameworkId, role);
    const out: PersistentVolume[] = [];
    for (const volume of volumes) {
      const entry = this.#agents.get(agentId)?.get(volume.id);
      const copies = entry?.holders.get(key) ?? 0;
      if (entry === undefined || copies === 0) {
        if (volume.shared === true)
          throw new RangeError(
            `${where}: shared persistent volume "${volume.id}" is not held by framework "${frameworkId}" in role "${role}" on agent "${agentId}"`,
          );
        continue;
      }
      if (copies === 1) entry.holders.delete(key);
      else entry.holders.set(key, copies - 1);
      out.push(entry.volume);
    }
    return out;
  }

  /**
   * After the holder gave back disk as plain amounts: frees its regular volumes that the disk it
   * still holds in their pool no longer covers (`heldDisk(pool)`), last first.
   */
  reconcile(agentId: string, frameworkId: string, role: string, heldDisk: (pool: string | undefined) => number): void {
    const key = holderKey(frameworkId, role);
    const byPool = new Map<string | undefined, VolumeEntry[]>();
    for (const entry of this.#agents.get(agentId)?.values() ?? []) {
      if (entry.volume.shared === true || !entry.holders.has(key)) continue;
      const list = byPool.get(entry.volume.role) ?? [];
      list.push(entry);
      byPool.set(entry.volume.role, list);
    }
    for (const [pool, entries] of byPool) {
      let sum = entries.reduce((total, entry) => total + entry.volume.size, 0);
      const held = heldDisk(pool);
      for (let i = entries.length - 1; i >= 0 && sum > held + 1e-9; i--) {
        const entry = entries[i] as VolumeEntry;
        entry.holders.delete(key);
        sum -= entry.volume.size;
      }
    }
  }

  /** The framework leaves the agent (removed, or the agent is): its holdings are dropped; returns its shared copies by role. */
  dropFramework(agentId: string, frameworkId: string): Map<string, PersistentVolume[]> {
    const out = new Map<string, PersistentVolume[]>();
    for (const entry of this.#agents.get(agentId)?.values() ?? [])
      for (const [key, copies] of [...entry.holders]) {
        const [fw, role] = key.split('\u0000') as [string, string];
        if (fw !== frameworkId) continue;
        entry.holders.delete(key);
        if (entry.volume.shared !== true) continue;
        const list = out.get(role) ?? [];
        for (let i = 0; i < copies; i++) list.push(entry.volume);
        out.set(role, list);
      }
    return out;
  }

  /** Frameworks holding copies of shared volumes on the agent. */
  sharedHolders(agentId: string): string[] {
    const out = new Set<string>();
    for (const entry of this.#agents.get(agentId)?.values() ?? [])
      if (entry.volume.shared === true)
        for (const key of entry.holders.keys()) out.add(key.split('\u0000')[0] as string);
    return [...out];
  }

  /** Forgets the agent's volumes. */
  removeAgent(agentId: string): void {
    this.#agents.delete(agentId);
    this.#offeredThisRun.delete(agentId);
  }
}
