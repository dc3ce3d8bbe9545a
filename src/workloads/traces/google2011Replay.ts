import { isEmptyResources, normalizeResources } from '../../core/cluster/resources.ts';
import type { Arrival, TaskTemplate } from '../../core/plugins/workload.ts';
import { TraceError } from '../loadTrace.ts';
import { traceErrorAt, type RowStream } from './csvStream.ts';
import { GOOGLE_2011_EVENT as EV, parseTaskEvent, type TaskEvent } from './google2011Events.ts';
import type { Google2011Settings, Google2011Stats } from './google2011Settings.ts';

/**
 * The lookahead that turns a time-ordered `task_events` stream into job arrivals with known task
 * durations. Arrivals must come in submission order, but a task's duration is known only when
 * its terminal event is read, so the reader keeps, in submission order, the job groups whose
 * tasks have not all ended, and emits the oldest once all its tasks are resolved. Memory: the
 * tasks submitted since the oldest unresolved group (bounded by `maxLookahead`), plus one small
 * entry per live task — never the file.
 * @module
 */

interface Group {
  readonly jobId: string;
  readonly seq: number;
  /** Trace time of its first SUBMIT (clamped to `from`). */
  readonly time: number;
  readonly tasks: LiveTask[];
  unresolved: number;
  kept: number;
}

interface LiveTask {
  readonly group: Group;
  readonly submit: number;
  start: number | undefined;
  cpu: number | undefined;
  mem: number | undefined;
  disk: number | undefined;
  /** Set when resolved: seconds of trace time, 'forever' (no duration), or 'drop'. */
  outcome: number | 'forever' | 'drop' | undefined;
}

/**
 * A pull-based replay of one `task_events` file (see the module comment and `google2011Workload`).
 *
 * @example
 * ```ts
 * const replay = new Google2011Replay(settings, openRowStream(settings.file, { quote: false }));
 * replay.next(); // the first arrival, or undefined
 * ```
 */
export class Google2011Replay {
  readonly #s: Google2011Settings;
  readonly #rows: RowStream;
  readonly #live = new Map<string, LiveTask>();
  #queue: Group[] = [];
  #head = 0;
  #dead = 0;
  readonly #openGroup = new Map<string, Group>();
  #seq = 0;
  #lastTime = -1;
  #now: number;
  #ended = false;
  /** The error that stopped the replay: thrown again by later calls. */
  #error: Error | undefined = undefined;
  #stats = { rows: 0, skippedRows: 0, arrivals: 0, tasks: 0, unfinished: 0, longRunning: 0, neverRan: 0, noResources: 0, orphanEvents: 0 };

  constructor(settings: Google2011Settings, rows: RowStream) {
    this.#s = settings;
    this.#rows = rows;
    this.#now = settings.from;
  }

