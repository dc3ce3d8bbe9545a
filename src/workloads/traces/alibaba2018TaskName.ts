/**
 * The DAG information encoded in an Alibaba 2018 `task_name`.
 *
 * @example
 * ```ts
 * const node: Alibaba2018TaskNode = { index: 5, parents: [3, 4] }; // from "M5_3_4"
 * ```
 */
export interface Alibaba2018TaskNode {
  /** The task's number within its job. */
  readonly index: number;
  /** Numbers of the tasks it depends on (all their instances must finish first). */
  readonly parents: readonly number[];
}

/**
 * Decodes a 2018 task name (cluster-trace-v2018/trace_2018.md, "DAG of batch workloads"): `M1` is
 * task 1 with no parents, `R4_2` task 4 after task 2, `M5_3_4` task 5 after tasks 3 and 4; the
 * leading letters carry no dependency information. Names such as `task_Nzg3ODAw…==` mark
 * independent, non-DAG tasks: for those (and any other shape) the result is undefined.
 *
 * @example
 * ```ts
 * parseAlibaba2018TaskName('M5_3_4');           // { index: 5, parents: [3, 4] }
 * parseAlibaba2018TaskName('task_Nzg3ODAwNDg=='); // undefined
 * ```
 */
export function parseAlibaba2018TaskName(name: string): Alibaba2018TaskNode | undefined {
  const match = /^[A-Za-z]+(\d+)((?:_\d+)*)$/.exec(name);
  if (match === null) return undefined;
  const parents = (match[2] ?? '')
    .split('_')
    .filter((part) => part !== '')
    .map(Number);
  return { index: Number(match[1]), parents };
}
