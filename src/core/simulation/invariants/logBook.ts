import type { Resources } from '../../cluster/resources.ts';
import type { SimObserver, SimRecord } from '../records.ts';
import type { InvariantProblem } from './violation.ts';

/**
 * Something the log says is held on an agent: a running task or an outstanding offer.
 *
 * @example
 * ```ts
 * const held: LoggedHolding = { frameworkId: 'spark', role: 'batch', agentId: 'm1', resources: { cpus: 2 } };
 * ```
 */
export interface LoggedHolding {
  readonly frameworkId: string;
  /** The offer's role (tasks take theirs from the offer they came from; null when not known). */
  readonly role: string | null;
  readonly agentId: string;
  readonly resources: Resources;
}

/**
 * The run's state as its log tells it, rebuilt from the records alone (independently of the
 * master's and the allocator's books): running tasks and outstanding offers, and the first broken
 * lifecycle rule (a task launched twice or ended without running; an offer ended twice).
 *
 * @example
 * ```ts
 * const book = new LogBook();
 * simulate(scenario, { observers: [book] });
 * book.tasks.size; // tasks running at the horizon
 * ```
 */
export class LogBook implements SimObserver {
  /** Running tasks by `frameworkId/taskId`. */
  readonly tasks = new Map<string, LoggedHolding>();
  /** Outstanding offers by id. */
  readonly offers = new Map<string, LoggedHolding>();
  /** Offer ids ever made (an id is never reused). */
  readonly #madeOffers = new Set<string>();
  /** Revocable offers and tasks: outside the agents' books, so kept apart from `offers` and `tasks`. */
  readonly #revocableOffers = new Set<string>();
  readonly #revocableTasks = new Set<string>();
  /** The first problem seen since the last {@link LogBook.takeProblem}. */
  #problem: InvariantProblem | undefined;

  observe(record: SimRecord): void {
    switch (record.kind) {
      case 'offer-made':
        if (this.#madeOffers.has(record.offerId))
          this.#flag('offers-disjoint', `offer ${record.offerId} was made twice`);
        this.#madeOffers.add(record.offerId);
        if (record.revocable === true) {
          this.#revocableOffers.add(record.offerId);
          return;
        }
        this.offers.set(record.offerId, {
          frameworkId: record.frameworkId,
          role: record.role,
          agentId: record.agentId,
          resources: record.resources,
        });
        return;
      case 'offer-accepted':
      case 'offer-declined':
      case 'offer-rescinded':
        if (this.#revocableOffers.delete(record.offerId)) return;
        if (!this.offers.delete(record.offerId))
          this.#flag('offers-disjoint', `offer ${record.offerId} ended (${record.kind}) while not outstanding`);
        return;
      case 'task-launched': {
        const key = `${record.frameworkId}/${record.taskId}`;
        if (this.tasks.has(key) || this.#revocableTasks.has(key))
          this.#flag('task-ends-once', `task ${key} launched while already running`);
        if (record.revocable === true) {
          this.#revocableTasks.add(key);
          return;
        }
        this.tasks.set(key, {
          frameworkId: record.frameworkId,
          role: null,
          agentId: record.agentId,
          resources: record.resources,
        });
        return;
      }
      case 'task-ended': {
        const key = `${record.frameworkId}/${record.taskId}`;
        if (this.#revocableTasks.delete(key)) return;
        if (!this.tasks.delete(key))
          this.#flag(
            'task-ends-once',
            `task ${key} ended (${record.state}) while not running: it ended twice or never started`,
          );
        return;
      }
      default:
        return;
    }
  }

  /** The first problem seen since the last call (then forgotten). */
  takeProblem(): InvariantProblem | undefined {
    const problem = this.#problem;
    this.#problem = undefined;
    return problem;
  }

  #flag(invariant: InvariantProblem['invariant'], detail: string): void {
    this.#problem ??= { invariant, detail };
  }
}
