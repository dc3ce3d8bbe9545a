import { addResources, fitsWithin, type Resources } from '../cluster/resources.ts';
import type { Micros } from '../kernel/time.ts';

/**
 * Preemption settings (off unless the scenario gives them): how long a framework's tasks must
 * wait, with no launch, before lower-priority tasks are preempted for them.
 *
 * @example
 * ```ts
 * const settings: PreemptionSettings = { after: secondsToMicros(30) };
 * ```
 */
export interface PreemptionSettings {
  readonly after: Micros;
}

/**
 * A task that could be preempted: its key, its framework's priority and what it holds.
 *
 * @example
 * ```ts
 * const candidate: PreemptionCandidate = { key: 'hadoop/t1', priority: 0, resources: { cpus: 1 } };
 * ```
 */
export interface PreemptionCandidate {
  readonly key: string;
  readonly priority: number;
  readonly resources: Resources;
}

/**
 * The tasks to preempt on one agent so that `need` fits: among the candidates (in launch order)
 * of a priority below `priority`, the lowest priority first and, within a priority, the newest
 * first, until what they hold added to the agent's `free` resources fits `need`. Undefined when
 * even all of them would not make room.
 *
 * @example
 * ```ts
 * const tasks = ['a', 'b', 'c'].map((key) => ({ key, priority: 0, resources: { cpus: 1 } }));
 * preemptionVictims(tasks, {}, { cpus: 2 }, 100); // ['c', 'b']
 * preemptionVictims(tasks, {}, { cpus: 2 }, 0); // undefined: equal priorities never preempt
 * ```
 */
export function preemptionVictims(
  candidates: readonly PreemptionCandidate[],
  free: Resources,
  need: Resources,
  priority: number,
): string[] | undefined {
  const order = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(({ candidate }) => candidate.priority < priority)
    .sort((a, b) => a.candidate.priority - b.candidate.priority || b.index - a.index);
  let room = free;
  const victims: string[] = [];
  for (const { candidate } of order) {
    if (fitsWithin(need, room)) break;
    victims.push(candidate.key);
    room = addResources(room, candidate.resources);
  }
  return fitsWithin(need, room) ? victims : undefined;
}

/**
 * The agent where preemption makes room for `need` with the fewest victims (the first such agent
 * in the order given on a tie), or undefined when no agent can. An agent where `need` already
 * fits in the free resources needs no preemption: undefined too (offers will get there).
 *
 * @example
 * ```ts
 * const one = (key: string) => ({ key, priority: 0, resources: { cpus: 1 } });
 * choosePreemption([
 *   { agentId: 'm1', free: {}, candidates: [one('a'), one('b')] },
 *   { agentId: 'm2', free: { cpus: 1 }, candidates: [one('c')] },
 * ], { cpus: 2 }, 100); // { agentId: 'm2', victims: ['c'] }
 * ```
 */
export function choosePreemption(
  agents: readonly {
    readonly agentId: string;
    readonly free: Resources;
    readonly candidates: readonly PreemptionCandidate[];
  }[],
  need: Resources,
  priority: number,
): { readonly agentId: string; readonly victims: readonly string[] } | undefined {
  let best: { agentId: string; victims: string[] } | undefined;
  for (const agent of agents) {
    const victims = preemptionVictims(agent.candidates, agent.free, need, priority);
    if (victims === undefined || victims.length === 0) continue;
    if (best === undefined || victims.length < best.victims.length) best = { agentId: agent.agentId, victims };
  }
  return best;
}
