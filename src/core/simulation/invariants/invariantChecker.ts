import type { Machine } from '../../cluster/topology.ts';
import type { MasterView } from '../../master/masterView.ts';
import { logMasterProblem, masterAllocatorProblem } from './booksChecks.ts';
import { LogBook } from './logBook.ts';
import { machineProblem } from './machineChecks.ts';
import { ownUnreserved, quotaConsumption, quotaProblem, type QuotaBefore } from './quotaChecks.ts';
import { reservationProblem } from './reservationChecks.ts';
import { InvariantViolation, type InvariantProblem, type ViolationEvent } from './violation.ts';

/**
 * Checks every invariant (see {@link InvariantName}) after each event of a run. Its
 * {@link InvariantChecker.log} observes the records; {@link InvariantChecker.afterEvent} reads the
 * master's and the allocator's books and throws an {@link InvariantViolation} at the first broken
 * invariant. A run without `checkInvariants` makes none of this.
 *
 * @example
 * ```ts
 * const checker = new InvariantChecker({ machines: topology.machines, scenario: 'demo', seed: 7, inspect: () => master.inspect() });
 * // records go to checker.log; after each event:
 * checker.afterEvent({ timeMicros: loop.now, kind: event.kind, index: loop.processed });
 * ```
 */
export class InvariantChecker {
  readonly log = new LogBook();
  readonly #machines: readonly Machine[];
  readonly #scenario: string;
  readonly #seed: number | string;
  readonly #inspect: () => MasterView;
  #quotaBefore: QuotaBefore = { consumption: new Map(), own: new Map() };

  constructor(options: {
    readonly machines: readonly Machine[];
    readonly scenario: string;
    readonly seed: number | string;
    readonly inspect: () => MasterView;
  }) {
    this.#machines = options.machines;
    this.#scenario = options.scenario;
    this.#seed = options.seed;
    this.#inspect = options.inspect;
  }

  /** Verifies every invariant after an event; throws {@link InvariantViolation} if one broke. */
  afterEvent(event: ViolationEvent): void {
    const problem = this.#problem(event.kind);
    if (problem !== undefined)
      throw new InvariantViolation(problem.invariant, problem.detail, event, this.#scenario, this.#seed);
  }

  #problem(kind: string): InvariantProblem | undefined {
    const logged = this.log.takeProblem();
    if (logged !== undefined) return logged;
    const master = this.#inspect();
    const books = master.allocator.inspect?.();
    const problem =
      machineProblem(this.#machines, master, this.log) ??
      logMasterProblem(master, this.log) ??
      (books === undefined ? undefined : masterAllocatorProblem(master, books)) ??
      reservationProblem(this.#machines, [...master.tasks, ...master.offers], books);
    if (problem !== undefined || books === undefined) return problem;
    const quota = kind === 'allocate' ? quotaProblem(books, this.#quotaBefore) : undefined;
    this.#quotaBefore = { consumption: quotaConsumption(books), own: ownUnreserved(books) };
    return quota;
  }
}
