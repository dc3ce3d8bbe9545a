/**
 * Differential property: random call sequences through createMesosAllocator and through a small,
 * separately written reference model (referenceAllocator.ts) must make the same offers after every
 * call — first with one agent, then with several identical agents. The sequences cover static
 * reservations, quota guarantees and limits, GPU agents (filtering on and off), multi-role
 * frameworks, suppress/revive, deactivate/activate, decline filters (negative, zero and positive
 * refuse times, declines of parts), agents and frameworks leaving, MOUNT disks (offered whole,
 * never cut to a disk guarantee, limit or the headroom), RESERVE and UNRESERVE of held cpus
 * and mem through updateAllocation (quota accounting must not change with them), agents without
 * the MULTI_ROLE capability (not offered to MULTI_ROLE frameworks), gaining and losing it, and
 * revocable cpus agents lend (offered only to REVOCABLE_RESOURCES frameworks, never under quota,
 * counted in shares, given back with the whole of a holding).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEmptyResources, roundAmount, type Resources } from '../../../../src/core/cluster/resources.ts';
import { createMesosAllocator, type MesosAllocatorApi } from '../../../../src/policies/allocators/mesos/standalone.ts';
import { MOUNT_ID, ReferenceAllocator } from './referenceAllocator.ts';

const ROLES = ['r1', 'r2', 'r3'] as const;
const FRAMEWORKS = ['f1', 'f2', 'f3', 'f4'] as const;
const REFUSE = [undefined, 0, -1, 0.5, 1, 3, 10] as const;
const ADVANCE = [0, 0, 0.5, 1, 1, 2, 6] as const;

/** One abstract call; numbers pick among what exists when the call is made. */
type Call =
  | { readonly kind: 'addAgent'; readonly pick: number }
  | { readonly kind: 'removeAgent'; readonly pick: number }
  | {
      readonly kind: 'addFramework';
      readonly pick: number;
      readonly roles: number;
      readonly gpu: boolean;
      readonly multiRole: boolean;
      readonly revocable: boolean;
    }
  | { readonly kind: 'capabilities'; readonly pick: number; readonly multiRole: boolean }
  | { readonly kind: 'oversubscribe'; readonly pick: number; readonly cpus: number }
  | { readonly kind: 'removeFramework' | 'deactivate' | 'activate'; readonly pick: number }
  | { readonly kind: 'suppress' | 'revive'; readonly pick: number; readonly roles: number }
  | { readonly kind: 'recover'; readonly pick: number; readonly part: number; readonly refuse: number }
  | { readonly kind: 'quota'; readonly role: number; readonly guarantee: number; readonly limit: number }
  | { readonly kind: 'reserveHeld' | 'unreserveHeld'; readonly pick: number; readonly part: number }
  | { readonly kind: 'advance'; readonly seconds: number };

const n = fc.nat(99);
/** Calls, with quota changes drawn `quotaWeight` times in 25. */
const callsWith = (quotaWeight: number): fc.Arbitrary<Call> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('addAgent' as const), pick: n }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('removeAgent' as const), pick: n }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('addFramework' as const),
        pick: n,
        roles: fc.integer({ min: 1, max: 7 }),
        gpu: fc.boolean(),
        multiRole: fc.boolean(),
        revocable: fc.boolean(),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('oversubscribe' as const), pick: n, cpus: fc.nat(3) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('capabilities' as const), pick: n, multiRole: fc.boolean() }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constantFrom('removeFramework', 'deactivate', 'activate'), pick: n }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('suppress', 'revive'), pick: n, roles: fc.nat(7) }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('recover' as const),
        pick: n,
        part: fc.nat(3),
        refuse: fc.nat(REFUSE.length - 1),
      }),
    },
    {
      weight: quotaWeight,
      arbitrary: fc.record({
        kind: fc.constant('quota' as const),
        role: fc.nat(2),
        guarantee: fc.nat(6),
        limit: fc.nat(5),
      }),
    },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.nat(ADVANCE.length - 1) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constantFrom('reserveHeld', 'unreserveHeld'), pick: n, part: fc.nat(1) }),
    },
  );

interface Setup {
  readonly gpus: boolean;
  readonly reservation: boolean;
  readonly filterGpuResources: boolean;
  /** Agents have disk:100, 60 of it a MOUNT disk. */
  readonly mount: boolean;
  /** Agents are added without the MULTI_ROLE capability. */
  readonly oldAgents: boolean;
}
const setupArbitrary: fc.Arbitrary<Setup> = fc.record({
  gpus: fc.boolean(),
  reservation: fc.boolean(),
  filterGpuResources: fc.boolean(),
  mount: fc.boolean(),
  oldAgents: fc.boolean(),
});
const MOUNT_SIZE = 60;

