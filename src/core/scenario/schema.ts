import { z } from 'zod';
import {
  strictObject,
  taggedUnion,
  durationField,
  idField,
  positiveDurationField,
  resourcesField,
  rolePathField,
} from './fields.ts';

/**
 * The scenario file format (JSON), as a zod schema. Plugin `options` are checked afterwards by the
 * named plugin's own schema, so each error still carries its full JSON path.
 * @module
 */

/**
 * Default `failoverTimeout` of a framework, in µs: one week, the default of Marathon's and Chronos's
 * `--failover_timeout` flag (604800 s). Mesos's own FrameworkInfo default is 0 (tasks killed at once).
 *
 * @example
 * ```ts
 * DEFAULT_FAILOVER_TIMEOUT / 1e6; // 604800
 * ```
 */
export const DEFAULT_FAILOVER_TIMEOUT = 604_800_000_000;

const machineClass = strictObject({
  class: idField,
  count: z.number().int().min(1, 'count must be a whole number ≥ 1'),
  resources: resourcesField,
  attributes: z.record(z.string(), z.string()).optional(),
  racks: z.array(idField).min(1).optional(),
  /** Physical hosts its machines (VMs) run on, round-robin: a failure domain below the rack. */
  hosts: z.array(idField).min(1).optional(),
  /** Static reservations on each machine of the class: role → resources. */
  reserved: z.record(rolePathField, resourcesField).optional(),
  /** CPU capped at the allocation by a CFS quota on these machines (overrides `master.cfsQuota`). */
  cfsQuota: z.boolean().optional(),
});

const topology = strictObject({
  racks: z
    .union(
      [
        z.number().int().min(1).max(100_000, 'at most 100,000 racks'),
        z.array(idField).min(1).max(100_000, 'at most 100,000 racks'),
      ],
      {
        error: 'racks is a count ≥ 1 (named r1, r2, …) or a list of rack names',
      },
    )
    .default(1),
  machines: z.array(machineClass).min(1, 'a topology needs at least one machine class'),
});

const master = strictObject({
  allocationInterval: positiveDurationField.default(1_000_000),
  /** Rescind offers held longer than this; off by default, as in Mesos. */
  offerTimeout: positiveDurationField.optional(),
  /** Check every machine's books after each event (slow; for debugging plugins). */
  checkInvariants: z.boolean().default(false),
  /**
   * Resource isolation (cgroups): CPU by shares (a task may use idle CPU; a full machine is
   * shared in proportion to allocations) and memory use beyond the allocation gets the task
   * killed (OOM). Off: tasks share CPU in proportion to use, so a task using more than it asked
   * for slows its neighbours down, and memory is limited by the machine only.
   */
  isolation: z.boolean().default(true),
  /** Mesos's --cgroups_enable_cfs: with isolation, CPU is capped at the allocation (CFS quota). */
  cfsQuota: z.boolean().default(false),
  /** Mesos --agent_ping_timeout: a ping unanswered this long counts as missed. */
  agentPingTimeout: positiveDurationField.default(15_000_000),
  /** Mesos --max_agent_ping_timeouts: this many missed pings in a row ⇒ the agent is unreachable. */
  maxAgentPingTimeouts: z.number().int().min(1).default(5),
  /** Mesos --agent_reregister_timeout: after a failover, agents not back within it are removed. */
  agentReregisterTimeout: positiveDurationField.default(600_000_000),
  /** After a failover, each agent re-registers at a uniformly random time within this spread. */
  agentReregisterSpread: durationField.default(30_000_000),
  /**
   * Oversubscription (off unless given): each agent's allocated-but-unused resources, less
   * `safetyMargin`, are estimated every `estimatorInterval` (Mesos's
   * `--oversubscribed_resources_interval`, 15 s) and offered as revocable to frameworks with the
   * REVOCABLE_RESOURCES capability; revocable tasks are killed as soon as the regular tasks' use
   * rises into the room they borrowed.
   */
  oversubscription: strictObject({
    estimatorInterval: positiveDurationField.default(15_000_000),
    safetyMargin: resourcesField.default({}),
  }).optional(),
  /**
   * Preemption (off unless given with `enabled: true`): when a framework's tasks have waited
   * `afterSeconds` with no launch, the master kills tasks of lower-priority frameworks on one
   * agent to make room for its largest waiting task, and the allocator offers it that agent first
   * (see docs/preemption.md).
   */
  preemption: strictObject({
    enabled: z.boolean().default(false),
    afterSeconds: z.number().finite().min(0).default(30),
  }).optional(),
});

