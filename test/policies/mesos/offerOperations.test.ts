/**
 * Offer operations on allocated resources and shared persistent volumes beyond Mesos's replays:
 * the errors `updateAllocation` and `applyOfferOperations` give for calls Mesos would reject, and
 * shared volumes in the books when their holders leave. Expected figures are derived by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOfferOperations, type PersistentVolume } from '../../../src/policies/allocators/mesos/offerOperations.ts';
import {
  createMesosAllocator,
  type ReservedResources,
  type StandaloneOffer,
} from '../../../src/policies/allocators/mesos/standalone.ts';
import { createDrfSorter } from '../../../src/policies/sorters/drfSorter.ts';

const shared: PersistentVolume = { id: 'id1', size: 10, role: 'role1', shared: true };

/** One agent of cpus:10;mem:100;disk(role1):100, all offered to framework1 (SHARED_RESOURCES) in role1. */
function offeredAgent() {
  const allocator = createMesosAllocator();
  allocator.addAgent('agent1', { resources: { cpus: 10, mem: 100, disk: 100 }, reserved: { role1: { disk: 100 } } });
  allocator.addFramework('framework1', { roles: ['role1'], capabilities: ['SHARED_RESOURCES'] });
  allocator.advance(0);
  const [offer] = allocator.offers();
  expect(offer).toBeDefined();
  return { allocator, offer: offer as StandaloneOffer };
}

describe('applyOfferOperations', () => {
  it('RESERVE, CREATE, UNRESERVE and REMOVE compose as Mesos applies conversions', () => {
    const after = applyOfferOperations({ resources: { cpus: 4, disk: 20 } }, [
      { type: 'RESERVE', role: 'r', resources: { cpus: 1, disk: 20 } },
      { type: 'CREATE', volumes: [{ id: 'v', size: 5, role: 'r' }] },
      { type: 'UNRESERVE', role: 'r', resources: { disk: 15 } },
      { type: 'REMOVE', resources: { cpus: 3 } },
    ]);
    // cpus: 4 − 3 removed = 1, reserved; disk 20 reserved, 15 of it unreserved again, 5 is the volume.
    expect(after).toEqual({
      resources: { cpus: 1, disk: 20 },
      reserved: { r: { cpus: 1, disk: 5 } },
      volumes: [{ id: 'v', size: 5, role: 'r' }],
    });
  });

  it('refuses what the allocation lacks, naming the operation', () => {
    expect(() =>
      applyOfferOperations({ resources: { cpus: 1 } }, [{ type: 'RESERVE', role: 'r', resources: { cpus: 2 } }]),
    ).toThrow(/operations\[0\] \(RESERVE\): cpus:2 unreserved is not in the allocation/);
    // A volume's disk cannot be unreserved from under it.
    const withVolume = {
      resources: { disk: 5 },
      reserved: { r: { disk: 5 } },
      volumes: [{ id: 'v', size: 5, role: 'r' }],
    };
    expect(() => applyOfferOperations(withVolume, [{ type: 'UNRESERVE', role: 'r', resources: { disk: 1 } }])).toThrow(
      /outside persistent volumes/,
    );
    expect(() =>
      applyOfferOperations(withVolume, [{ type: 'DESTROY', volumes: [{ id: 'w', size: 5, role: 'r' }] }]),
    ).toThrow(/persistent volume "w" is not in the allocation/);
    expect(() =>
      applyOfferOperations({ resources: { disk: 5 } }, [
        { type: 'CREATE', volumes: [{ id: 'v', size: 5, shared: true }] },
      ]),
    ).toThrow(/shared persistent volume "v" must be on reserved disk/);
  });
});

