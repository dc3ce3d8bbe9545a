import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../src/core/simulation/records.ts';
import { resolveScenarioPaths } from '../src/core/scenario/paths.ts';
import { resolveVariants } from '../src/core/scenario/variants.ts';
import type { RunReport } from '../src/metrics/runReport.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';
import { createRecorder } from './fixtures/recorder.ts';

/**
 * The seed stories' comparisons, run from their examples: directions (shared beats static, the
 * services stay up), not pinned numbers.
 */

interface Run {
  readonly report: RunReport;
  readonly records: readonly SimRecord[];
}

const cache = new Map<string, Record<string, Run>>();

/** Every variant of an example, run once per test file (the runs take a few seconds each). */
function runExample(file: string): Record<string, Run> {
  const cached = cache.get(file);
  if (cached !== undefined) return cached;
  const registry = createDefaultRegistry();
  const examples = fileURLToPath(new URL('../examples/', import.meta.url));
  // Its trace paths are relative to examples/, as for the CLI.
  const input = resolveScenarioPaths(JSON.parse(readFileSync(join(examples, file), 'utf8')), examples);
  const runs: Record<string, Run> = {};
  for (const { variant, scenario } of resolveVariants(input, registry)) {
    const recorder = createRecorder();
    runs[variant] = {
      report: runSimulation(scenario, { registry, wallClock: false, observers: [recorder] }),
      records: recorder.records,
    };
  }
  cache.set(file, runs);
  return runs;
}

function variant(runs: Record<string, Run>, name: string): Run {
  const run = runs[name];
  if (run === undefined) throw new Error(`no variant "${name}"; have ${Object.keys(runs).join(', ')}`);
  return run;
}

/** CPUs held by a framework's running tasks at time `t` (s), from the launch and end records. */
function cpusRunningAt(records: readonly SimRecord[], frameworkId: string, t: number): number {
  const running = new Map<string, number>();
  for (const r of records) {
    if (r.t > t * 1e6) break;
    if (r.kind === 'task-launched' && r.frameworkId === frameworkId) running.set(r.taskId, r.resources['cpus'] ?? 0);
    if (r.kind === 'task-ended' && r.frameworkId === frameworkId) running.delete(r.taskId);
  }
  return [...running.values()].reduce((a, b) => a + b, 0);
}

/** Mean of a utilization series over the bins that lie in [from, to) seconds. */
function meanOver(report: RunReport, resource: string, from: number, to: number): number {
  const { stepSeconds, allocated } = report.utilization.series;
  const bins = (allocated[resource] ?? []).filter((_, i) => i * stepSeconds >= from && (i + 1) * stepSeconds <= to);
  return bins.reduce((a, b) => a + b, 0) / bins.length;
}

/**
 * Services must stay available once ready. Why 0.99: autoscaling raises an app's desired count
 * before the new instances have launched and passed their health check's grace period (60 s), so
 * each scale-up is a short dip (e.g. 8 of 9 healthy for a minute); over a day these dips cost a
 * few tenths of a percent, while a tier starved of resources (instances waiting for offers for
 * tens of minutes) falls well below 99%.
 */
const AVAILABILITY_SINCE_READY = 0.99;

function expectServicesUp(report: RunReport, label: string): void {
  // Every seed story runs services: an empty list would make the loop below pass vacuously.
  expect(Object.keys(report.services).length, `${label}: services`).toBeGreaterThan(0);
  for (const [id, s] of Object.entries(report.services)) {
    expect(s.sinceReady.atSeconds, `${label}: ${id} never became ready`).not.toBeNull();
    expect(s.sinceReady.availability ?? 0, `${label}: ${id}`).toBeGreaterThanOrEqual(AVAILABILITY_SINCE_READY);
    // Requests failed since ready: under 0.1% (none, once every instance is up and has room).
    expect(s.sinceReady.requestsFailed, `${label}: ${id}`).toBeLessThanOrEqual(0.001 * s.sinceReady.requestsTotal);
  }
}

const HOUR = 3600;

