import type { Resources } from '../cluster/resources.ts';

/**
 * What one framework holds on an agent in one role, as the allocator books it (offered or in
 * use: allocators count offers as allocated until the resources are recovered).
 *
 * @example
 * ```ts
 * const holding: AllocatorHolding = { frameworkId: 'spark', role: 'batch', resources: { cpus: 3 },
 *   reserved: new Map([['batch', { cpus: 1 }]]) }; // 1 of the 3 cpus comes from batch's reservation
 * ```
 */
export interface AllocatorHolding {
  readonly frameworkId: string;
  /** The role it is held in (absent: the allocator books per framework only). */
  readonly role?: string;
  /** Everything held, reserved parts included. */
  readonly resources: Resources;
  /** The parts taken from reservations, by the reservation's role (absent: not tracked). */
  readonly reserved?: ReadonlyMap<string, Resources>;
}

/**
 * The allocator's books for one agent.
 *
 * @example
 * ```ts
 * const agent: AllocatorAgentView = { total: { cpus: 8 }, holdings: [],
 *   reservations: new Map([['web', { cpus: 2 }]]) };
 * ```
 */
export interface AllocatorAgentView {
  readonly total: Resources;
  readonly holdings: readonly AllocatorHolding[];
  /** Reservations by role, static and dynamic (absent: the allocator does not honour reservations). */
  readonly reservations?: ReadonlyMap<string, Resources>;
}

/**
 * A read-only snapshot of an allocator's books, for invariant checks ({@link Allocator.inspect}).
 * Taking it must not change the allocator.
 *
 * @example
 * ```ts
 * const view: AllocatorView | undefined = allocator.inspect?.();
 * for (const [agentId, agent] of view?.agents ?? []) console.log(agentId, agent.holdings.length);
 * ```
 */
export interface AllocatorView {
  readonly agents: ReadonlyMap<string, AllocatorAgentView>;
  /** Quota limits by top-level role (absent: the allocator has no quota). */
  readonly quotaLimits?: ReadonlyMap<string, Resources>;
}
