import type { Resources } from '../cluster/resources.ts';
import { cpuSpeeds, type CpuSharing } from '../cluster/cpuSharing.ts';
import type { Micros } from '../kernel/time.ts';

/**
 * A task as the execution model sees it.
 *
 * @example
 * ```ts
 * const task: ExecutingTask = { key: 'fw\u0000t1', agentId: 'm1', allocation: { cpus: 1 }, usage: { cpus: 1 },
 *   remaining: 60e6, rate: 1, progressAt: 0, version: 0 };
 * ```
 */
export interface ExecutingTask {
  readonly key: string;
  readonly agentId: string;
  /** What it was allocated. */
  readonly allocation: Resources;
  /** What it uses (may exceed the allocation). */
  usage: Resources;
  /** Work left, in µs at full speed; undefined for a task that runs until killed. */
  remaining: number | undefined;
  /** Fraction of full speed it runs at now (0 < rate ≤ 1). */
  rate: number;
  /** When `remaining` was last brought up to date. */
  progressAt: Micros;
  /** Bumped whenever its finish time changes, so stale finish events can be recognised. */
  version: number;
  /** It runs on revocable resources: a CPU weight of 10 shares per CPU instead of 1024. */
  readonly revocable?: boolean;
}

/**
 * What a change on a machine leads to.
 *
 * @example
 * ```ts
 * const { rescheduled, oomVictims } = model.setUsage('fw\u0000t1', { cpus: 2, mem: 4096 }, now);
 * ```
 */
export interface ExecutionChanges {
  /** Tasks whose rate changed (their new finish events must be scheduled). */
  readonly rescheduled: readonly ExecutingTask[];
  /** Tasks to kill for using more memory than they may (OOM), in kill order. */
  readonly oomVictims: readonly ExecutingTask[];
}

const cpusOf = (r: Resources): number => r['cpus'] ?? 0;
const memOf = (r: Resources): number => r['mem'] ?? 0;

/**
 * How tasks on one machine progress when what they use differs from what they were allocated.
 * The CPUs each task gets follow its machine's CPU sharing ({@link grantCpus}); a task getting
 * less CPU than it uses runs at that fraction of full speed and its work stretches.
 *
 * With isolation (the default, as with Mesos's cgroups isolators): CPU by `cpu.shares` — a task
 * may use idle CPU beyond its allocation, and only on a machine whose CPUs are all demanded are
 * the tasks cut back, in proportion to their allocations — or, on machines with a CFS quota,
 * throttled at its allocation. A task whose memory use exceeds its allocation is killed (OOM,
 * Mesos's `REASON_CONTAINER_LIMITATION_MEMORY`).
 *
 * Without isolation: tasks take CPU in proportion to what they use; when the machine's CPUs are
 * oversubscribed every task slows down by capacity ÷ demand, so one bad actor stretches its
 * neighbours' work. Memory is only limited by the machine: when the tasks together use more than
 * it has, the kernel's OOM killer kills the task most over its allocation.
 *
 * @example
 * ```ts
 * const model = new ExecutionModel(true, new Map([['m1', { cpus: 4, mem: 4096 }]]), () => true);
 * model.add({ key: 't', agentId: 'm1', allocation: { cpus: 1 }, usage: { cpus: 2 }, remaining: 60e6, rate: 1, progressAt: 0, version: 0 }, 0);
 * model.finishTime(model.task('t')!, 0); // 120e6: a CFS quota holds it at 1 of the 2 cpus it wants
 * ```
 */
export class ExecutionModel {
  readonly #isolation: boolean;
  readonly #capacity: ReadonlyMap<string, Resources>;
  readonly #cfsQuota: (agentId: string) => boolean;
  readonly #byAgent = new Map<string, Map<string, ExecutingTask>>();
  readonly #byKey = new Map<string, ExecutingTask>();

  /**
   * @param isolation - cgroups isolators on (CPU shares or quota, memory limit) or off.
   * @param capacity - each machine's resources.
   * @param cfsQuota - whether a machine caps CPU with a CFS quota (with isolation only).
   */
  constructor(
    isolation: boolean,
    capacity: ReadonlyMap<string, Resources>,
    cfsQuota: (agentId: string) => boolean = () => false,
  ) {
    this.#isolation = isolation;
    this.#capacity = capacity;
    this.#cfsQuota = cfsQuota;
  }

