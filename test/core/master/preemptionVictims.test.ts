import { describe, expect, it } from 'vitest';
import { choosePreemption, preemptionVictims } from '../../../src/core/master/preemption.ts';

const task = (key: string, priority: number, cpus: number) => ({ key, priority, resources: { cpus } });

describe('preemptionVictims', () => {
  it('takes the lowest priority first, then the newest, and stops once the need fits', () => {
    // Launch order a(10), b(0), c(10), d(0); need 3 cpus with 1 free: the two priority-0 tasks
    // (d newest, then b) give 1 + 1 + 1 = 3.
    const tasks = [task('a', 10, 1), task('b', 0, 1), task('c', 10, 1), task('d', 0, 1)];
    expect(preemptionVictims(tasks, { cpus: 1 }, { cpus: 3 }, 100)).toEqual(['d', 'b']);
    // Need 4: then the newest priority-10 task too.
    expect(preemptionVictims(tasks, { cpus: 1 }, { cpus: 4 }, 100)).toEqual(['d', 'b', 'c']);
  });

  it('never takes tasks of the same or a higher priority, and gives up when all would not be enough', () => {
    const tasks = [task('a', 10, 4), task('b', 0, 1)];
    expect(preemptionVictims(tasks, {}, { cpus: 2 }, 10)).toBeUndefined();
    expect(preemptionVictims(tasks, {}, { cpus: 1 }, 10)).toEqual(['b']);
  });

  it('checks every resource: memory short too means more victims', () => {
    const tasks = [
      { key: 'a', priority: 0, resources: { cpus: 1, mem: 4096 } },
      { key: 'b', priority: 0, resources: { cpus: 1, mem: 1024 } },
    ];
    expect(preemptionVictims(tasks, { mem: 0 }, { cpus: 1, mem: 2048 }, 1)).toEqual(['b', 'a']);
  });
});

describe('choosePreemption', () => {
  it('picks the agent with the fewest victims, skipping agents where the need already fits', () => {
    const agents = [
      { agentId: 'free', free: { cpus: 4 }, candidates: [task('x', 0, 1)] },
      { agentId: 'two', free: {}, candidates: [task('a', 0, 1), task('b', 0, 1)] },
      { agentId: 'one', free: {}, candidates: [task('c', 0, 2)] },
    ];
    expect(choosePreemption(agents, { cpus: 2 }, 100)).toEqual({ agentId: 'one', victims: ['c'] });
    expect(choosePreemption(agents.slice(0, 1), { cpus: 2 }, 100)).toBeUndefined();
  });
});
