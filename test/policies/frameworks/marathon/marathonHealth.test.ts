import { describe, expect, it } from 'vitest';
import { healthyOverTime, marathonScenario, runMarathon } from './marathonHarness.ts';

const oneMachine = { machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 } }] };

describe('marathon health checks and launch backoff', () => {
  it('kills an instance after maxConsecutiveFailures failed checks and relaunches it after the backoff (1, 1.15, 1.3225, 1.520875 s)', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'flaky',
              instances: 1,
              resources: { cpus: 1, mem: 512 },
              healthCheck: { gracePeriodSeconds: 5, intervalSeconds: 10, timeoutSeconds: 2, maxConsecutiveFailures: 2 },
              // Every check from 60 s on fails.
              failures: { windows: [{ from: '60s', to: '1h' }] },
            },
          ],
        },
        oneMachine,
        '140s',
      ),
    );
    // Instance 0 (launched at 0, running at 0): checks at 5, 15, …, 55 pass; 65 and 75 fail, their
    // verdicts come after the 2 s timeout (67, 77): killed at 77 (2 consecutive failures).
    // Failure 1 → relaunch 1 s later (78); its checks at 83 and 93 fail → killed at 95;
    // failure 2 → 1.15 s (96.15); checks 101.15, 111.15 → killed 113.15; failure 3 → 1.3225 s
    // (114.4725); checks 119.4725, 129.4725 → killed 131.4725; failure 4 → 1.15³ = 1.520875 s (132.993375).
    expect(run.of('task-launched').map((r) => r.t)).toEqual([0, 78e6, 96_150_000, 114_472_500, 132_993_375]);
    expect(run.of('task-ended').map((r) => [r.t, r.state])).toEqual([
      [77e6, 'killed'],
      [95e6, 'killed'],
      [113_150_000, 'killed'],
      [131_472_500, 'killed'],
    ]);
    // Healthy after its first check (5 s), unhealthy at the first failed verdict (67 s); the
    // replacements never pass a check.
    expect(run.facts('instance-health').map((f) => [f.t, f.taskId, f.healthy])).toEqual([
      [5, 'flaky.v1.0', true],
      [67, 'flaky.v1.0', false],
    ]);
  });

  it('a check failure below maxConsecutiveFailures makes the instance unhealthy but keeps it', () => {
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'blip',
              instances: 1,
              resources: { cpus: 1 },
              healthCheck: { gracePeriodSeconds: 5, intervalSeconds: 10, timeoutSeconds: 2, maxConsecutiveFailures: 3 },
              // Only the check at 25 s falls in the window.
              failures: { windows: [{ from: '20s', to: '30s' }] },
            },
          ],
        },
        oneMachine,
        '60s',
      ),
    );
    // Checks 5, 15 pass; 25 fails (verdict 27: unhealthy); 35 passes (healthy again).
    expect(healthyOverTime(run, 'blip')).toEqual([
      [5, 1],
      [27, 0],
      [35, 1],
    ]);
    expect(run.of('task-ended')).toEqual([]);
  });

  it('relaunches an instance that failed by itself (OOM) after the growing backoff; killed ones do not grow it', () => {
    // Its idle use (1024 MB) is above its allocation (512 MB): the master kills it at once (OOM).
    const run = runMarathon(
      marathonScenario(
        {
          apps: [
            {
              id: 'hog',
              instances: 1,
              resources: { cpus: 1, mem: 512 },
              load: { rps: 0, rpsPerInstance: 10, baseUsage: { mem: 1024 } },
            },
          ],
        },
        oneMachine,
        '4s',
      ),
    );
    const ended = run.of('task-ended');
    expect(ended.every((r) => r.state === 'failed' && r.reason === 'OOM')).toBe(true);
    // Launches at 0, then 1, 1 + 1.15 = 2.15, 2.15 + 1.3225 = 3.4725 s.
    expect(run.of('task-launched').map((r) => r.t)).toEqual([0, 1e6, 2_150_000, 3_472_500]);
  });

  it('a probability-1 failure mode fails every check; probability 0 none', () => {
    const scenario = (probability: number) =>
      marathonScenario(
        {
          apps: [
            {
              id: 'p',
              instances: 1,
              resources: { cpus: 1 },
              healthCheck: { gracePeriodSeconds: 0, intervalSeconds: 10, timeoutSeconds: 1, maxConsecutiveFailures: 1 },
              failures: { probability },
            },
          ],
        },
        oneMachine,
        '30s',
      );
    // p = 1: the first check (at launch, grace 0) fails, verdict at 1 s → killed; relaunch at 2 s, killed at 3 s;
    // relaunch 3 + 1.15 = 4.15 s …
    expect(
      runMarathon(scenario(1))
        .of('task-ended')
        .slice(0, 3)
        .map((r) => r.t),
    ).toEqual([1e6, 3e6, 5_150_000]);
    expect(runMarathon(scenario(0)).of('task-ended')).toEqual([]);
  });
});
