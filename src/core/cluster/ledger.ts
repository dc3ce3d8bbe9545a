import {
  addResources,
  fitsWithin,
  formatResources,
  resourcesEqual,
  subtractResources,
  type Resources,
} from './resources.ts';

/**
 * The books of one machine: every unit of its capacity is either free, offered (held in an
 * outstanding offer) or allocated (used by a task). Each operation moves resources between these
 * states and refuses, with an error, any move that would over-commit the machine.
 *
 * @example
 * ```ts
 * const ledger = createMachineLedger('m1', { cpus: 4 });
 * ledger.offer({ cpus: 4 });
 * ledger.launchFromOffer({ cpus: 1 });
 * ledger.returnOffered({ cpus: 3 });
 * ledger.free; // { cpus: 3 }
 * ```
 */
export interface MachineLedger {
  readonly machineId: string;
  readonly capacity: Resources;
  readonly free: Resources;
  readonly offered: Resources;
  readonly allocated: Resources;
  /** free → offered. */
  offer(resources: Resources): void;
  /** offered → free (declined, rescinded or expired). */
  returnOffered(resources: Resources): void;
  /** offered → allocated (a task launched from an offer). */
  launchFromOffer(resources: Resources): void;
  /** free → allocated (placed directly, as a monolithic scheduler does). */
  allocate(resources: Resources): void;
  /** allocated → free (a task ended). */
  release(resources: Resources): void;
  /** Throws unless free + offered + allocated = capacity. */
  checkBalance(): void;
}

/**
 * Thrown when an operation would over-commit a machine or break its books.
 *
 * @example
 * ```ts
 * const ledger = createMachineLedger('m1', { cpus: 1 });
 * ledger.offer({ cpus: 2 }); // throws LedgerError: "machine m1: cannot offer cpus:2; only cpus:1 free"
 * ```
 */
export class LedgerError extends Error {
  override readonly name = 'LedgerError';
}

/**
 * Creates the ledger of a machine with all of its capacity free.
 *
 * @example
 * ```ts
 * createMachineLedger('m1', { cpus: 2 }).free; // { cpus: 2 }
 * ```
 */
export function createMachineLedger(machineId: string, capacity: Resources): MachineLedger {
  return new Ledger(machineId, capacity);
}

class Ledger implements MachineLedger {
  readonly machineId: string;
  readonly capacity: Resources;
  free: Resources;
  offered: Resources = {};
  allocated: Resources = {};

  constructor(machineId: string, capacity: Resources) {
    this.machineId = machineId;
    this.capacity = capacity;
    this.free = capacity;
  }

  offer(resources: Resources): void {
    this.#require(resources, this.free, 'offer', 'free');
    this.free = subtractResources(this.free, resources);
    this.offered = addResources(this.offered, resources);
  }

  returnOffered(resources: Resources): void {
    this.#require(resources, this.offered, 'return', 'offered');
    this.offered = subtractResources(this.offered, resources);
    this.free = addResources(this.free, resources);
  }

  launchFromOffer(resources: Resources): void {
    this.#require(resources, this.offered, 'launch', 'offered');
    this.offered = subtractResources(this.offered, resources);
    this.allocated = addResources(this.allocated, resources);
  }

  allocate(resources: Resources): void {
    this.#require(resources, this.free, 'allocate', 'free');
    this.free = subtractResources(this.free, resources);
    this.allocated = addResources(this.allocated, resources);
  }

  release(resources: Resources): void {
    this.#require(resources, this.allocated, 'release', 'allocated');
    this.allocated = subtractResources(this.allocated, resources);
    this.free = addResources(this.free, resources);
  }

  checkBalance(): void {
    const total = addResources(addResources(this.free, this.offered), this.allocated);
    if (!resourcesEqual(total, this.capacity)) {
      throw new LedgerError(
        `machine ${this.machineId}: free + offered + allocated = ${formatResources(total)}, capacity ${formatResources(this.capacity)}`,
      );
    }
  }

  #require(resources: Resources, pool: Resources, verb: string, poolName: string): void {
    if (!fitsWithin(resources, pool)) {
      throw new LedgerError(
        `machine ${this.machineId}: cannot ${verb} ${formatResources(resources)}; only ${formatResources(pool)} ${poolName}`,
      );
    }
  }
}
