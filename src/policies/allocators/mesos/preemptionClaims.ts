import type { PreemptionClaim } from '../../../core/plugins/allocator.ts';
import type { Micros } from '../../../core/kernel/time.ts';

/**
 * The preemption claims an allocator holds: each names an agent whose freed resources go to one
 * framework first, until it is offered them or the claim expires.
 *
 * @example
 * ```ts
 * const claims = new PreemptionClaims();
 * claims.add({ frameworkId: 'web', role: 'prod', agentId: 'std-0', resources: { cpus: 2 }, until: 60e6 });
 * claims.live(['std-0', 'std-1'], 30e6); // [that claim]
 * claims.live(['std-0'], 61e6); // [] (expired, and forgotten)
 * ```
 */
export class PreemptionClaims {
  readonly #claims: PreemptionClaim[] = [];

  add(claim: PreemptionClaim): void {
    this.#claims.push(claim);
  }

  /** Claims not yet expired on the given agents, oldest first; expired ones are dropped. */
  live(agentIds: readonly string[], now: Micros): PreemptionClaim[] {
    for (let i = this.#claims.length - 1; i >= 0; i--)
      if ((this.#claims[i] as PreemptionClaim).until < now) this.#claims.splice(i, 1);
    if (this.#claims.length === 0) return [];
    const agents = new Set(agentIds);
    return this.#claims.filter((c) => agents.has(c.agentId));
  }

  /** The claim was honoured (its framework was offered the agent's resources). */
  remove(claim: PreemptionClaim): void {
    const index = this.#claims.indexOf(claim);
    if (index >= 0) this.#claims.splice(index, 1);
  }
}