describe('updateAllocation', () => {
  it('throws, naming the call and the argument, for resources not allocated to the framework there', () => {
    const { allocator, offer } = offeredAgent();
    const create = [{ type: 'CREATE', volumes: [shared] }] as const;
    expect(() => allocator.updateAllocation('framework9', 'agent1', offer, create)).toThrow(
      /updateAllocation: unknown framework "framework9"/,
    );
    expect(() => allocator.updateAllocation('framework1', 'agent9', offer, create)).toThrow(
      /updateAllocation: unknown agent "agent9"/,
    );
    expect(() =>
      allocator.updateAllocation('framework1', 'agent1', { resources: { cpus: 11 } }, [
        { type: 'RESERVE', role: 'role1', resources: { cpus: 11 } },
      ]),
    ).toThrow(
      /updateAllocation: offeredResources: unreserved cpus:11 is not allocated to framework "framework1" in role "role1" on agent "agent1"/,
    );
    expect(() =>
      allocator.updateAllocation('framework1', 'agent1', offer, [
        { type: 'RESERVE', role: 'other', resources: { cpus: 1 } },
      ]),
    ).toThrow(/can be reserved to "role1" only, not to "other"/);
    // Nothing was changed by the refused calls: the whole agent comes back and is offered again.
    allocator.recoverResources('framework1', 'agent1', 'role1', offer);
    allocator.advance(1);
    expect(allocator.offers().map((o) => o.resources)).toEqual([{ cpus: 10, mem: 100, disk: 100 }]);
  });

  it('refuses to destroy a shared volume another framework holds, and to create an id twice', () => {
    const { allocator, offer } = offeredAgent();
    allocator.updateAllocation('framework1', 'agent1', offer, [{ type: 'CREATE', volumes: [shared] }]);
    expect(() =>
      allocator.updateAllocation(
        'framework1',
        'agent1',
        { resources: { disk: 10 }, reserved: { role1: { disk: 10 } } },
        [{ type: 'CREATE', volumes: [shared] }],
      ),
    ).toThrow(/operations\[0\] \(CREATE\): persistent volume "id1" already exists on agent "agent1"/);
    // framework2 gets a copy of the volume with the cpus framework1 gives back.
    allocator.recoverResources('framework1', 'agent1', 'role1', { resources: { cpus: 5 } });
    allocator.addFramework('framework2', { roles: ['role1'], capabilities: ['SHARED_RESOURCES'] });
    allocator.advance(0);
    const [second] = allocator.offers();
    expect(second?.frameworkId).toBe('framework2');
    expect(second?.volumes).toEqual([shared]);
    const sharedPart = { resources: { disk: 10 }, reserved: { role1: { disk: 10 } }, volumes: [shared] };
    expect(() =>
      allocator.updateAllocation('framework1', 'agent1', sharedPart, [{ type: 'DESTROY', volumes: [shared] }]),
    ).toThrow(/persistent volume "id1" is in use by other frameworks/);
  });

  it('a removed holder of a shared copy leaves the role sorter with it (the volume counts once, then not at all)', () => {
    const { allocator, offer } = offeredAgent();
    allocator.updateAllocation('framework1', 'agent1', offer, [{ type: 'CREATE', volumes: [shared] }]);
    // role1 holds everything: cpus 10/10 → share 1.
    expect(allocator.roleShare('role1')).toBeCloseTo(1, 12);
    allocator.recoverResources('framework1', 'agent1', 'role1', {
      resources: { cpus: 10, mem: 100, disk: 90 },
      reserved: { role1: { disk: 90 } },
    });
    // Only the volume is left: disk 10/100 = 0.1.
    expect(allocator.roleShare('role1')).toBeCloseTo(0.1, 12);
    allocator.addFramework('framework2', { roles: ['role1'] });
    allocator.removeFramework('framework1');
    expect(allocator.roleShare('role1')).toBe(0);
  });
});

describe('declining an offer with a shared volume', () => {
  it('filters the same offer, volume included, until the filter expires', () => {
    const { allocator, offer } = offeredAgent();
    allocator.updateAllocation('framework1', 'agent1', offer, [{ type: 'CREATE', volumes: [shared] }]);
    const updated = applyOfferOperations(offer, [{ type: 'CREATE', volumes: [shared] }]);
    allocator.recoverResources('framework1', 'agent1', 'role1', updated, 10); // decline for 10 s
    allocator.advance(1);
    expect(allocator.offers()).toEqual([]);
    allocator.advance(10);
    expect(allocator.offers()).toEqual([{ frameworkId: 'framework1', role: 'role1', agentId: 'agent1', ...updated }]);
  });
});

describe('Sorter.update with shared copies', () => {
  it('counts a shared volume once per client and does not count as an allocation in the tie-break', () => {
    const sorter = createDrfSorter();
    sorter.addAgent('agent1', { cpus: 10, disk: 100 });
    for (const client of ['a', 'b']) {
      sorter.add(client);
      sorter.activate(client);
    }
    sorter.allocated('a', 'agent1', { cpus: 1, disk: 10 });
    sorter.allocated('b', 'agent1', { cpus: 1, disk: 10 });
    const copy = { id: 'v', resources: { disk: 10 } };
    sorter.update('a', 'agent1', { disk: 10 }, {}, { added: [copy] });
    // Equal shares (0.1) and one allocation each (update is not one): path order.
    expect(sorter.sort()).toEqual(['a', 'b']);
    sorter.allocated('a', 'agent1', {}, [copy]); // a second copy: still disk 10, but a second allocation
    expect(sorter.share('a')).toBeCloseTo(0.1, 12);
    expect(sorter.allocation('a').get('agent1')).toEqual({ cpus: 1, disk: 10 });
    expect(sorter.sort()).toEqual(['b', 'a']);
    sorter.update('a', 'agent1', {}, { disk: 10 }, { removed: [copy, copy] });
    expect(sorter.allocation('a').get('agent1')).toEqual({ cpus: 1, disk: 10 });
    expect(() => sorter.update('a', 'agent1', {}, {}, { removed: [copy] })).toThrow(/copies of shared resource "v"/);
  });
});

