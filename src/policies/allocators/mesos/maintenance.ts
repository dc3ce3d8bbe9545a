/**
 * Maintenance in Mesos's allocator: an agent may be given an unavailability (a window, from
 * `start`, for `duration` or open-ended); after each allocation run, every active framework that
 * holds something (offered or in use) on a candidate agent under maintenance is sent an inverse
 * offer for the whole agent — once: until it answers (`updateInverseOffer`), it has one
 * outstanding there. An answer may install a refusal filter (its `refuse_seconds`, as Mesos's
 * `RefusedInverseOfferFilter`), during which no new inverse offer goes to it for that agent; a new
 * unavailability clears the agent's filters. The allocator never reads a clock: times are on the
 * allocator's own clock, in microseconds.
 * @module
 */
import type { Micros } from '../../../core/kernel/time.ts';

/**
 * An unavailability window: from `start`, for `duration` (open-ended when absent), in microseconds.
 *
 * @example
 * ```ts
 * const window: Unavailability = { start: 60_000_000 }; // from t = 60 s, open-ended
 * ```
 */
export interface Unavailability {
  readonly start: Micros;
  readonly duration?: Micros;
}

/**
 * An inverse offer: the allocator asks the framework to give back everything it holds on the
 * agent before the window starts (Mesos's inverse offers for maintenance name no resources).
 *
 * @example
 * ```ts
 * const inverse: InverseOffer = { frameworkId: 'f1', agentId: 'a1', unavailability: { start: 60_000_000 } };
 * ```
 */
export interface InverseOffer {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly unavailability: Unavailability;
}

const DEFAULT_REFUSE_SECONDS = 5;
const MAX_REFUSE_SECONDS = 365 * 24 * 3600;

/**
 * The duration of an inverse offer refusal filter, as Mesos computes it from `refuse_seconds`: the
 * 5 s default for a negative value, at most 365 days; 0 installs none.
 *
 * @example
 * ```ts
 * inverseOfferFilterMicros(-1); // 5_000_000
 * ```
 */
export function inverseOfferFilterMicros(refuseSeconds: number): Micros {
  const seconds = refuseSeconds < 0 ? DEFAULT_REFUSE_SECONDS : Math.min(refuseSeconds, MAX_REFUSE_SECONDS);
  return Math.round(seconds * 1_000_000);
}

interface AgentMaintenance {
  readonly unavailability: Unavailability;
  readonly outstanding: Set<string>;
}

/**
 * The maintenance books: each agent's unavailability, the frameworks with an inverse offer
 * outstanding there, and the refusal filters per agent and framework. Empty (and free) when no
 * agent is under maintenance.
 *
 * @example
 * ```ts
 * const book = new MaintenanceBook();
 * book.update('a1', { start: 60_000_000 });
 * book.generate(['a1'], () => ['f1'], 0); // [{ frameworkId: 'f1', agentId: 'a1', unavailability: { start: 60000000 } }]
 * book.generate(['a1'], () => ['f1'], 0); // [] (one is outstanding)
 * ```
 */
export class MaintenanceBook {
  readonly #agents = new Map<string, AgentMaintenance>();
  /** agent → framework → expiry times of its refusal filters there. */
  readonly #filters = new Map<string, Map<string, Micros[]>>();

  /** True when no agent is under maintenance. */
  get empty(): boolean {
    return this.#agents.size === 0;
  }

  /** A new unavailability for an agent (undefined: none); clears the agent's refusal filters. */
  update(agentId: string, unavailability: Unavailability | undefined): void {
    this.#filters.delete(agentId);
    if (unavailability === undefined) this.#agents.delete(agentId);
    else this.#agents.set(agentId, { unavailability, outstanding: new Set() });
  }

  /**
   * A framework answers (or its inverse offer is rescinded): it has none outstanding there any
   * more; a refusal filter of `refuseSeconds` (when given and not 0) keeps new ones away.
   */
  respond(agentId: string, frameworkId: string, refuseSeconds: number | undefined, now: Micros): void {
    const agent = this.#agents.get(agentId);
    if (agent === undefined) throw new Error(`updateInverseOffer: agent "${agentId}" has no maintenance scheduled`);
    agent.outstanding.delete(frameworkId);
    if (refuseSeconds === undefined) return;
    const duration = inverseOfferFilterMicros(refuseSeconds);
    if (duration === 0) return;
    let byFramework = this.#filters.get(agentId);
    if (byFramework === undefined) this.#filters.set(agentId, (byFramework = new Map<string, Micros[]>()));
    byFramework.set(frameworkId, [...(byFramework.get(frameworkId) ?? []), now + duration]);
  }

  /** Forgets a framework's outstanding inverse offers and filters. */
  removeFramework(frameworkId: string): void {
    for (const agent of this.#agents.values()) agent.outstanding.delete(frameworkId);
    for (const byFramework of this.#filters.values()) byFramework.delete(frameworkId);
  }

  /** Forgets an agent. */
  removeAgent(agentId: string): void {
    this.#agents.delete(agentId);
    this.#filters.delete(agentId);
  }

  /**
   * The inverse offers a run over these candidate agents sends: to each framework `holders` names
   * on a candidate under maintenance, unless one is outstanding there or a filter refuses it.
   */
  generate(candidates: Iterable<string>, holders: (agentId: string) => Iterable<string>, now: Micros): InverseOffer[] {
    const out: InverseOffer[] = [];
    if (this.#agents.size === 0) return out;
    for (const agentId of candidates) {
      const agent = this.#agents.get(agentId);
      if (agent === undefined) continue;
      for (const frameworkId of holders(agentId)) {
        if (agent.outstanding.has(frameworkId) || this.#refused(agentId, frameworkId, now)) continue;
        agent.outstanding.add(frameworkId);
        out.push({ frameworkId, agentId, unavailability: agent.unavailability });
      }
    }
    return out;
  }

  #refused(agentId: string, frameworkId: string, now: Micros): boolean {
    return (this.#filters.get(agentId)?.get(frameworkId) ?? []).some((expiresAt) => now < expiresAt);
  }
}
