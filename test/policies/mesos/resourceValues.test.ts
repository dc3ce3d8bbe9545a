/**
 * Set resources and the whole non-scalar model (src/policies/allocators/mesos/resourceValues.ts),
 * and sets through createMesosAllocator. Expected values follow Mesos's `Value::Set` semantics
 * (src/common/values.cpp: union, difference, subset containment; text form `name:{a,b}`) and,
 * in the allocator, hierarchical.cpp's rule that every non-scalar resource available to a role
 * goes along with its offer and that `RefusedOfferFilter` uses `Resources::contains`.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../src/policies/allocators/mesos/standalone.ts';
import {
  addNonScalar,
  addSets,
  containsNonScalar,
  containsSets,
  formatMesosResources,
  formatSets,
  nonScalarResources,
  normalizeSets,
  subtractNonScalar,
  subtractSets,
} from '../../../src/policies/allocators/mesos/resourceValues.ts';

describe('set arithmetic', () => {
  it('unites, subtracts, contains and prints as Mesos writes sets', () => {
    expect(normalizeSets({ zones: ['b', 'a', 'b'], empty: [] }, 'here')).toEqual({ zones: ['a', 'b'] });
    expect(addSets({ zones: ['c', 'a'] }, { zones: ['b', 'a'], racks: ['r1'] })).toEqual({
      zones: ['a', 'b', 'c'],
      racks: ['r1'],
    });
    expect(subtractSets({ zones: ['a', 'b'] }, { zones: ['a', 'x'] })).toEqual({ zones: ['b'] });
    expect(subtractSets({ zones: ['a'] }, { zones: ['a'] })).toEqual({});
    expect(containsSets({ zones: ['a', 'b'] }, { zones: ['b'] })).toBe(true);
    expect(containsSets({ zones: ['a', 'b'] }, { zones: ['b', 'c'] })).toBe(false);
    expect(containsSets({}, { zones: ['a'] })).toBe(false);
    expect(containsSets({ zones: ['a'] }, {})).toBe(true);
    expect(formatSets({ zones: ['a', 'b'], racks: ['r1'] })).toBe('zones:{a,b};racks:{r1}');
    expect(() => normalizeSets({ zones: [''] }, 'addAgent: agent "a1": sets')).toThrow(
      /^addAgent: agent "a1": sets: zones has the item ""; a set item is a non-empty string/,
    );
  });

  it('ranges and sets together: name by name, never mixed', () => {
    const agent = nonScalarResources({ ports: [[1, 9]] }, { zones: ['b', 'a'] }, 'here');
    expect(agent).toEqual({ ports: [[1, 9]], zones: ['a', 'b'] });
    expect(subtractNonScalar(agent, { ports: [[3, 4]], zones: ['a'] })).toEqual({
      ports: [
        [1, 2],
        [5, 9],
      ],
      zones: ['b'],
    });
    expect(addNonScalar({ zones: ['a'] }, { ports: [[1, 2]], zones: ['b'] })).toEqual({
      ports: [[1, 2]],
      zones: ['a', 'b'],
    });
    expect(containsNonScalar(agent, { zones: ['b'], ports: [[9, 9]] })).toBe(true);
    expect(containsNonScalar(agent, { zones: ['c'] })).toBe(false);
    expect(() => nonScalarResources({ zones: [[1, 2]] }, { zones: ['a'] }, 'addAgent: agent "a1"')).toThrow(
      /^addAgent: agent "a1": "zones" is given both as ranges and as a set/,
    );
  });

  it('prints whole resources as Mesos does: scalars, reserved scalars, ranges, sets', () => {
    expect(
      formatMesosResources({
        resources: { cpus: 3, mem: 1024 },
        reserved: { role1: { cpus: 1 } },
        values: { ports: [[31000, 32000]], zones: ['a', 'b'] },
      }),
    ).toBe('cpus:2;mem:1024;cpus(role1):1;ports:[31000-32000];zones:{a,b}');
    expect(formatMesosResources({ resources: { cpus: 1 }, reserved: { r: { cpus: 1 } } })).toBe('cpus(r):1');
  });
});

describe('sets in offers', () => {
  it('go along with the offer, come back with recovery, and a filter holds back only what it contains', () => {
    const allocator = createMesosAllocator();
    allocator.addAgent('agent1', { resources: { cpus: 2, mem: 1024 }, sets: { zones: ['b', 'a'] } });
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.advance(0);
    const [first] = allocator.offers();
    expect(first).toEqual({
      frameworkId: 'framework1',
      role: 'role1',
      agentId: 'agent1',
      resources: { cpus: 2, mem: 1024 },
      sets: { zones: ['a', 'b'] },
    });
    // Give back half with zone a only, refusing it for 10 s: the next offer has zone a and half the
    // scalars; zone b is still held, so the offer lies within what was declined and is filtered.
    allocator.recoverResources(
      'framework1',
      'agent1',
      'role1',
      { resources: { cpus: 1, mem: 512 }, sets: { zones: ['a'] } },
      10,
    );
    allocator.advance(1);
    expect(allocator.offers()).toEqual([]);
    // The rest comes back unfiltered: now zone b is free as well; the offer (cpus 2, both zones)
    // is not contained in the declined cpus 1 and zone a, so it is made.
    allocator.recoverResources('framework1', 'agent1', 'role1', {
      resources: { cpus: 1, mem: 512 },
      sets: { zones: ['b'] },
    });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([first]);
  });

  it('a name given both as ranges and as a set is refused at addAgent', () => {
    const allocator = createMesosAllocator();
    expect(() =>
      allocator.addAgent('agent1', { resources: { cpus: 1 }, ranges: { zones: [[1, 2]] }, sets: { zones: ['a'] } }),
    ).toThrow(/addAgent: agent "agent1": "zones" is given both as ranges and as a set/);
  });
});
