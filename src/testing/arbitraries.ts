/**
 * fast-check arbitraries for clusters, frameworks in roles, fairness problems and allocator call
 * sequences. Amounts are whole multiples of a per-resource unit, so sums and halves stay exact in
 * the three-decimal fixed point of resource vectors.
 * @module
 */
import fc from 'fast-check';
import { scaleResources, type Resources } from '../core/cluster/resources.ts';
import type { TaskDemand } from '../policies/sorters/progressiveFilling.ts';
import type { FillingProblem } from '../policies/sorters/fairnessProperties.ts';
import type { AllocatorCall } from './calls.ts';

/**
 * Role paths the arbitraries draw from: the default role, flat roles, nested ones (including a
 * role with sub-roles, `eng`, and a deep one whose ancestors are not roles), and two non-ASCII
 * names whose UTF-8 byte order differs from their UTF-16 order.
 *
 * @example
 * ```ts
 * ROLE_PATHS.includes('eng/ads'); // true
 * ```
 */
export const ROLE_PATHS: readonly string[] = [
  '*',
  'dev',
  'eng',
  'eng/ads',
  'eng/ml',
  'ops/web/api',
  '\uFF21',
  '\u{1F600}',
];

/**
 * Framework ids the arbitraries draw from ("f10" sorts before "f2" by bytes).
 *
 * @example
 * ```ts
 * FRAMEWORK_IDS; // ['f1', 'f2', 'f10', 'g', 'ü']
 * ```
 */
export const FRAMEWORK_IDS: readonly string[] = ['f1', 'f2', 'f10', 'g', '\u00FC'];

/**
 * Agent ids the arbitraries draw from.
 *
 * @example
 * ```ts
 * AGENT_IDS.length; // 6
 * ```
 */
export const AGENT_IDS: readonly string[] = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];

/** Unit of each resource: cpus in halves, mem in 256 MB, disk in GB. */
const UNITS: Readonly<Record<string, number>> = { cpus: 0.5, mem: 256, disk: 1024 };

/**
 * Non-empty resource vectors over cpus, mem and disk: each dimension absent or 1–16 units
 * (0.5 cpus, 256 MB mem, 1024 MB disk).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(resourcesArb, 1)[0]; // e.g. { cpus: 3.5, mem: 768 }
 * ```
 */
export const resourcesArb: fc.Arbitrary<Resources> = fc
  .tuple(...Object.keys(UNITS).map(() => fc.integer({ min: 0, max: 16 })))
  .map((units) => {
    const out: Record<string, number> = {};
    Object.entries(UNITS).forEach(([name, unit], i) => {
      const n = units[i] ?? 0;
      if (n > 0) out[name] = n * unit;
    });
    if (Object.keys(out).length === 0) out['cpus'] = UNITS['cpus'] ?? 1;
    return out;
  });

/**
 * One agent as {@link AllocatorCall} `addAgent` wants it.
 *
 * @example
 * ```ts
 * const a: AgentSpec = { agentId: 'a1', resources: { cpus: 4 }, reserved: { eng: { cpus: 2 } } };
 * ```
 */
export interface AgentSpec {
  readonly agentId: string;
  readonly resources: Resources;
  /** Role → resources reserved to it (part of `resources`). */
  readonly reserved?: Readonly<Record<string, Resources>>;
}

const topLevelRoles = [...new Set(ROLE_PATHS.map((r) => r.split('/')[0] ?? r))];

/**
 * Agents from {@link AGENT_IDS}; about one in three has a quarter, half or all of its resources
 * reserved to a top-level role (usable by that role and its sub-roles).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(agentArb, 1)[0]; // e.g. { agentId: 'a3', resources: { cpus: 2, mem: 512 }, reserved: { eng: { cpus: 1, mem: 256 } } }
 * ```
 */
export const agentArb: fc.Arbitrary<AgentSpec> = fc
  .record({
    agentId: fc.constantFrom(...AGENT_IDS),
    resources: resourcesArb,
    reservation: fc.option(fc.tuple(fc.constantFrom(...topLevelRoles), fc.constantFrom(0.25, 0.5, 1)), {
      nil: undefined,
      freq: 2,
    }),
  })
  .map(({ agentId, resources, reservation }): AgentSpec => {
    if (reservation === undefined) return { agentId, resources };
    const [role, fraction] = reservation;
    return { agentId, resources, reserved: { [role]: scaleResources(resources, fraction) } };
  });