describe('seed story #5, Magento (examples/magento.json): capacity flows from the web tier to Hadoop at night', () => {
  const runs = () => runExample('magento.json');

  it('has the story’s setups: static partitions and a shared cluster', () => {
    expect(Object.keys(runs()).sort()).toEqual(['oversubscribed', 'priorities', 'shared', 'static']);
    const shop = variant(runs(), 'static').report.services;
    expect(Object.keys(shop).sort()).toEqual(['mysql-primary', 'mysql-replica', 'varnish', 'web']);
  });

  it('keeps the web tier (Varnish, web servers, MySQL) available in both setups, and with priorities', () => {
    for (const name of ['static', 'shared', 'priorities']) expectServicesUp(variant(runs(), name).report, name);
  });

  it('oversubscribed without priorities, the morning ramp waits for Hadoop’s regular tasks; preemption removes that wait', () => {
    // The morning-reports job (05:00) holds regular resources the web servers' scale-up needs, and
    // nothing takes them back but the tasks' own end: the web tier dips below the other setups.
    const web = (name: string) => variant(runs(), name).report.services['web']?.sinceReady;
    const oversubscribed = web('oversubscribed');
    const priorities = web('priorities');
    expect(oversubscribed?.atSeconds).not.toBeNull();
    expect(oversubscribed?.minAvailability ?? 1).toBeLessThan(priorities?.minAvailability ?? 0);
    expect(oversubscribed?.availability ?? 1).toBeLessThan(priorities?.availability ?? 0);
    // It still serves: no more failed requests than the other setups allow.
    expect(oversubscribed?.requestsFailed ?? Infinity).toBeLessThanOrEqual(
      0.001 * (oversubscribed?.requestsTotal ?? 0),
    );
  });

  it('scales the web servers down at night (they peak at 50 by day)', () => {
    const { records } = variant(runs(), 'shared');
    const desired = (t: number) =>
      records
        .filter((r) => r.kind === 'framework-fact' && r.fact === 'app' && r.appId === 'web' && r.t <= t * 1e6)
        .map((r) => (r as { desired: number }).desired)
        .at(-1);
    expect(desired(3 * HOUR)).toBeLessThan(15);
    expect(desired(14 * HOUR)).toBe(50);
  });

  it('runs Hadoop on the web servers’ machines at night only when shared', () => {
    const onWebMachines = (run: Run) =>
      run.records.filter(
        (r) => r.kind === 'task-launched' && r.frameworkId === 'hadoop' && r.agentId.startsWith('web-'),
      );
    expect(onWebMachines(variant(runs(), 'static'))).toHaveLength(0);
    const shared = onWebMachines(variant(runs(), 'shared'));
    expect(shared.length).toBeGreaterThan(0);
    // All at night: the job arrives at 01:00 and is done long before the morning peak.
    expect(shared.every((r) => r.t >= 1 * HOUR * 1e6 && r.t < 6 * HOUR * 1e6)).toBe(true);
    // Hadoop holds more CPUs at 01:30 than its own 4 machines have (64).
    expect(cpusRunningAt(variant(runs(), 'shared').records, 'hadoop', 1.5 * HOUR)).toBeGreaterThan(64);
    expect(cpusRunningAt(variant(runs(), 'static').records, 'hadoop', 1.5 * HOUR)).toBeLessThanOrEqual(64);
  });

  it('finishes the nightly Hadoop job sooner when shared, with the cluster busier at night', () => {
    const hadoop = (name: string) => variant(runs(), name).report.frameworks['hadoop'];
    expect(hadoop('static')?.jobsCompleted).toBe(1);
    expect(hadoop('shared')?.jobsCompleted).toBe(1);
    expect(hadoop('shared')?.jobCompletionSeconds.max ?? Infinity).toBeLessThan(
      hadoop('static')?.jobCompletionSeconds.max ?? 0,
    );
    const night = (name: string) => meanOver(variant(runs(), name).report, 'cpus', 1 * HOUR, 2.5 * HOUR);
    expect(night('shared')).toBeGreaterThan(night('static'));
    // Over the whole day the same work is done: allocation is about the same.
    const day = (name: string) => variant(runs(), name).report.utilization.allocated['cpus'] ?? 0;
    expect(day('shared')).toBeGreaterThanOrEqual(day('static') - 0.005);
  });

  describe('oversubscribed: Hadoop also runs on the web tier’s allocated-but-idle resources, which the morning ramp takes back', () => {
    const records = () => variant(runs(), 'oversubscribed').records;
    const revoked = () =>
      records().filter(
        (r): r is Extract<SimRecord, { kind: 'task-ended' }> =>
          r.kind === 'task-ended' && r.reason === 'REASON_CONTAINER_PREEMPTED',
      );

    it('launches Hadoop tasks on revocable resources at night, offered to no other framework', () => {
      const revocableOffers = records().filter((r) => r.kind === 'offer-made' && r.revocable === true);
      expect(revocableOffers.length).toBeGreaterThan(0);
      expect(revocableOffers.every((r) => r.kind === 'offer-made' && r.frameworkId === 'hadoop')).toBe(true);
      const atNight = records().filter(
        (r) => r.kind === 'task-launched' && r.revocable === true && r.t >= 1 * HOUR * 1e6 && r.t < 2 * HOUR * 1e6,
      );
      expect(atNight.length).toBeGreaterThan(0);
      // The other setups have no oversubscription: nothing revocable is ever offered.
      for (const name of ['static', 'shared'])
        expect(variant(runs(), name).records.some((r) => r.kind === 'offer-made' && r.revocable === true)).toBe(false);
    });

    it('revokes them only when the shop’s tasks on that machine use more of their allocation or end', () => {
      const agentOf = new Map<string, string>();
      const lastUsage = new Map<string, number>();
      const causes: string[] = [];
      const kills = revoked();
      expect(kills.length).toBeGreaterThan(0);
      for (const r of records()) {
        if (r.kind === 'task-launched' && r.frameworkId === 'shop') {
          agentOf.set(r.taskId, r.agentId);
          lastUsage.set(r.taskId, r.usage['cpus'] ?? 0);
        }
        if (r.kind === 'task-usage' && r.frameworkId === 'shop') {
          const before = lastUsage.get(r.taskId) ?? 0;
          lastUsage.set(r.taskId, r.usage['cpus'] ?? 0);
          if ((r.usage['cpus'] ?? 0) > before) causes.push(`${r.t} ${agentOf.get(r.taskId)}`);
        }
        if (r.kind === 'task-ended' && r.frameworkId === 'shop') causes.push(`${r.t} ${r.agentId}`);
      }
      for (const kill of kills) expect(causes, `${kill.taskId} at ${kill.t}`).toContain(`${kill.t} ${kill.agentId}`);
    });

    it('takes most of them back during the morning ramp (05:00–09:00), and Hadoop still finishes every task', () => {
      const kills = revoked();
      const morning = kills.filter((r) => r.t >= 5 * HOUR * 1e6 && r.t < 9 * HOUR * 1e6);
      expect(morning.length).toBeGreaterThan(kills.length / 2);
      const hadoop = variant(runs(), 'oversubscribed').report.frameworks['hadoop'];
      expect(hadoop?.tasksRevoked).toBe(kills.length);
      // A revoked task is relaunched without counting as a failed attempt: 2,000 + 600 tasks finish.
      expect(hadoop?.jobsCompleted).toBe(2);
      expect(hadoop?.tasksEnded['finished']).toBe(2600);
    });
  });

  describe('priorities: the web tier (production) preempts Hadoop (non-production) when its morning scale-up waits', () => {
    const records = () => variant(runs(), 'priorities').records;
    const preemptions = () =>
      records().filter((r): r is Extract<SimRecord, { kind: 'tasks-preempted' }> => r.kind === 'tasks-preempted');
    const shopLaunches = () =>
      records().filter(
        (r): r is Extract<SimRecord, { kind: 'task-launched' }> =>
          r.kind === 'task-launched' && r.frameworkId === 'shop',
      );
    // The example's settings: preemption after 30 s, the default 1 s allocation interval, and the
    // shop's think time of 20 ms + 2 ms per launched task (a reply launches at most a few).
    const AFTER = 30;
    const INTERVAL = 1;
    const THINK = 0.02 + 0.002 * 10;

    it('preempts only for the shop, only while it has tasks waiting and has launched none for 30 s', () => {
      const list = preemptions();
      expect(list.length).toBeGreaterThan(0);
      for (const p of list) {
        expect(p.frameworkId).toBe('shop');
        const pendingBefore = records().filter(
          // Strictly before: the offer made in that run is taken in the same instant, zeroing the count.
          (r) => r.kind === 'framework-pending' && r.frameworkId === 'shop' && r.t < p.t,
        );
        const last = pendingBefore[pendingBefore.length - 1];
        expect(last?.kind === 'framework-pending' ? last.tasks : 0, `pending at ${p.t}`).toBeGreaterThan(0);
        const recent = shopLaunches().filter((r) => r.t > p.t - AFTER * 1e6 && r.t < p.t);
        expect(recent, `shop launches in the 30 s before ${p.t}`).toEqual([]);
      }
    });

    it('takes only Hadoop’s tasks, during the morning ramp (05:00–09:00), and gives the room to a web server at once', () => {
      const list = preemptions();
      expect(list.length).toBeGreaterThan(0);
      const victims = list.flatMap((p) => p.victims);
      expect(victims.every((v) => v.frameworkId === 'hadoop')).toBe(true);
      expect(list.every((p) => p.t >= 5 * HOUR * 1e6 && p.t < 9 * HOUR * 1e6)).toBe(true);
      for (const p of list) {
        const next = shopLaunches().find((r) => r.t >= p.t && r.agentId === p.agentId);
        expect(next, `a shop launch on ${p.agentId} after ${p.t}`).toBeDefined();
        expect(((next?.t ?? Infinity) - p.t) / 1e6).toBeLessThanOrEqual(THINK);
        expect(next?.resources).toEqual(p.need);
      }
      const report = variant(runs(), 'priorities').report;
      expect(report.frameworks['hadoop']?.tasksPreempted).toBe(victims.length);
      expect(report.frameworks['shop']?.preemptions).toBe(list.length);
      // Preempted tasks are relaunched without counting as failed attempts: all 2,600 finish.
      expect(report.frameworks['hadoop']?.tasksEnded['finished']).toBe(2600);
      // No other setup preempts.
      for (const name of ['static', 'shared', 'oversubscribed'])
        expect(variant(runs(), name).records.some((r) => r.kind === 'tasks-preempted')).toBe(false);
    });

    it('bounds every web-tier wait by afterSeconds + an allocation interval + think time', () => {
      const waits = shopLaunches().map((r) => r.waitSeconds ?? 0);
      expect(waits.length).toBeGreaterThan(0);
      expect(Math.max(...waits)).toBeLessThanOrEqual(AFTER + INTERVAL + THINK);
      // It did wait that long in the morning: preemption, not spare capacity, made the room.
      expect(Math.max(...waits)).toBeGreaterThanOrEqual(AFTER);
    });
  });
});