const allocator = strictObject({
  policy: z.string(),
  options: z.unknown().optional(),
});

const thinkTime = strictObject({
  base: durationField.default(0),
  perTask: durationField.default(0),
});

const framework = strictObject({
  id: idField,
  scheduler: z.string(),
  roles: z
    .array(rolePathField)
    .min(1)
    .refine((roles) => new Set(roles).size === roles.length, { error: 'each role may be listed once' })
    .default(['*']),
  thinkTime: thinkTime.default({ base: 0, perTask: 0 }),
  /**
   * Mesos framework capabilities: GPU_RESOURCES lets it be offered GPU machines; PARTITION_AWARE
   * makes it hear `unreachable` (not `lost`) for tasks on a cut-off agent and keep them if it heals;
   * REVOCABLE_RESOURCES lets it be offered oversubscribed resources (see `master.oversubscription`).
   */
  capabilities: z.array(z.enum(['GPU_RESOURCES', 'PARTITION_AWARE', 'REVOCABLE_RESOURCES'])).default([]),
  /** Per-role minimum allocatable size (alternatives), overriding the allocator's. */
  minAllocatable: z.record(rolePathField, z.array(resourcesField)).optional(),
  /**
   * Mesos FrameworkInfo.failover_timeout: how long the master keeps a disconnected framework's tasks
   * running for its scheduler to come back; then it kills them. Default one week, Marathon's and
   * Chronos's `--failover_timeout` (604800 s).
   */
  failoverTimeout: durationField.default(DEFAULT_FAILOVER_TIMEOUT),
  /**
   * Its priority, an integer (default 0). With `master.preemption` on, a framework's waiting
   * tasks may preempt tasks of frameworks of a lower priority; by convention (Borg's bands)
   * production frameworks are 100 or more, non-production ones below.
   */
  priority: z.number().int().default(0),
  options: z.unknown().optional(),
});

const operation = z.discriminatedUnion(
  'op',
  [
    strictObject({
      at: durationField,
      op: z.literal('update-weight'),
      role: rolePathField,
      weight: z.number().positive(),
    }),
    strictObject({
      at: durationField,
      op: z.literal('update-quota'),
      role: rolePathField,
      guarantees: resourcesField.default({}),
      limits: resourcesField.default({}),
    }),
    strictObject({
      at: durationField,
      op: z.literal('reserve'),
      agent: z.string(),
      role: rolePathField,
      resources: resourcesField,
    }),
    strictObject({
      at: durationField,
      op: z.literal('unreserve'),
      agent: z.string(),
      role: rolePathField,
      resources: resourcesField,
    }),
  ],
  { error: 'expected an operation { "at", "op": "update-weight" | "update-quota" | "reserve" | "unreserve", … }' },
);

const workload = strictObject({
  name: idField.optional(),
  generator: z.string(),
  framework: idField,
  options: z.unknown().optional(),
});

const outputs = strictObject({
  eventLog: z.boolean().default(false),
  /** Width of the report's series bins; default the horizon ÷ 288 in whole seconds (≥ 1 s). */
  seriesStep: positiveDurationField.optional(),
});

