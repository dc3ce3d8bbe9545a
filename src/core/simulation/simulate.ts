import { createEventLogWriting } from '../kernel/eventLog.ts';
import { createEventLoop } from '../kernel/eventLoop.ts';
import { createRng } from '../kernel/rng.ts';
import { microsToSeconds, secondsToMicros, type Micros } from '../kernel/time.ts';
import { expandFailures, type FailureEvent } from '../failures/schedule.ts';
import { DecisionError, Master } from '../master/master.ts';
import type { WorkloadSource } from '../plugins/workload.ts';
import type { ResolvedScenario } from '../scenario/resolve.ts';
import { EVENT_PRIORITY, type SimEvent } from './events.ts';
import { InvariantChecker } from './invariants/invariantChecker.ts';
import { recordLine } from './recordLine.ts';
import type { SimObserver, SimRecord } from './records.ts';

/**
 * Options of {@link simulate}.
 *
 * @example
 * ```ts
 * const chunks: string[] = [];
 * const options: SimulateOptions = { eventLogSink: (chunk) => chunks.push(chunk), observers: [createUtilizationObserver(scenario.horizon)] };
 * simulate(scenario, options);
 * ```
 */
export interface SimulateOptions {
  /** Watch every record as it happens (metrics). */
  readonly observers?: readonly SimObserver[];
  /** Receives the event log as JSONL chunks, in order. */
  readonly eventLogSink?: (chunk: string) => void;
  /** Called now and then with the simulated time reached (µs) and the horizon. */
  readonly onProgress?: (now: Micros, horizon: Micros) => void;
  /** Let trace readers skip (and count) malformed rows instead of failing. */
  readonly skipBadRows?: boolean;
  /** Verify every invariant after every event (the invariants of `InvariantViolation`); slow, off by default. */
  readonly checkInvariants?: boolean;
}

/**
 * What the kernel reports about a finished run.
 *
 * @example
 * ```ts
 * const result: SimulationResult = simulate(resolveScenario(input, createDefaultRegistry()));
 * microsToSeconds(result.simulatedMicros); // the horizon, in seconds
 * result.eventLogHash;                     // same scenario and seed ⇒ same hash
 * ```
 */
export interface SimulationResult {
  readonly eventsProcessed: number;
  readonly records: number;
  readonly simulatedMicros: Micros;
  /** SHA-256 of the JSONL event log. */
  readonly eventLogHash: string;
  /** Per workload, rows of its input skipped as malformed. */
  readonly skippedRows: Readonly<Record<string, number>>;
}

const PROGRESS_EVERY = 1 << 14;

/**
 * Runs a validated scenario to its horizon. Deterministic: the same scenario and seed give the
 * same records, in the same order, and so the same hash.
 *
 * @example
 * ```ts
 * const result = simulate(resolveScenario(input, createDefaultRegistry()));
 * result.eventLogHash; // pinned by golden tests
 * ```
 */