describe('seed story #5, Magento (examples/magento.json): a dead web server is worked around in a minute or two', () => {
  const runs = () => runExample('magento.json');
  const CRASH = 14 * HOUR;

  it('the web tier dips by the dead server’s share and is back once Marathon has replaced its instances', () => {
    for (const name of ['static', 'shared']) {
      const { report, records } = variant(runs(), name);
      // The web instances on web-3 at 14:00, from the launch and end records (desired is 50 at the peak).
      const onDead = new Set<string>();
      for (const r of records) {
        if (r.t > CRASH * 1e6) break;
        if (r.kind === 'task-launched' && r.agentId === 'web-3' && r.taskId.startsWith('web.')) onDead.add(r.taskId);
        if (r.kind === 'task-ended') onDead.delete(r.taskId);
      }
      expect(onDead.size, name).toBeGreaterThan(0);
      const web = report.services['web'];
      const { atSeconds, available } = web?.timeline ?? { atSeconds: [], available: [] };
      const at = atSeconds.indexOf(CRASH);
      // Clients (HAProxy) stop reaching the dead instances at once: availability (50 − k)/50.
      expect(available[at], name).toBeCloseTo((50 - onDead.size) / 50, 12);
      // 14:00 = 50,400 s is a ping of every agent (pinged every 15 s since registering at 0): the
      // master marks web-3 unreachable 5 × 15 = 75 s later; Marathon hears `lost`, relaunches on the
      // offers it gets at once, and each new instance passes its first check as it starts.
      const back = atSeconds.findIndex((_, i) => i > at && available[i] === 1);
      const recovery = (atSeconds[back] ?? Infinity) - CRASH;
      expect(recovery, name).toBeGreaterThanOrEqual(75);
      expect(recovery, name).toBeLessThan(77); // "a minute or two"
      // Until then requests sent to the dead instances fail: k/50 of ~3,500 rps for 75 s.
      const failedAround = (k: number) => (k / 50) * 3500 * 75;
      expect(web?.requests.failed ?? 0, name).toBeGreaterThan(0.95 * failedAround(onDead.size));
      expect(web?.requests.failed ?? 0, name).toBeLessThan(1.05 * failedAround(onDead.size));
    }
  });
});

