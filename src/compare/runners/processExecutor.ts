import { fork, type ChildProcess } from 'node:child_process';
import type { RunReport } from '../../metrics/runReport.ts';
import { childExecArgv } from './childExecArgv.ts';
import type { ChildReply, TaskRequest } from './childProtocol.ts';
import type { RunExecutor } from './executor.ts';
import type { RunTask } from './runTask.ts';

interface Job {
  readonly id: number;
  readonly task: RunTask;
  readonly resolve: (report: RunReport) => void;
  readonly reject: (error: Error) => void;
}

interface RunProcess {
  readonly process: ChildProcess;
  ready: boolean;
  job: Job | undefined;
  /** The start of what the process wrote to stderr: what a crash (out of memory, say) printed. */
  stderr: string;
}

/** How much of a run process's stderr is kept for the message of its death. */
const STDERR_KEPT = 4096;

/** How long a run process may take to end after SIGTERM before it gets SIGKILL. */
const KILL_AFTER_MS = 5_000;

/**
 * An executor on `processes` child processes (`child_process.fork`), with the built-in plugins.
 * Each process runs one task at a time, in its own V8 and its own address space. From the built
 * package the processes load its JavaScript; from the TypeScript sources they load them through
 * tsx. A task that throws rejects with the error's message; a process that dies (killed, out of
 * memory) rejects the task it was running and is replaced for the next tasks. `close()` ends every
 * process; one whose parent dies ends within its current run's next few thousand events.
 *
 * @example
 * ```ts
 * const executor = createProcessExecutor(2);
 * const reports = await Promise.all(tasks.map((task) => executor.run(task)));
 * await executor.close();
 * ```
 */
export function createProcessExecutor(processes: number): RunExecutor {
  const sources = import.meta.url.endsWith('.ts');
  const entry = new URL(sources ? './runChild.ts' : './runChild.js', import.meta.url);
  const execArgv = childExecArgv(process.execArgv, sources);
  const pool = new Set<RunProcess>();
  const queue: Job[] = [];
  let nextId = 0;
  let closed = false;
  /** Why no new process is started: one ended before it was ready. */
  let broken: string | undefined;

  const dispatch = (): void => {
    for (const child of pool) {
      const job = child.ready && child.job === undefined ? queue.shift() : undefined;
      if (job === undefined) continue;
      child.job = job;
      const request: TaskRequest = { id: job.id, task: job.task };
      // A send to a process that just died fails; its 'exit' rejects the job.
      child.process.send(request, () => undefined);
    }
    while (!closed && broken === undefined && queue.length > 0 && pool.size < processes) start();
  };

  const settle = (child: RunProcess, reply: ChildReply): void => {
    if (reply.kind === 'ready') child.ready = true;
    else if (child.job?.id === reply.id) {
      const job = child.job;
      child.job = undefined;
      if (reply.kind === 'report') job.resolve(reply.report);
      else job.reject(new Error(reply.message));
    }
    dispatch();
  };

  const ended = (child: RunProcess, code: number | null, signal: NodeJS.Signals | null): void => {
    if (!pool.delete(child)) return;
    const job = child.job;
    child.job = undefined;
    const how =
      signal === null
        ? code === null
          ? 'could not start'
          : `ended with exit code ${code}`
        : `ended by signal ${signal}`;
    const line = child.stderr.split('\n').find((l) => l.trim() !== '');
    const death = `the run's process (pid ${child.process.pid ?? '-'}) ${how}${line === undefined ? '' : `: ${line.trim().slice(0, 300)}`}`;
    if (job !== undefined) job.reject(new Error(death));
    // One that exits by itself before it could take a task (a loader missing, say) will not do better
    // when started again: fail the waiting tasks. One killed meanwhile is replaced.
    if (!child.ready && signal === null) {
      broken ??= `${death} before it was ready`;
      for (const waiting of queue.splice(0)) waiting.reject(new Error(broken));
    }
    dispatch();
  };

  function start(): void {
    const child: RunProcess = {
      process: fork(entry, [], {
        execArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      }),
      ready: false,
      job: undefined,
      stderr: '',
    };
    pool.add(child);
    child.process.stderr?.setEncoding('utf8');
    child.process.stderr?.on('data', (chunk: string) => {
      if (child.stderr.length < STDERR_KEPT) child.stderr += chunk;
    });
    child.process.on('message', (reply: ChildReply) => settle(child, reply));
    child.process.once('error', () => ended(child, null, null));
    child.process.once('exit', (code, signal) => ended(child, code, signal));
  }

  for (let i = 0; i < processes; i++) start();

  return {
    parallelism: processes,
    run(task: RunTask): Promise<RunReport> {
      if (closed || broken !== undefined) return Promise.reject(new Error(broken ?? 'the run processes are closed'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the run processes are closed'));
      return Promise.all([...pool].map((child) => stop(child.process))).then(() => undefined);
    },
  };
}

/** Ends a process (SIGTERM, then SIGKILL if it lingers) and resolves once it has exited. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