/**
 * A role path from {@link ROLE_PATHS}.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(rolePathArb, 3); // e.g. ['eng/ads', '*', 'dev']
 * ```
 */
export const rolePathArb: fc.Arbitrary<string> = fc.constantFrom(...ROLE_PATHS);

/**
 * A role weight: 0.5, 1, 2 or 3.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(roleWeightArb, 1)[0]; // e.g. 2
 * ```
 */
export const roleWeightArb: fc.Arbitrary<number> = fc.constantFrom(0.5, 1, 2, 3);

/**
 * A framework as {@link AllocatorCall} `addFramework` wants it.
 *
 * @example
 * ```ts
 * const f: FrameworkSpec = { frameworkId: 'f1', roles: ['eng/ads', 'dev'], active: true };
 * ```
 */
export interface FrameworkSpec {
  readonly frameworkId: string;
  readonly roles: readonly string[];
  readonly active: boolean;
}

/**
 * Frameworks from {@link FRAMEWORK_IDS} in one or two roles, mostly active.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(frameworkArb, 1)[0]; // e.g. { frameworkId: 'f10', roles: ['eng'], active: true }
 * ```
 */
export const frameworkArb: fc.Arbitrary<FrameworkSpec> = fc.record({
  frameworkId: fc.constantFrom(...FRAMEWORK_IDS),
  roles: fc.uniqueArray(rolePathArb, { minLength: 1, maxLength: 2 }),
  active: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
});

const fillingBase = fc.record({
  dims: fc.subarray(['cpus', 'mem', 'disk'], { minLength: 1 }),
  amounts: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }),
  users: fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-zA-Z0-9_-]{1,6}$/),
      sizes: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }),
      maxTasks: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      weight: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 2, maxLength: 6, selector: (u) => u.id },
  ),
});

function fillingProblem(weighted: boolean): fc.Arbitrary<FillingProblem> {
  return fillingBase.map(({ dims, amounts, users }) => {
    const capacity = Object.fromEntries(dims.map((d, i) => [d, amounts[i] ?? 1]));
    const demands = users.map((u): TaskDemand => {
      // Half-unit sizes over cpus, mem, disk; a resource the cluster lacks makes a task that never fits.
      const perTask: Record<string, number> = {};
      ['cpus', 'mem', 'disk'].forEach((name, i) => {
        if ((u.sizes[i] ?? 0) > 0) perTask[name] = (u.sizes[i] ?? 0) / 2;
      });
      if (Object.keys(perTask).length === 0) perTask[dims[0] ?? 'cpus'] = 0.5;
      const base = { id: u.id, perTask, ...(u.maxTasks === undefined ? {} : { maxTasks: u.maxTasks }) };
      return weighted ? { ...base, weight: u.weight } : base;
    });
    return { capacity, demands };
  });
}

/**
 * Random progressive-filling problems with equal weights: 1–3 resources of 1–100 units, 2–6 users
 * with half-unit tasks, some capped by `maxTasks`, some needing a resource the cluster lacks.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { paretoViolation, progressiveFilling } from './index.ts';
 * fc.assert(fc.property(fillingProblemArb, (p) =>
 *   paretoViolation((q) => progressiveFilling(q.capacity, q.demands, 'drf'), p) === undefined));
 * ```
 */
export const fillingProblemArb: fc.Arbitrary<FillingProblem> = fillingProblem(false);

/**
 * The same problems with a weight of 1–4 on every user (for properties stated for any weights).
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(weightedFillingProblemArb, 1)[0]?.demands[0]?.weight; // e.g. 3
 * ```
 */
export const weightedFillingProblemArb: fc.Arbitrary<FillingProblem> = fillingProblem(true);

/**
 * Options of {@link callSequenceArbitrary} and {@link allocatorCallArbitrary}.
 *
 * @example
 * ```ts
 * const options: CallSequenceOptions = { maxRolesPerFramework: 1, refuseSeconds: [0, 5], maxCalls: 20 };
 * ```
 */