describe('seed story #4, Agoda (examples/agoda.json): static partitions waste capacity that sharing recovers', () => {
  const runs = () => runExample('agoda.json');
  const report = (name: string) => variant(runs(), name).report;

  it('has the story’s setups', () => {
    expect(Object.keys(runs()).sort()).toEqual(['shared', 'shared-smaller', 'static']);
    expect(report('static').cluster.machines).toBe(22);
    expect(report('shared').cluster.machines).toBe(22);
    expect(report('shared-smaller').cluster.machines).toBeLessThan(22);
  });

  it('statically, leaves the Hadoop partition under half busy and the Java services idle at night', () => {
    // Hadoop owns 8 of the 22 machines: its share of the cluster ÷ 8/22 is its partition's use.
    const hadoop = (report('static').utilization.byFramework['hadoop']?.['cpus'] ?? 1) / (8 / 22);
    expect(hadoop).toBeLessThan(0.5);
    expect(hadoop).toBeGreaterThan(0.2);
    const { records } = variant(runs(), 'static');
    const java = 8 * 16;
    expect(cpusRunningAt(records, 'services', 14 * HOUR) / java).toBeGreaterThan(0.5); // busy by day
    expect(cpusRunningAt(records, 'services', 3 * HOUR) / java).toBeLessThan(0.2); // almost idle at night
  });

  it('keeps every service (Kafka, Cassandra, the Java services) available in every setup', () => {
    for (const name of ['static', 'shared', 'shared-smaller']) expectServicesUp(report(name), name);
  });

  it('on the same machines, shared: Hadoop’s bursts use idle capacity, so its jobs wait less and finish sooner', () => {
    const hadoop = (name: string) => report(name).frameworks['hadoop'];
    expect(hadoop('shared')?.jobsCompleted).toBeGreaterThanOrEqual(hadoop('static')?.jobsCompleted ?? Infinity);
    expect(hadoop('shared')?.jobCompletionSeconds.mean ?? Infinity).toBeLessThan(
      hadoop('static')?.jobCompletionSeconds.mean ?? 0,
    );
    expect(hadoop('shared')?.jobCompletionSeconds.p95 ?? Infinity).toBeLessThan(
      hadoop('static')?.jobCompletionSeconds.p95 ?? 0,
    );
    expect(hadoop('shared')?.taskWaitSeconds.mean ?? Infinity).toBeLessThan(
      hadoop('static')?.taskWaitSeconds.mean ?? 0,
    );
    // The same work on the same machines: utilization about equal, not lower.
    expect(report('shared').utilization.allocated['cpus'] ?? 0).toBeGreaterThanOrEqual(
      (report('static').utilization.allocated['cpus'] ?? 0) - 0.005,
    );
  });

  it('on fewer machines, shared: the same work at higher utilization (allocated and used), Hadoop about as fast', () => {
    for (const kind of ['allocated', 'used'] as const) {
      for (const resource of ['cpus', 'mem']) {
        const smaller = report('shared-smaller').utilization[kind][resource] ?? 0;
        const fixed = report('static').utilization[kind][resource] ?? 1;
        expect(smaller, `${kind} ${resource}`).toBeGreaterThan(fixed * 1.2);
      }
    }
    const hadoop = (name: string) => report(name).frameworks['hadoop'];
    expect(hadoop('shared-smaller')?.jobsCompleted).toBeGreaterThanOrEqual(hadoop('static')?.jobsCompleted ?? Infinity);
    // Within 10%: the bursts now compete with the services by day, but use the night's idle machines.
    expect(hadoop('shared-smaller')?.jobCompletionSeconds.mean ?? Infinity).toBeLessThan(
      1.1 * (hadoop('static')?.jobCompletionSeconds.mean ?? 0),
    );
  });
});

