import {
  addResources,
  fitsWithin,
  minResources,
  subtractClamped,
  sumResources,
  type Resources,
} from '../cluster/resources.ts';
import type { Micros } from '../kernel/time.ts';

/**
 * Oversubscription settings, after Mesos's resource estimator and QoS controller.
 *
 * @example
 * ```ts
 * const settings: OversubscriptionSettings = { estimatorInterval: secondsToMicros(15), safetyMargin: { cpus: 0.5 } };
 * ```
 */
export interface OversubscriptionSettings {
  /**
   * How often each agent's estimate of allocated-but-unused resources is refreshed (Mesos's
   * `--oversubscribed_resources_interval`, 15 s by default). Capacity freed by falling usage
   * becomes offerable only at the next estimate; a rise in usage revokes at once.
   */
  readonly estimatorInterval: Micros;
  /** Held back from every agent's estimate, so small rises in usage do not revoke at once. */
  readonly safetyMargin: Resources;
}

interface AgentBook {
  /** Regular tasks: what each was allocated and what it uses now. */
  readonly regular: Map<string, { readonly allocation: Resources; usage: Resources }>;
  /** Revocable tasks' allocations by key, in launch order. */
  readonly revocable: Map<string, Resources>;
  /** The framework of each revocable task. */
  readonly owners: Map<string, string>;
  /** Revocable resources in outstanding offers. */
  offered: Resources;
  /** The estimate made at the last estimator run. */
  estimate: Resources;
}

/**
 * What is unused of a task's allocation: per resource, the allocation less the use, never below 0.
 *
 * @example
 * ```ts
 * unusedAllocation({ cpus: 6, mem: 4096 }, { cpus: 2, mem: 8192 }); // { cpus: 4 }
 * ```
 */
export function unusedAllocation(allocation: Resources, usage: Resources): Resources {
  return subtractClamped(allocation, usage);
}

/**
 * The revocable tasks a QoS correction kills so that the rest fit within `estimate`: the most
 * recently launched first (they have done the least work), until what is left fits.
 *
 * @example
 * ```ts
 * // 4 revocable tasks of 1 cpu, the estimate falls to 1 cpu: the 3 newest are killed.
 * revocationVictims(new Map([['a', { cpus: 1 }], ['b', { cpus: 1 }], ['c', { cpus: 1 }], ['d', { cpus: 1 }]]), { cpus: 1 });
 * // ['d', 'c', 'b']
 * ```
 */
export function revocationVictims(revocable: ReadonlyMap<string, Resources>, estimate: Resources): string[] {
  let held = sumResources(revocable.values());
  const victims: string[] = [];
  for (const [key, allocation] of [...revocable].reverse()) {
    if (fitsWithin(held, estimate)) break;
    victims.push(key);
    held = subtractClamped(held, allocation);
  }
  return victims;
}

/**
 * The master's books of oversubscribed capacity, as Mesos keeps it: each agent's resource
 * estimator reports what its regular tasks were allocated but do not use (less a safety margin);
 * that is offered as revocable resources, apart from the regular pool; and the QoS controller
 * kills revocable tasks as soon as the regular tasks' use rises into the room they borrowed.
 *
 * @example
 * ```ts
 * const book = new RevocableBook({ estimatorInterval: 15e6, safetyMargin: {} });
 * book.addRegular('m1', 'svc', { cpus: 6 }, { cpus: 2 }); // allocated 6, using 2
 * book.runEstimator();
 * book.available('m1'); // { cpus: 4 }
 * book.addRevocable('m1', 'be', 'hadoop', { cpus: 4 });
 * book.setUsage('m1', 'svc', { cpus: 5 }); // ['be']: only 1 cpu is unused now
 * ```
 */
export class RevocableBook {
  readonly settings: OversubscriptionSettings;
  readonly #agents = new Map<string, AgentBook>();
  readonly #heldBy = new Map<string, Resources>();

  constructor(settings: OversubscriptionSettings) {
    this.settings = settings;
  }

  /** A regular task starts on an agent. */
  addRegular(agentId: string, key: string, allocation: Resources, usage: Resources): void {
    this.#agent(agentId).regular.set(key, { allocation, usage });
  }