export interface CallSequenceOptions {
  /** Roles a framework registers in, at most (default 2). */
  readonly maxRolesPerFramework?: number;
  /** Refuse times a decline may carry besides none (default [0, 0.5, 1, 2, 5]). */
  readonly refuseSeconds?: readonly number[];
  /** Calls after the initial agents and frameworks, at most (default 40). */
  readonly maxCalls?: number;
}

/**
 * Arbitrary allocator calls: add/remove agents; add, activate, deactivate, suppress, revive
 * frameworks (suppress and revive for all or some roles); give back all or half of an outstanding
 * offer, with no filter or one of the refuse times; change a role's weight; advance the clock by
 * 0–3 s in quarter seconds.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * fc.sample(allocatorCallArbitrary({ refuseSeconds: [5] }), 1)[0]; // e.g. { kind: 'advance', seconds: 1.25 }
 * ```
 */
export function allocatorCallArbitrary(options: CallSequenceOptions = {}): fc.Arbitrary<AllocatorCall> {
  const frameworkIdArb = fc.constantFrom(...FRAMEWORK_IDS);
  const someRolesArb = fc.option(fc.uniqueArray(rolePathArb, { minLength: 1, maxLength: 2 }), { nil: undefined });
  const refuse = options.refuseSeconds ?? [0, 0.5, 1, 2, 5];
  const refuseSecondsArb =
    refuse.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...refuse), { nil: undefined, freq: 3 });
  return fc.oneof(
    { weight: 2, arbitrary: addAgentArb },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...AGENT_IDS).map((agentId): AllocatorCall => ({ kind: 'removeAgent', agentId })),
    },
    { weight: 2, arbitrary: addFrameworkArbitrary(options) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('activateFramework', 'deactivateFramework'), frameworkIdArb)
        .map(([kind, frameworkId]): AllocatorCall => ({ kind, frameworkId })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('suppress', 'revive'), frameworkIdArb, someRolesArb)
        .map(([kind, frameworkId, roles]): AllocatorCall =>
          roles === undefined ? { kind, frameworkId } : { kind, frameworkId, roles },
        ),
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.nat({ max: 20 }), fc.boolean(), refuseSecondsArb)
        .map(([offer, half, refuseSeconds]): AllocatorCall =>
          refuseSeconds === undefined
            ? { kind: 'recoverResources', offer, half }
            : { kind: 'recoverResources', offer, half, refuseSeconds },
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(rolePathArb, roleWeightArb)
        .map(([role, weight]): AllocatorCall => ({ kind: 'updateWeight', role, weight })),
    },
    {
      weight: 5,
      arbitrary: fc.integer({ min: 0, max: 12 }).map((q): AllocatorCall => ({ kind: 'advance', seconds: q / 4 })),
    },
  );
}

const addAgentArb = agentArb.map((a): AllocatorCall => ({ kind: 'addAgent', ...a }));

function addFrameworkArbitrary(options: CallSequenceOptions): fc.Arbitrary<AllocatorCall> {
  const maxRoles = options.maxRolesPerFramework ?? 2;
  return frameworkArb.map((f): AllocatorCall => ({
    kind: 'addFramework',
    ...f,
    roles: f.roles.slice(0, Math.max(1, maxRoles)),
  }));
}

/**
 * Sequences of allocator calls, to replay with `replayCalls`: 1–4 agents and 1–4 frameworks are
 * added first (so that most sequences make offers), then 1–`maxCalls` calls of any kind. Shrinking
 * drops calls, so a failure comes down to a short sequence.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { drfOrderViolation } from './index.ts';
 * const sequences = callSequenceArbitrary({ maxRolesPerFramework: 1, refuseSeconds: [0, 2, 5] });
 * fc.assert(fc.property(sequences, (calls) => drfOrderViolation(calls) === undefined), { numRuns: 20, seed: 42 });
 * ```
 */
export function callSequenceArbitrary(options: CallSequenceOptions = {}): fc.Arbitrary<AllocatorCall[]> {
  return fc
    .tuple(
      fc.array(addAgentArb, { minLength: 1, maxLength: 4 }),
      fc.array(addFrameworkArbitrary(options), { minLength: 1, maxLength: 4 }),
      fc.array(allocatorCallArbitrary(options), { minLength: 1, maxLength: options.maxCalls ?? 40, size: 'medium' }),
    )
    .map(([agents, frameworks, calls]) => [...agents, ...frameworks, ...calls]);
}