export function simulate(scenario: ResolvedScenario, options: SimulateOptions = {}): SimulationResult {
  const loop = createEventLoop<SimEvent>();
  const rng = createRng(scenario.seed);
  const check = options.checkInvariants === true || scenario.master.checkInvariants;
  const checker = check
    ? new InvariantChecker({
        machines: scenario.topology.machines,
        scenario: scenario.name,
        seed: scenario.seed,
        inspect: () => master.inspect(),
      })
    : undefined;
  const observers = checker === undefined ? (options.observers ?? []) : [checker.log, ...(options.observers ?? [])];
  const log = createEventLogWriting(
    recordLine,
    options.eventLogSink === undefined ? {} : { sink: options.eventLogSink },
  );
  const emit = (record: SimRecord): void => {
    log.append(record);
    for (const observer of observers) observer.observe(record);
  };
  const schedule = (delay: Micros, event: SimEvent): void =>
    loop.schedule(loop.now + delay, EVENT_PRIORITY[event.kind], event);
  const { topology, master: masterConfig } = scenario;

  // The master is made after its allocator; the allocator reaches it through this. A new master
  // (after a failover) gets a new allocator from the same plugin and options.
  let requestAllocation = (_agentId: string): void => {
    throw new DecisionError('the allocator asked for a run while it was being created');
  };
  const allocatorRng = rng.fork('allocator');
  let allocators = 0;
  const createAllocator = () =>
    scenario.allocator.plugin.create(scenario.allocator.options, {
      now: () => loop.now,
      topology,
      rng: allocators++ === 0 ? allocatorRng : allocatorRng.fork(`after-failover-${allocators - 1}`),
      allocationInterval: masterConfig.allocationInterval,
      requestAllocation: (agentId) => requestAllocation(agentId),
    });
  const frameworks = scenario.frameworks.map((f) => ({
    id: f.id,
    roles: f.roles,
    gpuCapable: f.gpuCapable,
    partitionAware: f.partitionAware,
    revocable: f.revocable,
    priority: f.priority,
    minAllocatable: f.minAllocatable,
    thinkTime: f.thinkTime,
    failoverTimeout: f.failoverTimeout,
    scheduler: f.plugin.create(f.options, {
      frameworkId: f.id,
      roles: f.roles,
      nowSeconds: () => microsToSeconds(loop.now),
      rng: rng.fork(`framework/${f.id}`),
      topology,
    }),
  }));
  const master = new Master({
    now: () => loop.now,
    schedule,
    emit,
    createAllocator,
    topology,
    allocationInterval: masterConfig.allocationInterval,
    offerTimeout: masterConfig.offerTimeout,
    isolation: masterConfig.isolation,
    cfsQuota: masterConfig.cfsQuota,
    oversubscription: masterConfig.oversubscription,
    preemption:
      masterConfig.preemption?.enabled === true
        ? { after: secondsToMicros(masterConfig.preemption.afterSeconds) }
        : undefined,
    failureTiming: {
      pingTimeout: masterConfig.agentPingTimeout,
      maxPingTimeouts: masterConfig.maxAgentPingTimeouts,
      reregisterTimeout: masterConfig.agentReregisterTimeout,
      reregisterSpread: masterConfig.agentReregisterSpread,
    },
    failoverRng: rng.fork('failover'),
    frameworks,
  });
  requestAllocation = (agentId) => master.requestAllocation(agentId);
  const sources: WorkloadSource[] = scenario.workloads.map((w) =>
    w.plugin.create(w.options, {
      rng: rng.fork(`workload/${w.name}`),
      topology,
      horizon: scenario.horizon,
      frameworkId: w.frameworkId,
      jobIdPrefix: w.name,
      skipBadRows: options.skipBadRows ?? false,
    }),
  );
  const queueNextArrival = (index: number): void => {
    const arrival = sources[index]?.next();
    if (arrival === undefined || arrival.time > scenario.horizon) return;
    if (!Number.isInteger(arrival.time) || arrival.time < loop.now) {
      throw new DecisionError(
        `workload "${scenario.workloads[index]?.name}" produced an arrival at ${arrival.time} µs, before now (${loop.now} µs)`,
      );
    }
    loop.schedule(arrival.time, EVENT_PRIORITY.arrival, { kind: 'arrival', source: index, arrival });
  };

  emit({ t: 0, kind: 'run-started', scenario: scenario.name, seed: scenario.seed, horizon: scenario.horizon });
  master.start();
  master.afterEvent();
  sources.forEach((_, i) => queueNextArrival(i));
  const failures = expandFailures(scenario.failures, topology, scenario.horizon, rng.fork('failures'));
  failures.forEach((failure, index) => loop.schedule(failure.at, EVENT_PRIORITY.failure, { kind: 'failure', index }));
  scenario.operations.forEach((operation, index) => {
    if (operation.at <= scenario.horizon)
      loop.schedule(operation.at, EVENT_PRIORITY.operation, { kind: 'operation', index });
  });

  loop.run(scenario.horizon, (event) => {
    switch (event.kind) {
      case 'allocate':
        master.allocate(event.batch);
        break;
      case 'estimate-revocable':
        master.estimateRevocable();
        break;
      case 'framework-actions':
        master.applyActions(event.frameworkId, event.actions);
        break;
      case 'task-end':
        master.finishTask(event.taskKey, event.version);
        break;
      case 'task-kill':
        master.endKilledTask(event.taskKey);
        break;
      case 'task-start':
        master.startTask(event.taskKey);
        break;
      case 'offer-expired':
        master.expireOffer(event.offerId);
        break;
      case 'arrival':
        master.submitJob(event.arrival);
        queueNextArrival(event.source);
        break;
      case 'framework-timer':
        master.fireTimer(event.frameworkId, event.tag);
        break;
      case 'failure':
        master.failures.apply(failures[event.index] as FailureEvent);
        break;
      case 'agent-detect':
        master.failures.detect(event.agentId, event.epoch);
        break;
      case 'agent-return':
        master.failures.returned(event.agentId, event.what);
        break;
      case 'master-elected':
        master.failures.elected();
        break;
      case 'agent-reregister':
        master.failures.reregister(event.agentId, event.failover);
        break;
      case 'reregister-timeout':
        master.failures.reregisterTimeout(event.failover);
        break;
      case 'framework-return':
        master.frameworkFailovers.returned(event.frameworkId, event.failover);
        break;
      case 'framework-failover-timeout':
        master.frameworkFailovers.timedOut(event.frameworkId, event.failover);
        break;
      case 'operation': {
        const { at: _at, ...operation } = scenario.operations[event.index] as ResolvedScenario['operations'][number];
        master.operate(operation);
        break;
      }
    }
    master.afterEvent();
    if (checker !== undefined) checker.afterEvent({ timeMicros: loop.now, kind: event.kind, index: loop.processed });
    if (options.onProgress !== undefined && loop.processed % PROGRESS_EVERY === 0)
      options.onProgress(loop.now, scenario.horizon);
  });
  emit({ t: scenario.horizon, kind: 'run-ended' });
  return {
    eventsProcessed: loop.processed,
    records: log.count,
    simulatedMicros: scenario.horizon,
    eventLogHash: log.digest(),
    skippedRows: Object.fromEntries(scenario.workloads.map((w, i) => [w.name, sources[i]?.skippedRows?.() ?? 0])),
  };
}
