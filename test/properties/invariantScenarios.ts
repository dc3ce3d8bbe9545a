import fc from 'fast-check';
import type { ScenarioInput } from '../../src/core/scenario/schema.ts';

/** Every allocator policy the default registry has. */
export const ALLOCATORS = ['drf', 'asset-fairness', 'random', 'fifo', 'static-partition', 'monolithic'] as const;
/** Every framework kind the default registry has. */
export const FRAMEWORKS = ['batch-first-fit', 'elastic-batch', 'rigid-batch', 'marathon', 'chronos'] as const;

type FrameworkKind = (typeof FRAMEWORKS)[number];
type AllocatorName = (typeof ALLOCATORS)[number];

const MESOS: readonly AllocatorName[] = ['drf', 'asset-fairness', 'random', 'fifo'];
const ROLE: Record<FrameworkKind, string> = {
  'batch-first-fit': 'batch',
  'elastic-batch': 'batch/etl',
  'rigid-batch': 'hpc',
  marathon: 'web',
  chronos: 'ops',
};

/** Work arrives and failures start within this, so every run sees both. */
const ACTIVE_SECONDS = 1200;
const HORIZON = '30m';

const seconds = (max: number) => fc.integer({ min: 0, max }).map((s) => `${s}s`);

/**
 * Every framework's failover timeout in these runs: a framework failover lasts 1–180 s, so its
 * scheduler comes back within the timeout or after it (its tasks then killed by the master).
 */
export const FAILOVER_TIMEOUT_SECONDS = 60;
const lasting = fc.integer({ min: 1, max: 600 }).map((s) => `${s}s`);

const machineClass = (name: string) =>
  fc.record({
    class: fc.constant(name),
    count: fc.integer({ min: 2, max: 4 }),
    resources: fc.record({
      cpus: fc.integer({ min: 2, max: 8 }),
      mem: fc.integer({ min: 2, max: 8 }).map((g) => g * 1024),
    }),
    reserveWeb: fc.boolean(),
  });

const topologyArb = fc.record({
  racks: fc.integer({ min: 1, max: 3 }),
  classes: fc.tuple(machineClass('a'), fc.option(machineClass('b'), { nil: undefined })),
});

type TopologyDraw = typeof topologyArb extends fc.Arbitrary<infer T> ? T : never;

function machineIds(topology: TopologyDraw): string[] {
  return topology.classes.flatMap((c) =>
    c === undefined ? [] : Array.from({ length: c.count }, (_, i) => `${c.class}-${i}`),
  );
}

function failureArb(machines: readonly string[], racks: number, frameworkIds: readonly string[]) {
  const at = seconds(ACTIVE_SECONDS);
  const machine = fc.constantFrom(...machines);
  const rack = fc.integer({ min: 1, max: racks }).map((r) => `r${r}`);
  return fc.oneof(
    fc.record({ kind: fc.constant('machine-crash'), at, machine, recoverAfter: lasting }),
    fc.record({ kind: fc.constant('machine-crash'), at, machine }),
    fc.record({ kind: fc.constant('machine-reboot'), at, machine, duration: lasting }),
    fc.record({ kind: fc.constant('mark-agent-gone'), at, machine }),
    fc.record({ kind: fc.constant('drain'), at, machine, duration: lasting }),
    fc.record({ kind: fc.constant('switch-failure'), at, rack, duration: lasting }),
    fc.record({
      kind: fc.constant('partition'),
      at,
      machines: fc.subarray([...machines], { minLength: 1 }),
      duration: lasting,
    }),
    fc.record({ kind: fc.constant('master-failover'), at, duration: seconds(90) }),
    fc.record({
      kind: fc.constant('framework-failover'),
      at,
      framework: fc.constantFrom(...frameworkIds),
      duration: fc.integer({ min: 1, max: 3 * FAILOVER_TIMEOUT_SECONDS }).map((s) => `${s}s`),
    }),
    fc.record({
      kind: fc.constant('random-machine-failures'),
      mtbf: fc.constantFrom('20m', '1h'),
      mttr: fc.constantFrom('2m', '10m'),
    }),
  );
}

function operationArb(machines: readonly string[]) {
  const at = seconds(ACTIVE_SECONDS);
  const role = fc.constantFrom('batch', 'web', 'hpc', 'ops');
  const small = fc.record({ cpus: fc.integer({ min: 1, max: 2 }) });
  return fc.oneof(
    fc.record({ at, op: fc.constant('update-weight'), role, weight: fc.integer({ min: 1, max: 4 }) }),
    fc.record({
      at,
      op: fc.constant('update-quota'),
      role,
      guarantees: fc.record({ cpus: fc.integer({ min: 0, max: 4 }) }),
      limits: fc.record({ cpus: fc.integer({ min: 1, max: 8 }) }),
    }),
    fc.record({ at, op: fc.constant('reserve'), agent: fc.constantFrom(...machines), role, resources: small }),
    fc.record({ at, op: fc.constant('unreserve'), agent: fc.constantFrom(...machines), role, resources: small }),
  );
}

type FrameworkSpec = Record<string, unknown> & { readonly id: string; readonly scheduler: FrameworkKind };

