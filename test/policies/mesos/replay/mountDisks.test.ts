/**
 * Disks with a source (Mesos's `DiskInfo.Source`) through createMesosAllocator: a MOUNT disk is
 * indivisible, offered and allocated whole. Replays of hierarchical_allocator_tests.cpp's
 * QuotaAllocationGranularityUnchoppableResource and QuotaAllocationMultipleDisk, and cases derived
 * from hierarchical.cpp (both stages cut offers with `shrinkResources`, which keeps a MOUNT disk
 * only if it fits entirely; the general stage cuts every role's offer to the surplus headroom).
 * Mesos's `createDiskResource(size, "*", None(), None(), createDiskSourceMount())` is
 * `{ id, size, source: 'MOUNT' }` in `disks`, its size counted in `resources.disk`.
 */
import { describe, expect, it } from 'vitest';
import { createMesosAllocator } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { offer, quota, runAfter, runNow, setUp } from './harness.ts';

const mount = (id: string, size: number) => ({ id, size, source: 'MOUNT' as const });

describe('HierarchicalAllocatorTest MOUNT disk replays (mesos src/tests/hierarchical_allocator_tests.cpp)', () => {
  it('HierarchicalAllocatorTest.QuotaAllocationGranularityUnchoppableResource', () => {
    const withMount = (id: string) => ({ resources: { cpus: 0.5, mem: 512, disk: 100 }, disks: [mount(id, 100)] });
    const setup = setUp()
      .quota('quota-role', quota({ cpus: 2, mem: 2048, disk: 150 }))
      .agent('agent1', withMount('mount1'))
      .framework('framework', ['quota-role']);
    const { allocator } = setup;
    // The only framework gets all of agent1: the 100 MOUNT disk fits in the 150 still guaranteed.
    expect(setup.offersNow()).toEqual([
      offer('framework', 'quota-role', 'agent1', { cpus: 0.5, mem: 512, disk: 100 }, { disks: [mount('mount1', 100)] }),
    ]);

    // agent2 is the same: only 50 disk is left of the guarantee (and of the limit), and the 100
    // MOUNT disk cannot be chopped to it, so it is left out.
    allocator.addAgent('agent2', withMount('mount2'));
    expect(runNow(allocator)).toEqual({ framework: { 'quota-role': { agent2: { cpus: 0.5, mem: 512 } } } });

    // agent3's plain disk can be chopped: the role gets exactly what its quota still lacks.
    allocator.addAgent('agent3', { resources: { cpus: 2, mem: 2048, disk: 150 } });
    expect(runNow(allocator)).toEqual({ framework: { 'quota-role': { agent3: { cpus: 1, mem: 1024, disk: 50 } } } });
  });

  it('HierarchicalAllocatorTest.QuotaAllocationMultipleDisk', () => {
    // 50 plain disk and a 50 MOUNT disk: both go in one offer to meet the 100 guaranteed.
    const setup = setUp()
      .quota('quota-role', quota({ cpus: 1, mem: 512, disk: 100 }))
      .agent('agent1', { resources: { cpus: 1, mem: 512, disk: 100 }, disks: [mount('mount1', 50)] })
      .framework('framework', ['quota-role']);
    expect(setup.offersNow()).toEqual([
      offer('framework', 'quota-role', 'agent1', { cpus: 1, mem: 512, disk: 100 }, { disks: [mount('mount1', 50)] }),
    ]);
  });
});