const failure = taggedUnion('kind', {
  'machine-crash': strictObject({
    kind: z.literal('machine-crash'),
    at: durationField,
    machine: z.string(),
    recoverAfter: positiveDurationField.optional(),
  }),
  'machine-reboot': strictObject({
    kind: z.literal('machine-reboot'),
    at: durationField,
    machine: z.string(),
    duration: positiveDurationField,
  }),
  'host-failure': strictObject({
    kind: z.literal('host-failure'),
    at: durationField,
    /** A physical host (`topology.machines[].hosts`): every machine on it crashes at once. */
    host: z.string(),
    recoverAfter: positiveDurationField.optional(),
  }),
  'host-reboot': strictObject({
    kind: z.literal('host-reboot'),
    at: durationField,
    host: z.string(),
    duration: positiveDurationField,
  }),
  drain: strictObject({
    kind: z.literal('drain'),
    at: durationField,
    machine: z.string(),
    duration: positiveDurationField.optional(),
  }),
  'switch-failure': strictObject({
    kind: z.literal('switch-failure'),
    at: durationField,
    rack: z.string(),
    duration: positiveDurationField,
  }),
  partition: strictObject({
    kind: z.literal('partition'),
    at: durationField,
    machines: z.array(z.string()).min(1),
    duration: positiveDurationField,
  }),
  /** The operator asserts a machine is gone for good (Mesos's MARK_AGENT_GONE call). */
  'mark-agent-gone': strictObject({
    kind: z.literal('mark-agent-gone'),
    at: durationField,
    machine: z.string(),
  }),
  'master-failover': strictObject({
    kind: z.literal('master-failover'),
    at: durationField,
    duration: durationField.default(10_000_000),
  }),
  /** A framework's scheduler goes down (its leader fails over); a new leader re-registers after `duration`. */
  'framework-failover': strictObject({
    kind: z.literal('framework-failover'),
    at: durationField,
    framework: z.string(),
    duration: positiveDurationField,
  }),
  'random-machine-failures': strictObject({
    kind: z.literal('random-machine-failures'),
    /** Mean time between failures of each machine (exponential). */
    mtbf: positiveDurationField,
    /** Mean time to repair (exponential); the machine comes back empty. */
    mttr: positiveDurationField,
    classes: z.array(z.string()).optional(),
    racks: z.array(z.string()).optional(),
  }),
  'random-switch-failures': strictObject({
    kind: z.literal('random-switch-failures'),
    mtbf: positiveDurationField,
    mttr: positiveDurationField,
    racks: z.array(z.string()).optional(),
  }),
  'random-rack-failures': strictObject({
    kind: z.literal('random-rack-failures'),
    /** Correlated failures: all machines of a rack crash together (power, a shared host). */
    mtbf: positiveDurationField,
    mttr: positiveDurationField,
    racks: z.array(z.string()).optional(),
  }),
});

/**
 * A failure entry of a scenario: one explicit event, or a random schedule.
 *
 * @example
 * ```ts
 * const tor: FailureSpec = { kind: 'switch-failure', at: 7200e6, rack: 'r2', duration: 600e6 };
 * const flaky: FailureSpec = { kind: 'random-machine-failures', mtbf: 30 * 86400e6, mttr: 3600e6 };
 * ```
 */
export type FailureSpec = z.output<typeof failure>;

/**
 * The zod schema of a scenario file.
 *
 * @example
 * ```ts
 * const result = scenarioSchema.safeParse(JSON.parse(text));
 * ```
 */
export const scenarioSchema = strictObject({
  $schema: z.string().optional(),
  name: z.string().default('scenario'),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string()]).default(1),
  horizon: positiveDurationField,
  topology,
  master: master.default({
    allocationInterval: 1_000_000,
    checkInvariants: false,
    isolation: true,
    cfsQuota: false,
    agentPingTimeout: 15_000_000,
    maxAgentPingTimeouts: 5,
    agentReregisterTimeout: 600_000_000,
    agentReregisterSpread: 30_000_000,
  }),
  allocator,
  frameworks: z.array(framework).min(1, 'a scenario needs at least one framework'),
  workloads: z.array(workload).default([]),
  /** Operator actions at given times: weight and quota changes, dynamic reservations. */
  operations: z.array(operation).default([]),
  /** Failures of machines, switches and the master: explicit events and random schedules. */
  failures: z.array(failure).default([]),
  outputs: outputs.default({ eventLog: false }),
  /**
   * Named setups to run side by side on the same workload: each replaces the top-level fields it
   * names (e.g. `allocator`), e.g. `{ "static": { "allocator": … }, "shared": { "allocator": … } }`.
   */
  variants: z.record(idField, z.record(z.string(), z.unknown())).optional(),
});

/**
 * A scenario as written in a file or built in TypeScript (durations as seconds or strings).
 *
 * @example
 * ```ts
 * const input: ScenarioInput = {
 *   horizon: '1h',
 *   topology: { machines: [{ class: 'std', count: 4, resources: { cpus: 8, mem: 32768 } }] },
 *   allocator: { policy: 'drf' },
 *   frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
 * };
 * ```
 */
export type ScenarioInput = z.input<typeof scenarioSchema>;

/**
 * A scenario after parsing: defaults filled in, durations in integer microseconds.
 *
 * @example
 * ```ts
 * const parsed: ParsedScenario = scenarioSchema.parse(input);
 * parsed.master.allocationInterval; // 1_000_000 (the default, 1 s)
 * parsed.seed;                      // 1 unless the scenario sets one
 * ```
 */
export type ParsedScenario = z.output<typeof scenarioSchema>;