describe('shared volumes never break the books (property)', () => {
  type Step =
    | { readonly kind: 'create' | 'destroy' | 'recover' | 'recoverAll' | 'remove' | 'add'; readonly pick: number }
    | { readonly kind: 'advance' };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
      kind: fc.constantFrom('create', 'destroy', 'recover', 'recoverAll', 'remove', 'add'),
      pick: fc.nat(9),
    }),
    fc.constant({ kind: 'advance' } as const),
  );
  /** The offer less `size` of disk reserved to role1 (what a task using a new volume of that size keeps). */
  const lessDisk = (offer: StandaloneOffer, size: number): ReservedResources => ({
    resources: { ...offer.resources, disk: (offer.resources['disk'] ?? 0) - size },
    reserved: { role1: { disk: (offer.reserved?.['role1']?.['disk'] ?? 0) - size } },
    ...(offer.volumes === undefined ? {} : { volumes: offer.volumes }),
  });

  it('any sequence of CREATE/DESTROY, recoveries and removals keeps the calls valid and leaves no share behind', () => {
    const seen = { created: 0, destroyed: 0, sharedOffers: 0 };
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const allocator = createMesosAllocator();
        for (const agentId of ['agent1', 'agent2'])
          allocator.addAgent(agentId, { resources: { cpus: 4, mem: 64, disk: 40 }, reserved: { role1: { disk: 40 } } });
        const frameworks = new Set<string>();
        let next = 1;
        const add = (): void => {
          const id = `framework${next++}`;
          allocator.addFramework(id, { roles: ['role1'], capabilities: next % 2 === 0 ? ['SHARED_RESOURCES'] : [] });
          frameworks.add(id);
        };
        add();
        add();
        let held: StandaloneOffer[] = [];
        const created: { frameworkId: string; agentId: string; volume: PersistentVolume }[] = [];
        let volumes = 0;
        for (const s of steps) {
          allocator.advance(0);
          const made = allocator.offers();
          seen.sharedOffers += made.filter((o) => o.volumes !== undefined).length;
          held.push(...made);
          const pick = 'pick' in s ? s.pick : 0;
          const offer = held[pick % Math.max(1, held.length)];
          if (s.kind === 'advance') allocator.advance(1);
          else if (s.kind === 'add') add();
          else if (s.kind === 'remove') {
            const id = [...frameworks][pick % Math.max(1, frameworks.size)];
            if (id === undefined) continue;
            allocator.removeFramework(id);
            frameworks.delete(id);
            held = held.filter((o) => o.frameworkId !== id);
          } else if (s.kind === 'destroy') {
            const mine = created[pick % Math.max(1, created.length)];
            if (mine === undefined || !frameworks.has(mine.frameworkId)) continue;
            const volumePart = { resources: { disk: 10 }, reserved: { role1: { disk: 10 } }, volumes: [mine.volume] };
            try {
              allocator.updateAllocation(mine.frameworkId, mine.agentId, volumePart, [
                { type: 'DESTROY', volumes: [mine.volume] },
              ]);
              seen.destroyed++;
            } catch (error) {
              // The only refusal: another framework holds a copy (or the volume is gone already).
              expect(String(error)).toMatch(/is in use by other frameworks|is not allocated to|is not held by/);
              continue;
            }
            created.splice(created.indexOf(mine), 1);
          } else if (offer === undefined) continue;
          else if (s.kind === 'create') {
            const shared = (offer.volumes ?? []).reduce((total, v) => total + v.size, 0);
            if ((offer.reserved?.['role1']?.['disk'] ?? 0) - shared < 10) continue;
            const volume: PersistentVolume = { id: `v${volumes++}`, size: 10, role: 'role1', shared: true };
            allocator.updateAllocation(offer.frameworkId, offer.agentId, offer, [
              { type: 'CREATE', volumes: [volume] },
            ]);
            seen.created++;
            created.push({ frameworkId: offer.frameworkId, agentId: offer.agentId, volume });
            // A task keeps the new volume; the rest of the offer comes back.
            held = held.filter((o) => o !== offer);
            allocator.recoverResources(offer.frameworkId, offer.agentId, offer.role, lessDisk(offer, 10));
          } else {
            held = held.filter((o) => o !== offer);
            allocator.recoverResources(
              offer.frameworkId,
              offer.agentId,
              offer.role,
              offer,
              s.kind === 'recover' ? 1 : undefined,
            );
          }
        }
        for (const id of frameworks) allocator.removeFramework(id);
        allocator.addFramework('last', { roles: ['role1'] });
        expect(allocator.roleShare('role1')).toBe(0);
      }),
      { numRuns: 300, seed: 20261207 },
    );
    expect(Object.entries(seen).filter(([, count]) => count <= 10)).toEqual([]);
  });
});