const pickOf = <T>(items: readonly T[], pick: number): T | undefined => items[pick % Math.max(1, items.length)];
const rolesOf = (mask: number, from: readonly string[]): string[] => from.filter((_, i) => (mask >> i) & 1);
const half = (r: Resources): Resources =>
  Object.fromEntries(
    Object.entries(r)
      .map(([k, v]) => [k, roundAmount(v / 2)])
      .filter(([, v]) => (v as number) > 0),
  );

const cpusAndMem = (r: Resources): Resources =>
  Object.fromEntries(Object.entries(r).filter(([name]) => name === 'cpus' || name === 'mem'));

/** Applies one call to both; returns a description of the call as applied (for failure messages). */
function apply(
  call: Call,
  real: MesosAllocatorApi,
  model: ReferenceAllocator,
  setup: Setup,
  agentIds: readonly string[],
): string {
  switch (call.kind) {
    case 'addAgent': {
      const free = agentIds.filter((id) => !model.agents.has(id));
      const id = pickOf(free, call.pick);
      if (id === undefined) return 'skip';
      const total: Resources = {
        cpus: 4,
        mem: 1024,
        ...(setup.gpus ? { gpus: 1 } : {}),
        ...(setup.mount ? { disk: 100 } : {}),
      };
      const reserved = setup.reservation ? { r1: { cpus: 1, mem: 256 } } : {};
      const disks = setup.mount ? [{ id: MOUNT_ID, size: MOUNT_SIZE, source: 'MOUNT' as const }] : [];
      real.addAgent(id, { resources: total, reserved, disks, ...(setup.oldAgents ? { capabilities: [] } : {}) });
      model.addAgent(id, total, reserved, setup.mount ? MOUNT_SIZE : 0, !setup.oldAgents);
      return `addAgent ${id}${setup.oldAgents ? ' (no MULTI_ROLE)' : ''}`;
    }
    case 'capabilities': {
      const id = pickOf([...model.agents.keys()], call.pick);
      if (id === undefined) return 'skip';
      real.updateAgent(id, { capabilities: call.multiRole ? ['MULTI_ROLE', 'HIERARCHICAL_ROLE'] : [] });
      model.setAgentMultiRole(id, call.multiRole);
      return `updateAgent ${id} capabilities ${call.multiRole ? 'MULTI_ROLE' : 'none'}`;
    }
    case 'oversubscribe': {
      const id = pickOf([...model.agents.keys()], call.pick);
      if (id === undefined) return 'skip';
      real.updateAgent(id, { oversubscribed: call.cpus > 0 ? { cpus: call.cpus } : {} });
      model.setRevocable(id, call.cpus);
      return `updateAgent ${id} oversubscribed cpus ${call.cpus}`;
    }
    case 'removeAgent': {
      const id = pickOf([...model.agents.keys()], call.pick);
      if (id === undefined) return 'skip';
      real.removeAgent(id);
      model.removeAgent(id);
      return `removeAgent ${id}`;
    }
    case 'addFramework': {
      const id = pickOf(
        FRAMEWORKS.filter((f) => !model.frameworks.has(f)),
        call.pick,
      );
      if (id === undefined) return 'skip';
      const roles = rolesOf(call.roles, ROLES);
      const capabilities = [
        ...(call.gpu ? ['GPU_RESOURCES'] : []),
        ...(call.multiRole ? ['MULTI_ROLE'] : []),
        ...(call.revocable ? ['REVOCABLE_RESOURCES'] : []),
      ];
      real.addFramework(id, { roles, capabilities });
      model.addFramework(id, roles, call.gpu, call.multiRole, call.revocable);
      return `addFramework ${id} ${roles.join(',')} ${capabilities.join(',')}`;
    }
    case 'removeFramework':
    case 'deactivate':
    case 'activate': {
      const id = pickOf([...model.frameworks.keys()], call.pick);
      if (id === undefined) return 'skip';
      if (call.kind === 'removeFramework') {
        real.removeFramework(id);
        model.removeFramework(id);
      } else {
        if (call.kind === 'activate') real.activateFramework(id);
        else real.deactivateFramework(id);
        model.setActive(id, call.kind === 'activate');
      }
      return `${call.kind} ${id}`;
    }
    case 'suppress':
    case 'revive': {
      const id = pickOf([...model.frameworks.keys()], call.pick);
      const framework = id === undefined ? undefined : model.frameworks.get(id);
      if (id === undefined || framework === undefined) return 'skip';
      const chosen = call.roles === 0 ? undefined : rolesOf(call.roles, framework.roles);
      const roles = chosen ?? framework.roles;
      if (call.kind === 'suppress') {
        real.suppress(id, chosen);
        model.suppress(id, roles);
      } else {
        real.revive(id, chosen);
        model.revive(id, roles);
      }
      return `${call.kind} ${id} ${chosen === undefined ? '(all)' : roles.join(',')}`;
    }
    case 'recover': {
      const held = pickOf(model.held, call.pick);
      if (held === undefined) return 'skip';
      // 0: everything; 1: the unreserved part; 2: the reserved part; 3: half of the unreserved part.
      const unreserved = call.part === 2 ? {} : call.part === 3 ? half(held.unreserved) : held.unreserved;
      const reserved = call.part === 0 || call.part === 2 ? held.reserved : {};
      const revocable = call.part === 0 ? held.revocable : 0;
      if (isEmptyResources(unreserved) && isEmptyResources(reserved) && revocable === 0) return 'skip';
      const refuse = REFUSE[call.refuse];
      const { frameworkId, agentId, role } = held;
      const regular = {
        ...unreserved,
        ...Object.fromEntries(Object.entries(reserved).map(([k, v]) => [k, roundAmount(v + (unreserved[k] ?? 0))])),
      };
      const resources = {
        resources: revocable > 0 ? { ...regular, cpus: roundAmount((regular['cpus'] ?? 0) + revocable) } : regular,
        reserved: isEmptyResources(reserved) ? {} : { [role]: reserved },
        ...(revocable > 0 ? { revocable: { cpus: revocable } } : {}),
      };
      real.recoverResources(frameworkId, agentId, role, resources, refuse);
      model.recover(held, unreserved, reserved, refuse, revocable);
      return `recover ${frameworkId}@${agentId} ${role} ${JSON.stringify(resources)} refuse ${String(refuse)}`;
    }
    case 'quota': {
      const role = ROLES[call.role] ?? 'r1';
      // 5 and 6: disk guarantees of 50 and 100, around the 60 MOUNT disk; limit 5: disk 50.
      const guarantees: Resources =
        call.guarantee === 0
          ? {}
          : call.guarantee > 4
            ? { disk: 50 * (call.guarantee - 4) }
            : call.guarantee % 2 === 1
              ? { cpus: call.guarantee }
              : { mem: 256 * call.guarantee };
      const limits: Resources =
        call.limit === 0
          ? {}
          : call.limit === 1
            ? { mem: 0 }
            : call.limit === 5
              ? { disk: 50 }
              : { cpus: call.limit + (call.guarantee % 2) * 2 };
      // Mesos refuses a guarantee above the limit of the same resource: nothing changes.
      if (Object.entries(guarantees).some(([name, g]) => limits[name] !== undefined && g > (limits[name] ?? 0))) {
        expect(() => real.updateQuota(role, { guarantees, limits })).toThrow(/is above the limit/);
        return `updateQuota ${role} refused: ${JSON.stringify(guarantees)} above ${JSON.stringify(limits)}`;
      }
      real.updateQuota(role, { guarantees, limits });
      model.updateQuota(role, guarantees, limits);
      return `updateQuota ${role} ${JSON.stringify(guarantees)} ${JSON.stringify(limits)}`;
    }
    case 'reserveHeld':
    case 'unreserveHeld': {
      const held = pickOf(model.held, call.pick);
      if (held === undefined) return 'skip';
      const reserve = call.kind === 'reserveHeld';
      // cpus and mem only (a MOUNT disk stays unreserved); all of the pool (part 0) or half.
      const pool = cpusAndMem(reserve ? held.unreserved : held.reserved);
      const amount = call.part === 0 ? pool : half(pool);
      if (isEmptyResources(amount)) return 'skip';
      const { frameworkId, agentId, role } = held;
      const offered = { resources: amount, role, ...(reserve ? {} : { reserved: { [role]: amount } }) };
      real.updateAllocation(frameworkId, agentId, offered, [
        { type: reserve ? 'RESERVE' : 'UNRESERVE', role, resources: amount },
      ]);
      model.convertHeld(held, amount, reserve);
      return `updateAllocation ${frameworkId}@${agentId} ${role} ${reserve ? 'RESERVE' : 'UNRESERVE'} ${JSON.stringify(amount)}`;
    }
    case 'advance': {
      const seconds = ADVANCE[call.seconds] ?? 0;
      real.advance(seconds);
      model.advance(seconds);
      return `advance ${seconds}`;
    }
  }
}

