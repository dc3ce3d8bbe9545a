import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SimRecord } from '../../../../src/core/simulation/records.ts';
import type { RunReport } from '../../../../src/metrics/runReport.ts';
import { parseScenarioText } from '../../../../src/core/scenario/resolve.ts';
import { runSimulation } from '../../../../src/run.ts';
import { createRecorder } from '../../../fixtures/recorder.ts';
import { marathonRegistry } from './marathonHarness.ts';

const YODEL = new URL('../../../../examples/yodel.json', import.meta.url);

describe('examples/yodel.json (seed story #2)', () => {
  const recorder = createRecorder();
  let searchFacts: Extract<SimRecord, { kind: 'framework-fact' }>[] = [];
  let report: RunReport;
  const registry = marathonRegistry();
  const scenario = parseScenarioText(readFileSync(YODEL, 'utf8'), registry, 'yodel.json');
  beforeAll(() => {
    report = runSimulation(scenario, { registry, observers: [recorder], wallClock: false });
    searchFacts = recorder.of('framework-fact').filter((f) => 'appId' in f && f.appId === 'search');
  });

  it('runs 20 services × 3 instances = 60 containers on 4 machines, plus one canary', () => {
    const launched = recorder.of('task-launched');
    expect(new Set(recorder.of('agent-added').map((a) => a.agentId)).size).toBe(4);
    expect(launched.filter((l) => l.taskId.includes('.v1.'))).toHaveLength(60);
    expect(launched.filter((l) => l.taskId.includes('.v2.')).map((l) => l.taskId)).toEqual(['search.v2.3']);
    // UNIQUE hostname: each service's 3 instances on 3 different machines.
    const hostsByApp = new Map<string, Set<string>>();
    for (const l of launched.filter((x) => x.taskId.includes('.v1.'))) {
      const app = l.taskId.split('.')[0] as string;
      hostsByApp.set(app, (hostsByApp.get(app) ?? new Set()).add(l.agentId));
    }
    expect([...hostsByApp.values()].every((hosts) => hosts.size === 3)).toBe(true);
  });

  it('rolls the failing canary of "search" back on the errors counted from its own requests', () => {
    const phases = searchFacts.flatMap((f) =>
      f.fact === 'deployment' ? [{ phase: f.phase, t: f.t / 1e6, detail: f.detail }] : [],
    );
    expect(phases.map((p) => p.phase)).toEqual(['started', 'canary-isolated', 'canary-partial', 'rolled-back']);
    const [started, , partial, rolledBack] = phases;
    // Deployed at 2 h (plus the scheduler's think time); partial once isolatedSeconds (300 s) are up
    // and the canary is healthy (grace 60 s).
    expect(started!.t).toBeGreaterThanOrEqual(7200);
    expect(started!.t).toBeLessThan(7201);
    expect(partial!.t - started!.t).toBeGreaterThanOrEqual(300);
    expect(partial!.t - started!.t).toBeLessThan(301);
    // The canary's rate, by hand: search's demand is 600 rps × (0.3 + 0.7 × (1 + cos(2π(t − 3 h)/24 h))/2)
    // (its sinusoid profile), about 594 rps at 2 h 05; the canary gets 10 % of it, ~59 rps. Load is
    // sampled every 60 s (plus the scheduler's think time): at the first sample after the partial
    // start the canary has served ~59 rps × up to 60 s, over minRequests (1000) unless the sample
    // falls within 17 s of the start; judged there, so at most two intervals after the start.
    const demand = (t: number) => 600 * (0.3 + (0.7 * (1 + Math.cos((2 * Math.PI * (t - 3 * 3600)) / 86400))) / 2);
    expect(0.1 * demand(partial!.t)).toBeCloseTo(59.4, 1);
    expect(rolledBack!.t - partial!.t).toBeGreaterThan(1000 / 59.4);
    expect(rolledBack!.t - partial!.t).toBeLessThan(2 * 61);
    const expectedRequests = 0.1 * demand(partial!.t) * (rolledBack!.t - partial!.t);
    const counts = /canary failed (\d+) of (\d+) requests \(([\d.]+)%\), threshold 5% \(at least 1000 requests\)/.exec(
      rolledBack!.detail ?? '',
    );
    expect(counts, rolledBack!.detail).not.toBeNull();
    const [failed, served] = [Number(counts![1]), Number(counts![2])];
    expect(Math.abs(served - expectedRequests)).toBeLessThanOrEqual(1);
    // Each request failed with probability 0.2, drawn: within 4 standard deviations of 0.2 × served.
    const sd = Math.sqrt(served * 0.2 * 0.8);
    expect(Math.abs(failed - 0.2 * served)).toBeLessThan(4 * sd);
    expect(failed / served).toBeGreaterThan(0.05);
    expect(rolledBack!.detail).toMatch(/; v2 killed, v1 kept$/);
    // Only the canary ended, killed at the rollback.
    expect(recorder.of('task-ended').map((r) => [r.taskId, r.state, r.t / 1e6])).toEqual([
      ['search.v2.3', 'killed', rolledBack!.t],
    ]);
  });

  it('the old version kept serving: search stays v1 and its 3 instances stay healthy throughout', () => {
    expect(
      searchFacts.filter((f) => f.fact === 'app').map((f) => (f.fact === 'app' ? [f.desired, f.version] : [])),
    ).toEqual([[3, 'v1']]);
    const v1Health = searchFacts.filter((f) => f.fact === 'instance-health' && f.taskId.startsWith('search.v1.'));
    expect(v1Health.map((f) => (f.fact === 'instance-health' ? f.healthy : undefined))).toEqual([true, true, true]);
    const deploy = searchFacts.find((f) => f.fact === 'deployment')!.t;
    const traffic = searchFacts.flatMap((f) => (f.fact === 'traffic' && f.t >= deploy ? [f] : []));
    const partialAt = searchFacts.find((f) => f.fact === 'deployment' && f.phase === 'canary-partial')!.t;
    const rolledBackAt = searchFacts.find((f) => f.fact === 'deployment' && f.phase === 'rolled-back')!.t;
    for (const f of traffic) {
      const throughCanary = f.t >= partialAt && f.t <= rolledBackAt && f.failedRps > 0;
      // During the partial stage the canary gets 10 % and fails 20 % of it: 2 % of the demand.
      if (throughCanary) expect(f.failedRps / f.demandRps).toBeCloseTo(0.02, 12);
      else expect([f.failedRps, f.degradedRps, f.servedRps]).toEqual([0, 0, f.demandRps]);
    }
    expect(traffic.some((f) => f.failedRps > 0)).toBe(true);
    expect(traffic.at(-1)).toMatchObject({ failedRps: 0 });
  });

  it('the report shows the canary’s failed requests against search, and the run is deterministic', () => {
    const search = report.services['search'];
    expect(search?.version).toBe('v1');
    expect(search?.requests.failed).toBeGreaterThan(0);
    // Another service saw no deployment.
    expect(report.services['auth']?.deployments).toEqual([]);
    expect(runSimulation(scenario, { registry, wallClock: false }).eventLogHash).toBe(report.eventLogHash);
  });
});