describe('MOUNT disks (derived from hierarchical.cpp and resources_utils.cpp shrinkResources)', () => {
  it('are left out whole when the surplus headroom is smaller, where plain disk is cut', () => {
    // quota-role's guarantee of disk 50 (no framework yet) holds 50 of the cluster's 100 back.
    const run = (disks: { id: string; size: number; source: 'MOUNT' | 'PATH' }[]) =>
      runNow(
        setUp()
          .quota('quota-role', { guarantees: { disk: 50 } })
          .agent('agent1', { resources: { cpus: 1, disk: 100 }, disks })
          .framework('framework1', ['role1']).allocator,
      );
    expect(run([mount('m1', 100)])).toEqual({ framework1: { role1: { agent1: { cpus: 1 } } } });
    expect(run([{ id: 'p1', size: 100, source: 'PATH' }])).toEqual({
      framework1: { role1: { agent1: { cpus: 1, disk: 50 } } },
    });
  });

  it('come back whole, with the offer or as a plain vector, and are offered again', () => {
    const setup = setUp()
      .agent('agent1', { resources: { cpus: 2, disk: 150 }, disks: [mount('m1', 100)] })
      .framework('framework1', ['role1']);
    const { allocator } = setup;
    const [made] = setup.offersNow();
    expect(made?.disks).toEqual([mount('m1', 100)]);
    if (made === undefined) throw new Error('no offer');
    allocator.recoverResources('framework1', 'agent1', 'role1', made);
    expect(runAfter(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 2, disk: 150 } } } });
    // Given back as a plain vector of cpus 1 and disk 100: the books keep 50 disk for the
    // framework, which the 100 MOUNT disk no longer fits in, so the MOUNT disk is what came back.
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 1, disk: 100 });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      offer('framework1', 'role1', 'agent1', { cpus: 1, disk: 100 }, { disks: [mount('m1', 100)] }),
    ]);
  });

  it('given back in part come back whole, and only the plain disk held stays held', () => {
    // Found by the differential property: giving back 50 of 100 disk (60 MOUNT, 40 plain) cannot
    // leave 50 held — the MOUNT disk comes back whole, the 40 plain disk stays with the holder.
    const setup = setUp()
      .agent('agent1', { resources: { cpus: 2, disk: 100 }, disks: [mount('m1', 60)] })
      .framework('framework1', ['role1']);
    const { allocator } = setup;
    setup.offersNow();
    allocator.recoverResources('framework1', 'agent1', 'role1', { cpus: 1, disk: 50 });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([
      offer('framework1', 'role1', 'agent1', { cpus: 1, disk: 60 }, { disks: [mount('m1', 60)] }),
    ]);
  });

  it('in use at failover are held and not offered', () => {
    const allocator = createMesosAllocator();
    allocator.addFramework('framework1', { roles: ['role1'] });
    allocator.addAgent('agent1', {
      resources: { cpus: 2, disk: 100 },
      disks: [mount('m1', 100)],
      used: { framework1: { cpus: 1, disk: 100 } },
    });
    expect(runNow(allocator)).toEqual({ framework1: { role1: { agent1: { cpus: 1 } } } });
  });

  it('are refused with a clear error when they do not fit in the agent disk or have no source', () => {
    const allocator = createMesosAllocator();
    expect(() => allocator.addAgent('a1', { resources: { disk: 50 }, disks: [mount('m1', 100)] })).toThrow(
      /^addAgent: agent "a1": the disks add up to 100, more than the agent's disk:50/,
    );
    expect(() =>
      allocator.addAgent('a2', {
        resources: { disk: 50 },
        disks: [{ id: 'm1', size: 10, source: 'BLOCK' as 'MOUNT' }],
      }),
    ).toThrow(/^addAgent: agent "a2": disks\[0\] \("m1"\) has source "BLOCK"; a source is "PATH" or "MOUNT"/);
  });
});

describe('reserved MOUNT disks (derived from hierarchical.cpp: reservations are offered whole, to their role only)', () => {
  const reservedMount = { id: 'm1', size: 100, source: 'MOUNT' as const, role: 'r1' };
  const agentInfo = {
    resources: { cpus: 2, disk: 150 },
    reserved: { r1: { disk: 100 } },
    disks: [reservedMount],
  };
  /** The reservation offered alone to r1, its MOUNT disk with it. */
  const reservedOffer = offer(
    'framework1',
    'r1',
    'agent1',
    { disk: 100 },
    { reserved: { r1: { disk: 100 } }, disks: [reservedMount] },
  );

  it('go whole with their role reservation, to that role only; the rest of the agent to others', () => {
    const setup = setUp().agent('agent1', agentInfo).framework('framework2', ['r2']);
    expect(setup.offersNow()).toEqual([offer('framework2', 'r2', 'agent1', { cpus: 2, disk: 50 })]);
    expect(setup.framework('framework1', ['r1'], { minAllocatable: { r1: [] } }).offersNow()).toEqual([reservedOffer]);
  });

  it('come back to the reservation with the offer, or as soon as a plain vector leaves them uncovered', () => {
    const setup = setUp()
      .agent('agent1', agentInfo)
      .framework('framework1', ['r1'], { minAllocatable: { r1: [] } });
    const { allocator } = setup;
    const [made] = setup.offersNow();
    expect(made?.disks).toEqual([reservedMount]);
    if (made === undefined) throw new Error('no offer');
    allocator.recoverResources('framework1', 'agent1', 'r1', made);
    allocator.advance(1);
    expect(allocator.offers().map((o) => o.disks)).toEqual([[reservedMount]]);
    // 40 of the reserved 100 disk given back as a plain vector: the reservation held (60) no
    // longer covers the 100 MOUNT disk, so it comes back whole with the disk it is made of.
    allocator.recoverResources('framework1', 'agent1', 'r1', { disk: 40 });
    allocator.recoverResources('framework1', 'agent1', 'r1', { disk: 60 });
    allocator.advance(1);
    expect(allocator.offers()).toEqual([reservedOffer]);
  });

  it('that do not fit in their role reserved disk are refused with a clear error', () => {
    const allocator = createMesosAllocator();
    expect(() =>
      allocator.addAgent('a1', { resources: { disk: 100 }, reserved: { r1: { disk: 50 } }, disks: [reservedMount] }),
    ).toThrow(/^addAgent: agent "a1": the disks reserved to "r1" add up to 100, more than its reserved disk:50/);
  });
});
