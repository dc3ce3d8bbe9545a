import type { SimObserver, SimRecord } from '../core/simulation/records.ts';

type Launch = Extract<SimRecord, { kind: 'task-launched' }>;
type Ended = Extract<SimRecord, { kind: 'task-ended' }>;

/**
 * What a {@link RoleAttribution} tells its listeners: each task's launch and end with its role.
 *
 * @example
 * ```ts
 * const listener: RoleListener = { launched: (role, r) => console.log(r.taskId, role), ended: (role, r) => console.log(r.taskId, role) };
 * ```
 */
export interface RoleListener {
  launched(role: string, launch: Launch): void;
  ended(role: string, end: Ended): void;
}

/**
 * Tells which role each task runs under: the role of the offer it was launched from. A launch is
 * logged just before its offer's `offer-accepted` (same instant), so launches are held until that
 * record names the offer; a launch no accept claims falls back to its framework's first role.
 * One instance can serve several observers: place it before them and let them listen.
 *
 * @example
 * ```ts
 * const roles = new RoleAttribution();
 * roles.listen({ launched: (role, r) => console.log(r.taskId, 'runs as', role), ended: () => {} });
 * simulate(scenario, { observers: [roles] });
 * ```
 */
export class RoleAttribution implements SimObserver {
  readonly #listeners: RoleListener[] = [];
  readonly #firstRole = new Map<string, string>();
  readonly #offerRole = new Map<string, string>();
  /** Per framework: task id → role. */
  readonly #taskRole = new Map<string, Map<string, string>>();
  /** Launches waiting for their offer-accepted, per framework, and the instant they were logged. */
  readonly #held = new Map<string, Launch[]>();
  #heldCount = 0;
  #heldAt = -1;

  listen(listener: RoleListener): void {
    this.#listeners.push(listener);
  }

  observe(r: SimRecord): void {
    if (this.#heldCount > 0 && r.t !== this.#heldAt) this.#flush();
    switch (r.kind) {
      case 'framework-registered':
        this.#firstRole.set(r.frameworkId, r.roles[0] ?? '*');
        return;
      case 'offer-made':
        this.#offerRole.set(r.offerId, r.role);
        return;
      case 'offer-declined':
      case 'offer-rescinded':
        this.#offerRole.delete(r.offerId);
        return;
      case 'offer-accepted': {
        const role = this.#offerRole.get(r.offerId) ?? this.#firstRole.get(r.frameworkId) ?? '*';
        this.#offerRole.delete(r.offerId);
        const held = this.#held.get(r.frameworkId);
        if (held === undefined || held.length === 0) return;
        const from = Math.max(0, held.length - r.tasks);
        for (let i = from; i < held.length; i++) this.#assign(role, held[i] as Launch);
        this.#heldCount -= held.length - from;
        held.length = from;
        return;
      }
      case 'task-launched': {
        let held = this.#held.get(r.frameworkId);
        if (held === undefined) this.#held.set(r.frameworkId, (held = []));
        held.push(r);
        this.#heldCount++;
        this.#heldAt = r.t;
        return;
      }
      case 'task-ended': {
        const tasks = this.#taskRole.get(r.frameworkId);
        const role = tasks?.get(r.taskId);
        if (role === undefined) {
          // Ended before any accept claimed it: drop it from the held launches, it never counted.
          const held = this.#held.get(r.frameworkId);
          const i = held?.findIndex((l) => l.taskId === r.taskId) ?? -1;
          if (i >= 0) {
            held?.splice(i, 1);
            this.#heldCount--;
          }
          return;
        }
        tasks?.delete(r.taskId);
        for (const l of this.#listeners) l.ended(role, r);
        return;
      }
      default:
        return;
    }
  }

  /** Assigns any launches still held (no accept claimed them) to their framework's first role. */
  #flush(): void {
    for (const [frameworkId, held] of this.#held) {
      for (const launch of held) this.#assign(this.#firstRole.get(frameworkId) ?? '*', launch);
      held.length = 0;
    }
    this.#heldCount = 0;
  }

  #assign(role: string, launch: Launch): void {
    let tasks = this.#taskRole.get(launch.frameworkId);
    if (tasks === undefined) this.#taskRole.set(launch.frameworkId, (tasks = new Map<string, string>()));
    tasks.set(launch.taskId, role);
    for (const l of this.#listeners) l.launched(role, launch);
  }
}