/** Runs a sequence through both; returns the first difference, or undefined. */
function firstDifference(setup: Setup, calls: readonly Call[], agentIds: readonly string[]): string | undefined {
  const real = createMesosAllocator({ filterGpuResources: setup.filterGpuResources });
  const model = new ReferenceAllocator({ filterGpuResources: setup.filterGpuResources });
  const log: string[] = [];
  for (const call of [...calls, { kind: 'advance', seconds: 4 } as const]) {
    log.push(apply(call, real, model, setup, agentIds));
    const got = real.offers();
    const expected = model.offers();
    if (JSON.stringify(got) !== JSON.stringify(expected))
      return `after:\n${log.filter((l) => l !== 'skip').join('\n')}\nallocator: ${JSON.stringify(got)}\nmodel:     ${JSON.stringify(expected)}`;
  }
  return undefined;
}

/** Every sequence starts with agents and frameworks offered something, so that declines happen early. */
const PRELUDE: readonly Call[] = [
  { kind: 'addAgent', pick: 0 },
  { kind: 'addAgent', pick: 0 },
  { kind: 'addFramework', pick: 0, roles: 1, gpu: false, multiRole: false, revocable: true },
  { kind: 'addFramework', pick: 0, roles: 6, gpu: true, multiRole: true, revocable: false },
  { kind: 'advance', seconds: 0 },
];
const sequences = fc.tuple(
  setupArbitrary,
  fc.array(callsWith(2), { minLength: 1, maxLength: 30 }).map((calls) => [...PRELUDE, ...calls]),
);
/** Agents with a MOUNT disk and frequent quota changes (disk guarantees and limits among them). */
const mountSequences = fc.tuple(
  setupArbitrary.map((setup) => ({ ...setup, mount: true })),
  fc.array(callsWith(6), { minLength: 1, maxLength: 30 }).map((calls) => [...PRELUDE, ...calls]),
);