  /** A regular task's use changes; returns the revocable tasks to kill (QoS correction). */
  setUsage(agentId: string, key: string, usage: Resources): string[] {
    const task = this.#agents.get(agentId)?.regular.get(key);
    if (task === undefined) return [];
    task.usage = usage;
    return this.victims(agentId);
  }

  /** A revocable task of `frameworkId` starts from a revocable offer. */
  addRevocable(agentId: string, key: string, frameworkId: string, allocation: Resources): void {
    const book = this.#agent(agentId);
    book.revocable.set(key, allocation);
    book.owners.set(key, frameworkId);
    this.#heldBy.set(frameworkId, addResources(this.#heldBy.get(frameworkId) ?? {}, allocation));
  }

  /** What the framework's revocable tasks hold over all agents. */
  heldBy(frameworkId: string): Resources {
    return this.#heldBy.get(frameworkId) ?? {};
  }

  /** A task (regular or revocable) ends; returns the revocable tasks to kill (QoS correction). */
  remove(agentId: string, key: string): string[] {
    const book = this.#agents.get(agentId);
    if (book === undefined) return [];
    const revocable = book.revocable.get(key);
    if (revocable !== undefined) {
      const owner = book.owners.get(key) ?? '';
      this.#heldBy.set(owner, subtractClamped(this.#heldBy.get(owner) ?? {}, revocable));
      book.revocable.delete(key);
      book.owners.delete(key);
      return [];
    }
    return book.regular.delete(key) ? this.victims(agentId) : [];
  }

  /** True for a revocable task. */
  isRevocable(agentId: string, key: string): boolean {
    return this.#agents.get(agentId)?.revocable.has(key) ?? false;
  }

  /** Revocable resources go into an offer. */
  offer(agentId: string, resources: Resources): void {
    const book = this.#agent(agentId);
    book.offered = addResources(book.offered, resources);
  }

  /** Revocable resources leave an offer (declined, rescinded, or launched on). */
  returnOffered(agentId: string, resources: Resources): void {
    const book = this.#agent(agentId);
    book.offered = subtractClamped(book.offered, resources);
  }

  /** Allocated-but-unused resources of the agent's regular tasks now, less the safety margin. */
  liveEstimate(agentId: string): Resources {
    const book = this.#agents.get(agentId);
    if (book === undefined) return {};
    const unused = sumResources([...book.regular.values()].map((t) => unusedAllocation(t.allocation, t.usage)));
    return subtractClamped(unused, this.settings.safetyMargin);
  }

  /** The estimator's periodic run: every agent's estimate is refreshed. */
  runEstimator(): void {
    for (const [agentId, book] of this.#agents) book.estimate = this.liveEstimate(agentId);
  }

  /**
   * What may be offered as revocable on the agent: the last estimate (capped by the live one, so
   * nothing is offered that would be revoked at once) less what revocable tasks and offers hold.
   */
  available(agentId: string): Resources {
    const book = this.#agents.get(agentId);
    if (book === undefined) return {};
    const estimate = minResources(book.estimate, this.liveEstimate(agentId));
    return subtractClamped(estimate, sumResources([book.offered, ...book.revocable.values()]));
  }

  /** True when revocable tasks and offers together hold more than the agent's live estimate. */
  overcommitted(agentId: string): boolean {
    const book = this.#agents.get(agentId);
    if (book === undefined) return false;
    return !fitsWithin(sumResources([book.offered, ...book.revocable.values()]), this.liveEstimate(agentId));
  }

  /** Revocable tasks that no longer fit within the agent's live estimate, newest first. */
  victims(agentId: string): string[] {
    const book = this.#agents.get(agentId);
    if (book === undefined || book.revocable.size === 0) return [];
    return revocationVictims(book.revocable, this.liveEstimate(agentId));
  }

  #agent(agentId: string): AgentBook {
    let book = this.#agents.get(agentId);
    if (book === undefined) {
      book = { regular: new Map(), revocable: new Map(), owners: new Map(), offered: {}, estimate: {} };
      this.#agents.set(agentId, book);
    }
    return book;
  }
}