describe('seed story #4, Agoda (examples/agoda.json): an OpenStack host reboot takes down every VM on it', () => {
  const runs = () => runExample('agoda.json');
  const REBOOT = 10.5 * HOUR;
  // Round-robin dealing: the 8 java VMs over hosts os-1..os-3 put java-0, java-3, java-6 on os-1;
  // the 16 std VMs of 'shared-smaller' over os-1..os-6 put std-0, std-6, std-12 there.
  const onHost: Record<string, readonly string[]> = {
    static: ['java-0', 'java-3', 'java-6'],
    shared: ['java-0', 'java-3', 'java-6'],
    'shared-smaller': ['std-0', 'std-6', 'std-12'],
  };

  it('is one incident of the host’s 3 VMs, noticed 75 s later, every task on them lost at that moment', () => {
    for (const [name, vms] of Object.entries(onHost)) {
      const { report, records } = variant(runs(), name);
      // Tasks on the host's VMs at 10:30, from the launch and end records.
      const running = new Set<string>();
      for (const r of records) {
        if (r.t > REBOOT * 1e6) break;
        if (r.kind === 'task-launched' && vms.includes(r.agentId)) running.add(r.taskId);
        if (r.kind === 'task-ended') running.delete(r.taskId);
      }
      expect(running.size, name).toBeGreaterThan(0);
      // 10:30 = 37,800 s is a multiple of the 15 s ping interval every agent has kept since it
      // registered at 0: the ping then goes unanswered, and the 5th timeout comes 75 s later.
      expect(report.failures.incidents, name).toEqual([
        expect.objectContaining({
          atSeconds: REBOOT,
          cause: 'host os-1 reboot',
          machines: 3,
          detectedAfterSeconds: 75,
          tasksLost: running.size,
          recoveredAfterSeconds: 600,
        }),
      ]);
      const lost = records.filter((r) => r.kind === 'task-ended' && running.has(r.taskId));
      expect(
        lost.map((r) => (r.kind === 'task-ended' ? [r.state, r.t / 1e6] : [])),
        name,
      ).toEqual([...running].map(() => ['lost', REBOOT + 75]));
      // The Java services' lost instances are relaunched on other machines before the host is back.
      const servicesLost = lost.filter((r) => r.kind === 'task-ended' && r.frameworkId === 'services').length;
      const relaunched = records.filter(
        (r) =>
          r.kind === 'task-launched' &&
          r.frameworkId === 'services' &&
          r.t >= (REBOOT + 75) * 1e6 &&
          r.t < (REBOOT + 600) * 1e6 &&
          !vms.includes(r.agentId),
      );
      expect(relaunched.length, name).toBeGreaterThanOrEqual(servicesLost);
    }
  });
});