  stats(): Google2011Stats {
    return { ...this.#stats };
  }

  next(): Arrival | undefined {
    if (this.#error !== undefined) throw this.#error;
    try {
      return this.#next();
    } catch (error) {
      this.#error = error instanceof Error ? error : new Error(String(error));
      this.#ended = true;
      this.#rows.close();
      throw error;
    }
  }

  #next(): Arrival | undefined {
    for (;;) {
      const head = this.#queue[this.#head];
      // A group is complete once its tasks are resolved and no more SUBMITs can join it.
      if (head !== undefined && head.unresolved === 0 && (this.#ended || this.#now - head.time > this.#s.groupWithin)) {
        this.#pop();
        const arrival = this.#arrival(head);
        if (arrival !== undefined) return arrival;
        continue;
      }
      if (head !== undefined && this.#s.maxLookahead !== undefined && this.#now - head.time > this.#s.maxLookahead) {
        for (const task of head.tasks) if (task.outcome === undefined) this.#resolve(task, 'forever', 'longRunning');
        continue;
      }
      if (this.#ended) return undefined;
      this.#readOne();
    }
  }

  #readOne(): void {
    const row = this.#rows.next();
    if (row === undefined) return this.#end(Math.max(this.#s.from, this.#lastTime));
    let event: TaskEvent;
    try {
      event = parseTaskEvent(row, this.#rows.file);
      if (event.time < this.#lastTime) {
        throw traceErrorAt(this.#rows.file, row.line, `time ${event.time} goes back (the previous row is at ${this.#lastTime}); task_events files are time-ordered`);
      }
    } catch (error) {
      if (!(error instanceof TraceError) || !this.#s.skipBadRows) throw error;
      this.#stats.skippedRows++;
      return;
    }
    if (event.time >= this.#s.until) {
      this.#rows.close();
      return this.#end(Number.isFinite(this.#s.until) ? this.#s.until : Math.max(this.#s.from, this.#lastTime));
    }
    this.#lastTime = event.time;
    this.#stats.rows++;
    this.#now = Math.max(event.time, this.#s.from);
    this.#apply(event);
  }

  #apply(e: TaskEvent): void {
    const key = `${e.jobId}/${e.taskIndex}`;
    let task = this.#live.get(key);
    if (e.type === EV.SUBMIT || (e.type === EV.SCHEDULE && task === undefined)) {
      if (task !== undefined) this.#terminate(key, task, e.time); // resubmitted while live
      if (!this.#s.keep(e.jobId, e.priority)) return;
      task = this.#submit(key, e);
      if (e.type === EV.SUBMIT) return;
    }
    if (task === undefined) {
      if (this.#s.keep(e.jobId, e.priority)) this.#stats.orphanEvents++;
      return;
    }
    switch (e.type) {
      case EV.SCHEDULE:
        if (task.start === undefined) {
          update(task, e);
          task.start = this.#now;
        }
        return;
      case EV.UPDATE_PENDING:
        if (task.start === undefined) update(task, e);
        return;
      case EV.UPDATE_RUNNING:
        return; // a running task keeps the requests it was scheduled with
      default:
        this.#terminate(key, task, e.time);
    }
  }

  #submit(key: string, e: TaskEvent): LiveTask {
    const open = this.#openGroup.get(e.jobId);
    let group = open;
    if (group === undefined || this.#now - group.time > this.#s.groupWithin) {
      group = { jobId: e.jobId, seq: this.#seq++, time: this.#now, tasks: [], unresolved: 0, kept: 0 };
      this.#queue.push(group);
      this.#openGroup.set(e.jobId, group);
    }
    const task: LiveTask = { group, submit: this.#now, start: undefined, cpu: e.cpu, mem: e.mem, disk: e.disk, outcome: undefined };
    group.tasks.push(task);
    group.unresolved++;
    this.#live.set(key, task);
    return task;
  }

  /** A terminal event (or a resubmission) at raw trace time `time`. */
  #terminate(key: string, task: LiveTask, time: number): void {
    this.#live.delete(key);
    if (task.outcome !== undefined) return; // already emitted as long-running
    if (task.start === undefined || time < this.#s.from) this.#resolve(task, 'drop', 'neverRan');
    else this.#resolve(task, this.#now - task.start, undefined);
  }

  #resolve(task: LiveTask, outcome: number | 'forever' | 'drop', counter: 'longRunning' | 'neverRan' | 'unfinished' | undefined): void {
    task.outcome = outcome;
    if (counter !== undefined) this.#stats[counter]++;
    const group = task.group;
    group.unresolved--;
    if (outcome !== 'drop') group.kept++;
    if (group.unresolved === 0 && group.kept === 0) this.#dropDead(group);
  }

  /** The end of the replay at trace time `end`: every task still live is unfinished. */
  #end(end: number): void {
    this.#ended = true;
    const mode = this.#s.unfinished;
    for (const task of this.#live.values()) {
      if (task.outcome !== undefined) continue;
      const began = task.start ?? task.submit;
      this.#resolve(task, mode === 'window-end' ? end - began : mode === 'run-forever' ? 'forever' : 'drop', 'unfinished');
    }
    this.#live.clear();
    this.#openGroup.clear();
  }

  #dropDead(group: Group): void {
    if (this.#openGroup.get(group.jobId) === group) this.#openGroup.delete(group.jobId);
    this.#dead++;
    // Compact the queue when most of it is groups that will emit nothing (e.g. before `from`).
    if (this.#dead > 1024 && this.#dead * 2 > this.#queue.length - this.#head) {
      this.#queue = this.#queue.slice(this.#head).filter((g) => g.unresolved > 0 || g.kept > 0);
      this.#head = 0;
      this.#dead = 0;
    }
  }

  #pop(): void {
    const group = this.#queue[this.#head] as Group;
    if (group.kept === 0) this.#dead--;
    this.#head++;
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (this.#openGroup.get(group.jobId) === group) this.#openGroup.delete(group.jobId);
  }

  #arrival(group: Group): Arrival | undefined {
    const tasks: TaskTemplate[] = [];
    const scale = this.#s.timeScale;
    for (const task of group.tasks) {
      if (task.outcome === 'drop' || task.outcome === undefined) continue;
      const resources = normalizeResources(this.#s.resources(task));
      if (isEmptyResources(resources)) {
        this.#stats.noResources++;
        continue;
      }
      tasks.push(task.outcome === 'forever' ? { resources } : { resources, durationSeconds: task.outcome / scale / 1e6 });
    }
    if (tasks.length === 0) return undefined;
    this.#stats.arrivals++;
    this.#stats.tasks += tasks.length;
    const time = Math.round((group.time - this.#s.from) / scale);
    return { time, frameworkId: this.#s.frameworkId, job: { jobId: `${this.#s.jobIdPrefix}-${group.jobId}-${group.seq}`, tasks } };
  }
}

/** Requests given on a SCHEDULE or UPDATE_PENDING row replace the task's (empty fields keep them). */
function update(task: LiveTask, e: TaskEvent): void {
  if (e.cpu !== undefined) task.cpu = e.cpu;
  if (e.mem !== undefined) task.mem = e.mem;
  if (e.disk !== undefined) task.disk = e.disk;
}
