import type { TaskStatus } from '../plugins/framework.ts';

/**
 * A task on the master's books, as reconciliation needs it.
 *
 * @example
 * ```ts
 * const task: BookedTask = { key: 'web\u0000web.v1.0', taskId: 'web.v1.0', agentId: 'm-1' };
 * ```
 */
export interface BookedTask {
  readonly key: string;
  readonly taskId: string;
  readonly agentId: string;
}

/**
 * What the master knows, for answering one framework's reconciliation request.
 *
 * @example
 * ```ts
 * const knowledge: ReconcileKnowledge = { tasks, find: (id) => byId.get(id),
 *   stateOf: (t) => 'running', agentsReregistering: false };
 * ```
 */
export interface ReconcileKnowledge {
  /** The framework's tasks on the master's books, in book order. */
  readonly tasks: Iterable<BookedTask>;
  /** One of them by task id. */
  find(taskId: string): BookedTask | undefined;
  /** The state the master reports for a booked task; undefined when it does not know it yet. */
  stateOf(task: BookedTask): 'running' | 'starting' | 'unreachable' | 'lost' | undefined;
  /** A failed-over master is still waiting for agents to re-register. */
  readonly agentsReregistering: boolean;
  /** The framework has the PARTITION_AWARE capability: an unknown task is `unknown`, not `lost`. */
  readonly partitionAware?: boolean;
}

/**
 * The master's answers to a reconciliation request, as Mesos gives them
 * (https://mesos.apache.org/documentation/latest/reconciliation/): implicit (no task ids) — the
 * latest state of every task it knows, nothing about the others; explicit — for each task named,
 * its state when known, no answer while the task's agent may still re-register after a master
 * failover, and for a task the master has no record of `unknown` (TASK_UNKNOWN) to a
 * partition-aware framework, `lost` to the others.
 *
 * @example
 * ```ts
 * reconcileAnswers(undefined, knowledge); // [{ taskId: 'web.v1.0', agentId: 'm-1', state: 'running', reason: 'reconciliation' }]
 * reconcileAnswers(['gone'], knowledge);  // [{ taskId: 'gone', agentId: '', state: 'lost', reason: 'reconciliation: unknown task' }]
 * ```
 */
export function reconcileAnswers(taskIds: readonly string[] | undefined, knowledge: ReconcileKnowledge): TaskStatus[] {
  const answers: TaskStatus[] = [];
  const answer = (task: BookedTask): void => {
    const state = knowledge.stateOf(task);
    if (state !== undefined)
      answers.push({ taskId: task.taskId, agentId: task.agentId, state, reason: 'reconciliation' });
  };
  if (taskIds === undefined) {
    for (const task of knowledge.tasks) answer(task);
    return answers;
  }
  for (const taskId of taskIds) {
    const task = knowledge.find(taskId);
    if (task !== undefined) answer(task);
    else if (!knowledge.agentsReregistering)
      answers.push({
        taskId,
        agentId: '',
        state: knowledge.partitionAware === true ? 'unknown' : 'lost',
        reason: 'reconciliation: unknown task',
      });
  }
  return answers;
}
