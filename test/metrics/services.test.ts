import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../../src/core/simulation/records.ts';
import { createJobRunObserver } from '../../src/metrics/jobRuns.ts';
import { createServiceObserver } from '../../src/metrics/services.ts';

const S = 1_000_000;
const fact = (t: number, f: object): SimRecord =>
  ({ t: t * S, kind: 'framework-fact', frameworkId: 'marathon', ...f }) as SimRecord;

describe('service metrics', () => {
  it('integrates availability and requests from app, health and traffic facts', () => {
    const o = createServiceObserver();
    const records: SimRecord[] = [
      fact(0, { fact: 'app', appId: 'web', desired: 2, version: 'v1' }),
      fact(0, { fact: 'traffic', appId: 'web', demandRps: 10, servedRps: 0, degradedRps: 0, failedRps: 10 }),
      fact(10, { fact: 'instance-health', appId: 'web', taskId: 'a', healthy: true }),
      fact(10, { fact: 'traffic', appId: 'web', demandRps: 10, servedRps: 5, degradedRps: 5, failedRps: 0 }),
      fact(20, { fact: 'instance-health', appId: 'web', taskId: 'b', healthy: true }),
      fact(20, { fact: 'traffic', appId: 'web', demandRps: 10, servedRps: 10, degradedRps: 0, failedRps: 0 }),
      {
        t: 40 * S,
        kind: 'task-ended',
        frameworkId: 'marathon',
        taskId: 'b',
        jobId: null,
        agentId: 'm',
        state: 'lost',
        resources: {},
        reason: null,
      },
      fact(50, { fact: 'deployment', appId: 'web', deploymentId: 'd1', phase: 'started' }),
      { t: 100 * S, kind: 'run-ended' },
    ];
    for (const r of records) o.observe(r);
    const web = o.report()['web'];
    // Healthy ÷ desired: 0 for 10 s, 1/2 for 10 s, 1 for 20 s, 1/2 for 60 s → (0 + 5 + 20 + 30) / 100.
    expect(web?.availability).toBeCloseTo(0.55, 12);
    expect(web?.minAvailability).toBe(0);
    expect(web?.secondsWithoutHealthyInstance).toBe(10);
    // Requests: 10 rps × 100 s; failed 10 × 10; degraded 5 × 10; served 5 × 10 + 10 × 80.
    expect(web?.requests).toEqual({ total: 1000, served: 850, degraded: 50, failed: 100 });
    // Steps: no instance healthy from 0 s, half from 10 s, all from 20 s, half again from 40 s.
    expect(web?.timeline).toEqual({ atSeconds: [0, 10, 20, 40], available: [0, 0.5, 1, 0.5] });
    expect(web?.deployments).toEqual([{ deploymentId: 'd1', phase: 'started', atSeconds: 50, detail: null }]);
    // Ready (2 of 2 healthy) at 20 s; since then: 1 for 20 s, 1/2 for 60 s → 50 / 80; lowest 1/2;
    // no request failed after 20 s, 800 arrived.
    expect(web?.sinceReady).toEqual({
      atSeconds: 20,
      availability: 50 / 80,
      minAvailability: 0.5,
      requestsFailed: 0,
      requestsTotal: 800,
    });
  });
});

describe('job-run metrics', () => {
  it('counts runs by outcome per job', () => {
    const o = createJobRunObserver();
    for (const state of ['started', 'failed', 'retrying', 'started', 'succeeded', 'started', 'skipped']) {
      o.observe(fact(1, { fact: 'job-run', jobId: 'backup', runId: 'r', state }));
    }
    expect(o.report()).toEqual({
      backup: { frameworkId: 'marathon', started: 3, succeeded: 1, failed: 1, retries: 1, skipped: 1 },
    });
  });
});