describe('differential: createMesosAllocator against a separate reference model', () => {
  it('one agent: the same offers after every call on 1,000 sequences', () => {
    fc.assert(
      fc.property(sequences, ([setup, calls]) => {
        const difference = firstDifference(setup, calls, ['a1']);
        expect(difference).toBeUndefined();
      }),
      { numRuns: 1000, seed: 20261203 },
    );
  });

  it('three identical agents: the same offers after every call on 1,000 sequences', () => {
    fc.assert(
      fc.property(sequences, ([setup, calls]) => {
        const difference = firstDifference(setup, calls, ['a1', 'a2', 'a3']);
        expect(difference).toBeUndefined();
      }),
      { numRuns: 1000, seed: 20261204 },
    );
  });

  it('MOUNT disks under disk quotas, two agents: the same offers after every call on 1,000 sequences', () => {
    fc.assert(
      fc.property(mountSequences, ([setup, calls]) => {
        const difference = firstDifference(setup, calls, ['a1', 'a2']);
        expect(difference).toBeUndefined();
      }),
      { numRuns: 1000, seed: 20261206 },
    );
  });

  it.each([
    [
      'the sequences',
      sequences,
      200,
      ['offers', 'reserved', 'gpus', 'filtered', 'quota', 'mount', 'updated', 'capabilities', 'revocable'],
    ],
    ['the MOUNT disk sequences', mountSequences, 1500, ['offers', 'quota', 'mount', 'plainDiskOnly', 'updated']],
  ] as const)(
    '%s make offers, decline with filters, and exercise quota, GPUs, reservations, MOUNT disks, agent capabilities and revocable cpus',
    (_, arbitrary, numRuns, kinds) => {
      // The property is not vacuous: over a sample of its sequences, offers of each kind happen.
      const seen = {
        offers: 0,
        reserved: 0,
        gpus: 0,
        filtered: 0,
        quota: 0,
        mount: 0,
        plainDiskOnly: 0,
        updated: 0,
        capabilities: 0,
        revocable: 0,
      };
      fc.assert(
        fc.property(arbitrary, ([setup, calls]) => {
          const real = createMesosAllocator({ filterGpuResources: setup.filterGpuResources });
          const model = new ReferenceAllocator({ filterGpuResources: setup.filterGpuResources });
          for (const call of calls) {
            const applied = apply(call, real, model, setup, ['a1', 'a2']);
            if (applied.startsWith('updateQuota')) seen.quota++;
            if (applied.startsWith('updateAllocation')) seen.updated++;
            if (applied.includes(' capabilities ')) seen.capabilities++;
            if (applied.startsWith('recover') && !applied.endsWith('refuse undefined') && !applied.endsWith('refuse 0'))
              seen.filtered++;
            for (const o of real.offers()) {
              seen.offers++;
              if (o.reserved !== undefined) seen.reserved++;
              if (o.revocable !== undefined) seen.revocable++;
              if ((o.resources['gpus'] ?? 0) > 0) seen.gpus++;
              if (o.disks !== undefined) seen.mount++;
              else if ((o.resources['disk'] ?? 0) > 0) seen.plainDiskOnly++;
            }
            model.offers();
          }
        }),
        { numRuns, seed: 20261205 },
      );
      const wanted = Object.fromEntries(kinds.map((k) => [k, seen[k]]));
      expect(wanted).toEqual(Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, v > 10 ? v : `only ${v}`])));
    },
  );
});