  /** How CPU is shared on a machine. */
  cpuSharing(agentId: string): CpuSharing {
    if (!this.#isolation) return 'none';
    return this.#cfsQuota(agentId) ? 'cfs' : 'shares';
  }

  /** The task with this key, if running. */
  task(key: string): ExecutingTask | undefined {
    return this.#byKey.get(key);
  }

  /** Starts a task; returns what changes on its machine (the task itself is among the rescheduled). */
  add(task: ExecutingTask, now: Micros): ExecutionChanges {
    let onAgent = this.#byAgent.get(task.agentId);
    if (onAgent === undefined) this.#byAgent.set(task.agentId, (onAgent = new Map<string, ExecutingTask>()));
    onAgent.set(task.key, task);
    this.#byKey.set(task.key, task);
    task.rate = 0; // forces its first finish event to be scheduled
    return this.#recompute(task.agentId, now);
  }

  /** Stops a task (ended or killed); returns what changes for the tasks left on its machine. */
  remove(key: string, now: Micros): ExecutionChanges {
    const task = this.#byKey.get(key);
    if (task === undefined) return { rescheduled: [], oomVictims: [] };
    this.#byKey.delete(key);
    this.#byAgent.get(task.agentId)?.delete(key);
    return this.#recompute(task.agentId, now);
  }

  /** A task's use changes (e.g. its load); returns what changes on its machine. */
  setUsage(key: string, usage: Resources, now: Micros): ExecutionChanges {
    const task = this.#byKey.get(key);
    if (task === undefined) return { rescheduled: [], oomVictims: [] };
    this.#progress(task, now);
    task.usage = usage;
    return this.#recompute(task.agentId, now);
  }

  /** When the task will finish at its current rate (Infinity for one that runs until killed). */
  finishTime(task: ExecutingTask, now: Micros): Micros {
    if (task.remaining === undefined) return Infinity;
    this.#progress(task, now);
    return now + Math.ceil(task.remaining / task.rate);
  }

  /** Resources the task really consumes now: CPUs scaled by its rate, memory as used. */
  consumed(task: ExecutingTask): Resources {
    return { ...task.usage, cpus: cpusOf(task.usage) * task.rate };
  }

  #progress(task: ExecutingTask, now: Micros): void {
    if (task.remaining !== undefined && now > task.progressAt) {
      task.remaining = Math.max(0, task.remaining - (now - task.progressAt) * task.rate);
    }
    task.progressAt = now;
  }

  #recompute(agentId: string, now: Micros): ExecutionChanges {
    const tasks = [...(this.#byAgent.get(agentId)?.values() ?? [])];
    const capacity = this.#capacity.get(agentId) ?? {};
    const claims = tasks.map((t) => ({
      allocated: cpusOf(t.allocation),
      demand: cpusOf(t.usage),
      revocable: t.revocable === true,
    }));
    const speeds = cpuSpeeds(cpusOf(capacity), claims, this.cpuSharing(agentId));
    const rescheduled: ExecutingTask[] = [];
    for (const [i, task] of tasks.entries()) {
      const rate = speeds[i] as number;
      // A task that gets no CPU at all would never progress; treat it as unthrottled.
      const effective = rate > 0 ? rate : 1;
      if (effective === task.rate) continue;
      this.#progress(task, now);
      task.rate = effective;
      task.version++;
      rescheduled.push(task);
    }
    return { rescheduled, oomVictims: this.#oomVictims(tasks, capacity) };
  }

  #oomVictims(tasks: readonly ExecutingTask[], capacity: Resources): ExecutingTask[] {
    if (this.#isolation) return tasks.filter((t) => memOf(t.usage) > memOf(t.allocation));
    let used = tasks.reduce((sum, t) => sum + memOf(t.usage), 0);
    const limit = memOf(capacity);
    if (used <= limit || limit === 0) return [];
    // The kernel's OOM killer: most over its allocation first, then the biggest, then by key.
    const order = [...tasks].sort(
      (a, b) =>
        memOf(b.usage) - memOf(b.allocation) - (memOf(a.usage) - memOf(a.allocation)) ||
        memOf(b.usage) - memOf(a.usage) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const victims: ExecutingTask[] = [];
    for (const task of order) {
      if (used <= limit) break;
      victims.push(task);
      used -= memOf(task.usage);
    }
    return victims;
  }
}