describe('day/night replay of a real trace (examples/day-night-replay.json)', () => {
  const TRACE = 'traces/wikipedia-en-hourly/hourly-views-2014-03.csv';
  const run = () => variant(runExample('day-night-replay.json'), 'day-night-replay');

  it('ships the trace excerpt its README describes (read with a plain split, not the reader)', () => {
    const lines = readFileSync(TRACE, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time,views');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(336);
    expect(rows.every((r, i) => r[0] === i * 3600)).toBe(true); // hourly, no gap
    expect(rows.reduce((sum, r) => sum + (r[1] ?? 0), 0)).toBe(3_374_561_667);
  });

  it('runs a week, keeps the service available, and follows the trace: busier hours, more jobs and instances', () => {
    const { report, records } = run();
    expect(report.simulatedSeconds).toBe(7 * 24 * HOUR);
    expectServicesUp(report, 'replay');
    // Hours of the day ranked by the trace's mean views over its first week (UTC).
    const rows = readFileSync(TRACE, 'utf8')
      .trim()
      .split('\n')
      .slice(1, 1 + 7 * 24)
      .map((l) => l.split(',').map(Number));
    const byHour = Array.from({ length: 24 }, (_, h) =>
      rows.filter((_, i) => i % 24 === h).reduce((s, r) => s + (r[1] ?? 0), 0),
    );
    const ranked = byHour
      .map((v, h) => [v, h] as const)
      .sort((a, b) => b[0] - a[0])
      .map(([, h]) => h);
    const busiest = new Set(ranked.slice(0, 6));
    const quietest = new Set(ranked.slice(-6));
    const hourOf = (t: number) => Math.floor((t / 1e6 / HOUR) % 24);
    const jobs = records.filter((r) => r.kind === 'job-submitted');
    const inHours = (hours: Set<number>) => jobs.filter((r) => hours.has(hourOf(r.t))).length;
    expect(inHours(busiest)).toBeGreaterThan(inHours(quietest));
    // The autoscaler's desired instances (a step function of its facts), averaged over the same hours.
    const facts = records.filter(
      (r) => r.kind === 'framework-fact' && r.fact === 'app' && r.appId === 'wiki-web',
    ) as unknown as { t: number; desired: number }[];
    const desiredAt = (t: number) => facts.filter((r) => r.t <= t).at(-1)?.desired ?? 0;
    const mean = (hours: Set<number>) => {
      const samples = Array.from({ length: 7 }, (_, d) =>
        [...hours].map((h) => desiredAt((d * 24 + h + 0.5) * HOUR * 1e6)),
      ).flat();
      return samples.reduce((a, b) => a + b, 0) / samples.length;
    };
    expect(mean(busiest)).toBeGreaterThan(mean(quietest));
  });
});
