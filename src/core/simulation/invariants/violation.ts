/**
 * The invariants `checkInvariants` verifies after every event.
 *
 * - `machine-capacity`: no machine has more offered and allocated than its capacity, and its books
 *   balance (free + offered + allocated = capacity);
 * - `task-ends-once`: a task is launched once and ends at most once, only after it was launched;
 * - `offers-disjoint`: an offer ends once; an agent's resources are never in two outstanding offers
 *   at once, nor offered while allocated (outstanding offers + running tasks fit the machine);
 * - `reservations`: resources reserved to a role are used only by it and its sub-roles;
 * - `quota-limits`: an allocation run never gives a role itself more than its own limit left (sub-roles are cut by their own limits, as in Mesos);
 * - `books-balance`: the allocator's books, the master's books and the log (running tasks plus
 *   outstanding offers) agree, per machine and framework.
 *
 * @example
 * ```ts
 * const name: InvariantName = 'books-balance';
 * ```
 */
export type InvariantName =
  'machine-capacity' | 'task-ends-once' | 'offers-disjoint' | 'reservations' | 'quota-limits' | 'books-balance';

/**
 * The event after which an invariant was found broken: its simulated time, kind and index (the
 * number of events processed, counting this one).
 *
 * @example
 * ```ts
 * const at: ViolationEvent = { timeMicros: 12_500_000, kind: 'allocate', index: 431 };
 * ```
 */
export interface ViolationEvent {
  readonly timeMicros: number;
  readonly kind: string;
  readonly index: number;
}

/**
 * Thrown by a run with `checkInvariants` when an invariant breaks: which one, after which event,
 * under which seed, and how to run it again.
 *
 * @example
 * ```ts
 * try { runSimulation(scenario, { checkInvariants: true }); }
 * catch (error) {
 *   if (error instanceof InvariantViolation) console.error(error.invariant, error.event.index, error.seed);
 * }
 * ```
 */
export class InvariantViolation extends Error {
  override readonly name = 'InvariantViolation';
  readonly invariant: InvariantName;
  readonly event: ViolationEvent;
  readonly scenario: string;
  readonly seed: number | string;
  readonly detail: string;

  constructor(
    invariant: InvariantName,
    detail: string,
    event: ViolationEvent,
    scenario: string,
    seed: number | string,
  ) {
    const seconds = event.timeMicros / 1_000_000;
    super(
      `invariant ${invariant} broken after event #${event.index} (${event.kind} at ${seconds} s) of scenario "${scenario}", seed ${JSON.stringify(seed)}: ${detail}\n` +
        `reproduce: clustersim run <scenario file> --seed ${String(seed)} --check-invariants, or runSimulation(scenario, { seed: ${JSON.stringify(seed)}, checkInvariants: true })`,
    );
    this.invariant = invariant;
    this.event = event;
    this.scenario = scenario;
    this.seed = seed;
    this.detail = detail;
  }
}

/**
 * A broken invariant found by one check, before the event it follows is known.
 *
 * @example
 * ```ts
 * const problem: InvariantProblem = { invariant: 'task-ends-once', detail: 'task a/t1 ended twice' };
 * ```
 */
export interface InvariantProblem {
  readonly invariant: InvariantName;
  readonly detail: string;
}
