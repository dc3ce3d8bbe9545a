/**
 * Master failover recovery and bad calls: resources in use reported by agents and frameworks that
 * re-register in either order are counted once, and calls Mesos rejects fail with a clear error.
 *
 * Derived from apache/mesos src/tests/hierarchical_allocator_tests.cpp's
 * AddAgentWithUnknownFrameworkAndMaintenance (replayed whole in replay/maintenance.test.ts). In Mesos, `addSlave`
 * builds the agent's books from every `used` entry (the agent is not available for what is in
 * use), while the sorters learn of a framework's allocation only once both the agent and the
 * framework are known. The other cases are derived by hand from that rule.
 */
import { allocations } from './replayHarness.ts';
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';

describe('recovery after a master failover (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('an agent used by an unknown framework, offered out, then that framework re-registers: no throw, counted once', () => {
    // Half of agent1 is used by framework1 (not known yet); framework2 is offered the free half.
    // framework1 then registers saying it uses that half: its role's share is 1/2 of the cluster
    // (cpus 2 of 4), not 0 (not counted) and not 1 (counted twice).
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 4, mem: 2048 }, used: { framework1: { cpus: 2, mem: 1024 } } });
    allocator.addFramework('framework2', { roles: ['role2'] });
    allocator.advance(0);
    expect(allocations(allocator)).toEqual({ framework2: { role2: { agent1: { cpus: 2, mem: 1024 } } } });
    expect(() =>
      allocator.addFramework('framework1', { roles: ['role1'], used: { agent1: { cpus: 2, mem: 1024 } } }),
    ).not.toThrow();
    allocator.advance(1);
    expect(allocations(allocator)).toEqual({});
    expect(allocator.roleShare('role1')).toBe(0.5);
    expect(allocator.roleShare('role2')).toBe(0.5);
    // Giving it back frees exactly that half, once.
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 2, mem: 1024 });
    allocator.advance(1);
    expect(allocator.offers().map((o) => o.resources)).toEqual([{ cpus: 2, mem: 1024 }]);
  });

  it('agent-side used names the role of a multi-role framework; framework first or agent first, the same shares', () => {
    const shares = (frameworkFirst: boolean): [number, number] => {
      const allocator = createMesosAllocator();
      const addFramework = (): void =>
        allocator.addFramework('framework1', {
          roles: ['role1', 'role2'],
          used: { agent1: { role1: { cpus: 1 }, role2: { cpus: 3 } } },
        });
      if (frameworkFirst) addFramework();
      allocator.addAgent('agent1', {
        resources: { cpus: 4 },
        used: { framework1: { role1: { cpus: 1 }, role2: { cpus: 3 } } },
      });
      if (!frameworkFirst) addFramework();
      return [allocator.roleShare('role1'), allocator.roleShare('role2')];
    };
    // cpus 1 of 4 in role1, 3 of 4 in role2.
    expect(shares(true)).toEqual([0.25, 0.75]);
    expect(shares(false)).toEqual([0.25, 0.75]);
  });

  it('an unnamed role on the agent side becomes the framework first role when it registers', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 4 }, used: { framework1: { cpus: 4 } } });
    allocator.addFramework('framework1', { roles: ['role1', 'role2'] });
    expect(allocator.roleShare('role1')).toBe(1);
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 4 });
    allocator.advance(1);
    expect(allocator.offers()).toHaveLength(1);
  });
});

describe('calls Mesos rejects fail with an error naming the call and the argument', () => {
  it('unknown framework', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.suppress('framework9')).toThrow('suppress: unknown framework "framework9"');
    expect(() => allocator.revive('framework9')).toThrow('revive: unknown framework "framework9"');
    expect(() => allocator.deactivateFramework('framework9')).toThrow(
      'deactivateFramework: unknown framework "framework9"',
    );
    expect(() => allocator.removeFramework('framework9')).toThrow('removeFramework: unknown framework "framework9"');
    expect(() => allocator.removeAgent('agent9')).toThrow('removeAgent: unknown agent "agent9"');
  });

  it('negative or non-finite amounts', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.addAgent('agent1', { resources: { cpus: -1 } })).toThrow(
      /^addAgent: resources of agent "agent1": cpus must be a finite amount ≥ 0, got -1$/,
    );
    allocator.addAgent('agent1', { resources: { cpus: 1 } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    expect(() => allocator.recoverResources('framework1', 'agent1', 'role1', { mem: Number.NaN })).toThrow(
      /^recoverResources: resources: mem must be a finite amount ≥ 0, got NaN$/,
    );
    expect(() => allocator.addFramework('framework2', { roles: ['role1'], used: { agent1: { cpus: -2 } } })).toThrow(
      /^addFramework: used\.agent1: cpus must be a finite amount ≥ 0, got -2$/,
    );
  });

  it('a call for a framework or agent that is gone is accepted, as Mesos accepts a late recoverResources', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.recoverResources('framework9', 'agent9', 'role1', { cpus: 1 }, 5)).not.toThrow();
  });
});
