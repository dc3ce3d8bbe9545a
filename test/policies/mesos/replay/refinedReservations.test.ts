/**
 * Refined reservations (a reservation stack: `parent`'s reservation refined to `parent/child`)
 * through createMesosAllocator. Replay of hierarchical_allocator_tests.cpp's
 * FrameworkLoopMESOS_9554, and cases derived from Mesos: hierarchical.cpp's
 * `stripIncapableResources` keeps refined reservations from frameworks without the
 * RESERVATION_REFINEMENT capability (and only those resources), and an UNRESERVE pops the last
 * reservation of the stack (`Resources::popReservation`), so a refined reservation goes back to
 * the reservation below it, not to unreserved.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { offer, runAfter, runNow, setUp } from './harness.ts';

const SMALL = { cpus: 1, mem: 1, disk: 1 };
const REFINED = { 'parent/child': ['parent', 'parent/child'] };

describe('HierarchicalAllocatorTest refined reservation replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.FrameworkLoopMESOS_9554', () => {
    const setup = setUp()
      .framework('framework1', ['parent/child'], { capabilities: ['RESERVATION_REFINEMENT'] })
      .agent('agent1', { resources: SMALL });
    const { allocator } = setup;
    expect(runNow(allocator)).toEqual({ framework1: { 'parent/child': { agent1: SMALL } } });
    // framework2 (share 0, before framework1) cannot read refined reservations.
    allocator.addFramework('framework2', { roles: ['parent/child'] });
    expect(runNow(allocator)).toEqual({});
    // agent2 is all refined-reserved: framework2 is passed over, framework1 gets it.
    setup.agent('agent2', { resources: SMALL, reserved: { 'parent/child': SMALL }, reservationStacks: REFINED });
    expect(setup.offersNow()).toEqual([
      offer('framework1', 'parent/child', 'agent2', SMALL, {
        reserved: { 'parent/child': SMALL },
        reservationStacks: REFINED,
      }),
    ]);
  });
});

describe('refined reservations (derived from hierarchical.cpp and Resources::popReservation)', () => {
  it('a framework without the capability is offered the rest of the agent, not the refined part', () => {
    const { allocator } = setUp()
      .framework('framework1', ['parent/child'])
      .agent('agent1', {
        resources: { cpus: 4, mem: 1024 },
        reserved: { 'parent/child': { cpus: 1 } },
        reservationStacks: REFINED,
      });
    expect(runNow(allocator)).toEqual({ framework1: { 'parent/child': { agent1: { cpus: 3, mem: 1024 } } } });
  });

  it('unreserving a refined reservation gives it back to the reservation below, then to unreserved', () => {
    const capable = { capabilities: ['RESERVATION_REFINEMENT'] };
    const { allocator } = setUp()
      .agent('agent1', {
        resources: { cpus: 2, mem: 64 },
        reserved: { 'parent/child': { cpus: 2, mem: 64 } },
        reservationStacks: REFINED,
      })
      .framework('sibling', ['parent/other'], capable)
      .framework('outsider', ['other'], capable);
    expect(runNow(allocator)).toEqual({}); // reserved to parent/child: neither may have it
    expect(allocator.unreserve('agent1', 'parent/child', { cpus: 2, mem: 64 })).toBe(true);
    // Now reserved to parent: parent/other, a sub-role of parent, may be offered it.
    allocator.advance(1);
    const [made] = allocator.offers();
    expect(made).toEqual(
      offer('sibling', 'parent/other', 'agent1', { cpus: 2, mem: 64 }, { reserved: { parent: { cpus: 2, mem: 64 } } }),
    );
    if (made === undefined) throw new Error('no offer');
    allocator.recoverResources('sibling', 'agent1', 'parent/other', made);
    allocator.removeFramework('sibling');
    expect(allocator.unreserve('agent1', 'parent', { cpus: 2, mem: 64 })).toBe(true);
    expect(runAfter(allocator)).toEqual({ outsider: { other: { agent1: { cpus: 2, mem: 64 } } } });
  });

  it('a stack that does not end with its role or does not refine is refused', () => {
    const allocator = createMesosAllocator();
    const reserved = { 'parent/child': { cpus: 1 } };
    expect(() =>
      allocator.addAgent('a1', { resources: { cpus: 1 }, reserved, reservationStacks: { 'parent/child': ['parent'] } }),
    ).toThrow(/^addAgent: reservationStacks\.parent\/child of agent "a1": a reservation stack is a list of roles/);
    expect(() =>
      allocator.addAgent('a2', {
        resources: { cpus: 1 },
        reserved,
        reservationStacks: { 'parent/child': ['other', 'parent/child'] },
      }),
    ).toThrow(/"parent\/child" does not refine "other"/);
  });
});
