/**
 * Shared pieces of the replays of Apache Mesos's allocator and sorter tests
 * (apache/mesos src/tests/hierarchical_allocator_tests.cpp and src/tests/sorter_tests.cpp, read at
 * commit c1b42f79d157aa900be5cbb0c1023f1479962aa7).
 *
 * How Mesos's harness maps onto the standalone API:
 * - "cpus:2;mem:1024;disk:0" → { cpus: 2, mem: 1024 } (zero amounts dropped);
 * - "cpus(role1):2" → `reserved: { role1: { cpus: 2 } }` (and counted in `resources` as well);
 * - agents are "agent1", "agent2"… and frameworks "framework1"… in creation order;
 * - an event Mesos answers with a triggered allocation is followed by `advance(0)`;
 *   `Clock::advance(flags.allocation_interval)` is `advance(1)`;
 * - one Mesos `Allocation` (a framework, per role, per agent) is the group of offers one run made
 *   to that framework: see {@link allocations}.
 */
import { expect } from 'vitest';
import { addResources, type Resources } from '../../../../src/core/cluster/resources.ts';
import type { Sorter } from '../../../../src/core/plugins/sorter.ts';
import {
  createMesosAllocator,
  type MesosAllocatorApi,
  type MesosAllocatorOptions,
  type StandaloneOffer,
} from '../../../../src/policies/allocators/mesos/standalone.ts';

/** Offers grouped as Mesos's allocator test harness sees them: framework → role → agent → resources. */
export type Grouped = Record<string, Record<string, Record<string, Resources>>>;

/** Groups offers as Mesos's harness groups its `Allocation`s. */
export function group(offers: readonly StandaloneOffer[]): Grouped {
  const out: Grouped = {};
  for (const o of offers) {
    const byRole = (out[o.frameworkId] ??= {});
    const byAgent = (byRole[o.role] ??= {});
    byAgent[o.agentId] = addResources(byAgent[o.agentId] ?? {}, o.resources);
  }
  return out;
}

/** The offers made since the last call, grouped as Mesos's harness groups them. */
export function allocations(allocator: MesosAllocatorApi): Grouped {
  return group(allocator.offers());
}

/** Runs the pending triggered allocation and returns what it offered, grouped. */
export function runNow(allocator: MesosAllocatorApi): Grouped {
  allocator.advance(0);
  return allocations(allocator);
}

/** Advances the clock by `seconds` (one interval by default) and returns what was offered, grouped. */
export function runAfter(allocator: MesosAllocatorApi, seconds = 1): Grouped {
  allocator.advance(seconds);
  return allocations(allocator);
}

/** Gives every listed offer back, without a filter unless `refuseSeconds` is given. */
export function recoverAll(
  allocator: MesosAllocatorApi,
  offers: readonly StandaloneOffer[],
  refuseSeconds?: number,
): void {
  for (const o of offers) allocator.recoverResources(o.frameworkId, o.agentId, o.role, o.resources, refuseSeconds);
}

/** Mesos's test helper createQuota(x): guarantee and limit of the same amounts. */
export const quota = (amounts: Resources): { guarantees: Resources; limits: Resources } => ({
  guarantees: amounts,
  limits: amounts,
});

/** Mesos's createQuota("", limits): a limit without a guarantee. */
export const limitOnly = (limits: Resources): { guarantees: Resources; limits: Resources } => ({
  guarantees: {},
  limits,
});

/** The one agent of Mesos's sorter tests. */
export const AGENT = 'agentId';

/** Adds and activates each client, as the sorter tests' `add` + `activate` pairs do. */
export function addActive(sorter: Sorter, ...paths: readonly string[]): void {
  for (const path of paths) {
    sorter.add(path);
    sorter.activate(path);
  }
}

/** Mesos's `removeSlave` + `addSlave` with a new total, the sorter tests' way to change the total. */
export function replaceTotal(sorter: Sorter, agentId: string, total: Resources): void {
  sorter.removeAgent(agentId);
  sorter.addAgent(agentId, total);
}

/** Mesos's reservation types, as `ReservationTypeSwitch` instantiates them: DYNAMIC = /0, STATIC = /1. */
export type ReservationType = 'DYNAMIC' | 'STATIC';
export const TYPES: readonly [number, ReservationType][] = [
  [0, 'DYNAMIC'],
  [1, 'STATIC'],
];

/**
 * Adds an agent of `total` of which `reserved` is reserved to `role`, the way `type` says: STATIC
 * passes the reservation to `addAgent`, DYNAMIC adds the agent unreserved and reserves with `reserve`.
 */
export function addReservedAgent(
  allocator: MesosAllocatorApi,
  type: ReservationType,
  agentId: string,
  total: Resources,
  role: string,
  reserved: Resources,
): void {
  if (type === 'STATIC') {
    allocator.addAgent(agentId, { resources: total, reserved: { [role]: reserved } });
  } else {
    allocator.addAgent(agentId, { resources: total });
    expect(allocator.reserve(agentId, role, reserved)).toBe(true);
  }
}

/** What `addAgent` takes. */
export type AgentSetup = Parameters<MesosAllocatorApi['addAgent']>[1];
/** What `addFramework` takes beside the roles. */
export type FrameworkSetup = Omit<Parameters<MesosAllocatorApi['addFramework']>[1], 'roles'>;

/**
 * A replay's set-up, call by call in the order written:
 * `setUp().agent('agent1', { resources }).framework('framework1', ['role1'])`.
 */
export interface SetUp {
  readonly allocator: MesosAllocatorApi;
  /** `updateQuota`. */
  quota(role: string, amounts: { readonly guarantees?: Resources; readonly limits?: Resources }): SetUp;
  /** `addAgent`. */
  agent(agentId: string, info: AgentSetup): SetUp;
  /** `addFramework` in these roles. */
  framework(frameworkId: string, roles: readonly string[], info?: FrameworkSetup): SetUp;
  /** Runs the pending triggered run and returns its offers, in order. */
  offersNow(): StandaloneOffer[];
}

/** Starts a replay's set-up on a new allocator (see {@link SetUp}). */
export function setUp(options?: MesosAllocatorOptions): SetUp {
  const allocator = createMesosAllocator(options);
  const setup: SetUp = {
    allocator,
    quota(role, amounts) {
      allocator.updateQuota(role, amounts);
      return setup;
    },
    agent(agentId, info) {
      allocator.addAgent(agentId, info);
      return setup;
    },
    framework(frameworkId, roles, info = {}) {
      allocator.addFramework(frameworkId, { ...info, roles });
      return setup;
    },
    offersNow() {
      allocator.advance(0);
      return allocator.offers();
    },
  };
  return setup;
}

/** An offer as the standalone API lists it; `parts` are the rest (`reserved`, `ranges`, `disks`…). */
export function offer(
  frameworkId: string,
  role: string,
  agentId: string,
  resources: Resources,
  parts: Partial<StandaloneOffer> = {},
): StandaloneOffer {
  return { frameworkId, role, agentId, resources, ...parts };
}