function frameworkOf(kind: FrameworkKind, index: number): FrameworkSpec {
  const id = `f${index}-${kind}`;
  const base = { id, scheduler: kind, roles: [ROLE[kind]], failoverTimeout: `${FAILOVER_TIMEOUT_SECONDS}s` };
  switch (kind) {
    case 'marathon':
      return {
        ...base,
        capabilities: index % 2 === 0 ? ['PARTITION_AWARE'] : [],
        options: {
          apps: [
            {
              id: 'svc',
              instances: 3,
              resources: { cpus: 1, mem: 512 },
              constraints: [['hostname', 'UNIQUE']],
              // Tasks that stage before they run and are killed with a grace period.
              startupDelay: { dist: 'uniform', min: '5s', max: '40s' },
              killGraceSeconds: 3,
            },
            { id: 'api', instances: 2, resources: { cpus: 0.5, mem: 256 }, events: [{ at: '10m', scale: 4 }] },
          ],
        },
      };
    case 'chronos':
      return {
        ...base,
        options: {
          epoch: '2026-01-01T00:00:00Z',
          jobs: [
            { name: 'tick', schedule: 'R/2026-01-01T00:01:00Z/PT5M', resources: { cpus: 1, mem: 256 }, duration: '2m' },
            { name: 'after', parents: ['tick'], resources: { cpus: 0.5, mem: 128 }, duration: '1m', retries: 1 },
          ],
        },
      };
    case 'rigid-batch':
      return { ...base, options: { hoardingTimeoutSeconds: 30, maxAttempts: 5 } };
    case 'batch-first-fit':
      return { ...base, capabilities: index % 2 === 0 ? ['PARTITION_AWARE'] : [], options: { maxAttempts: 5 } };
    default:
      return { ...base, options: { maxAttempts: 5 } };
  }
}

/** Static partitions need a machine per framework at least: fewer kinds when machines are few. */
function kindsOf(
  allocator: AllocatorName,
  kinds: readonly FrameworkKind[],
  machines: number,
): readonly FrameworkKind[] {
  return allocator === 'static-partition' ? kinds.slice(0, machines) : kinds;
}

function batchWorkload(framework: FrameworkSpec, jobs: number): Record<string, unknown> {
  return {
    name: `w-${framework.id}`,
    generator: 'batch-jobs',
    framework: framework.id,
    options: {
      arrivals: { process: 'poisson', meanInterval: '90s' },
      jobs,
      tasks: { dist: 'uniform', min: 1, max: 3 },
      resources: { cpus: 1, mem: 512 },
      duration: { dist: 'exponential', mean: '3m' },
    },
  };
}

/**
 * Random small scenarios for the invariant property: a topology (1–3 racks, one or two machine
 * classes of 2–4 machines, under the Mesos policies sometimes with resources reserved to the `web`
 * role), any allocator,
 * a non-empty set of framework kinds with their work, a random failure schedule and, under the
 * Mesos policies, random operator operations (weights, quota, reservations).
 */
export const invariantScenarioArb: fc.Arbitrary<ScenarioInput> = fc
  .record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    allocator: fc.constantFrom(...ALLOCATORS),
    topology: topologyArb,
    kinds: fc.subarray([...FRAMEWORKS], { minLength: 1 }),
    jobs: fc.integer({ min: 2, max: 10 }),
    quotaLimit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
    offerTimeout: fc.option(fc.constantFrom('3s', '30s'), { nil: undefined }),
    allocationInterval: fc.constantFrom('1s', '5s'),
    thinkSeconds: fc.integer({ min: 0, max: 3 }),
  })
  .chain((draw) => {
    const machines = machineIds(draw.topology);
    const frameworkIds = kindsOf(draw.allocator, draw.kinds, machines.length).map((kind, i) => frameworkOf(kind, i).id);
    return fc.record({
      draw: fc.constant(draw),
      failures: fc.array(failureArb(machines, draw.topology.racks, frameworkIds), { maxLength: 5 }),
      operations: MESOS.includes(draw.allocator) ? fc.array(operationArb(machines), { maxLength: 4 }) : fc.constant([]),
    });
  })
  .map(({ draw, failures, operations }): ScenarioInput => {
    const machines = machineIds(draw.topology);
    const kinds = kindsOf(draw.allocator, draw.kinds, machines.length);
    const frameworks = kinds.map((kind, i) => ({
      ...frameworkOf(kind, i),
      thinkTime: { base: `${draw.thinkSeconds}s` },
    }));
    const each = Math.floor(machines.length / frameworks.length);
    const partitions = Object.fromEntries(frameworks.map((f) => [f.id, { count: each }]));
    const mesos = MESOS.includes(draw.allocator);
    const allocator =
      draw.allocator === 'static-partition'
        ? { policy: draw.allocator, options: { partitions } }
        : mesos && draw.quotaLimit !== undefined
          ? { policy: draw.allocator, options: { roles: { batch: { quota: { limits: { cpus: draw.quotaLimit } } } } } }
          : { policy: draw.allocator };
    return {
      seed: draw.seed,
      horizon: HORIZON,
      master: {
        allocationInterval: draw.allocationInterval,
        ...(draw.offerTimeout === undefined ? {} : { offerTimeout: draw.offerTimeout }),
      },
      topology: {
        racks: draw.topology.racks,
        machines: draw.topology.classes.flatMap((c) =>
          c === undefined
            ? []
            : [
                {
                  class: c.class,
                  count: c.count,
                  resources: c.resources,
                  ...(c.reserveWeb ? { reserved: { web: { cpus: 1, mem: 512 } } } : {}),
                },
              ],
        ),
      },
      allocator,
      frameworks,
      workloads: frameworks
        .filter((f) => f.scheduler !== 'marathon' && f.scheduler !== 'chronos')
        .map((f) => batchWorkload(f, draw.jobs)),
      failures,
      operations,
    } as unknown as ScenarioInput;
  });
