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
    // Instance 0 (launched and running at 0): checks at 0, 10, …, 50 pass; 60 and 70 fail, their
    // verdicts come after the 2 s timeout (62, 72): killed at 72 (2 consecutive failures).
    // Failure 1 → relaunch 1 s later (73); its check at 73 fails (verdict 75, within its 5 s grace
    // period and never healthy: ignored), 83 and 93 fail (85, 95) → killed at 95;
    // failure 2 → 1.15 s (96.15); 96.15 ignored (98.15 < 101.15), 106.15, 116.15 → killed 118.15;
    // failure 3 → 1.3225 s (119.4725); 119.4725 ignored, 129.4725, 139.4725 → killed 141.4725,
    // after the 140 s horizon.
    expect(run.of('task-launched').map((r) => r.t)).toEqual([0, 73e6, 96_150_000, 119_472_500]);
    expect(run.of('task-ended').map((r) => [r.t, r.state])).toEqual([
      [72e6, 'killed'],
      [95e6, 'killed'],
      [118_150_000, 'killed'],
    ]);
    // Healthy after its first check (0 s), unhealthy at the first failed verdict (62 s); the
    // replacements never pass a check.
    expect(run.facts('instance-health').map((f) => [f.t, f.taskId, f.healthy])).toEqual([
      [0, 'flaky.v1.0', true],
      [62, 'flaky.v1.0', false],
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
              // Only the check at 20 s falls in the window.
              failures: { windows: [{ from: '20s', to: '30s' }] },
            },
          ],
        },
        oneMachine,
        '60s',
      ),
    );
    // Checks 0, 10 pass; 20 fails (verdict 22: unhealthy); 30 passes (healthy again).
    expect(healthyOverTime(run, 'blip')).toEqual([
      [0, 1],
      [22, 0],
      [30, 1],
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

  const warmingApp = (warmupSeconds: number, healthCheck: object, failures?: object) => ({
    apps: [
      {
        id: 'svc',
        instances: 1,
        resources: { cpus: 1 },
        warmupSeconds,
        healthCheck,
        ...(failures === undefined ? {} : { failures }),
      },
    ],
  });

  it('checks from the start: a task answering 10 s after launch, grace 300 s, is available at 10 s', () => {
    // Interval 10 s: the check at 0 is refused (within the grace period, never healthy: ignored),
    // the one at 10 s passes. With Marathon's default interval (60 s) the first pass is at 60 s —
    // in neither case does it wait for the 300 s grace period to end.
    const every10 = runMarathon(
      marathonScenario(warmingApp(10, { intervalSeconds: 10, timeoutSeconds: 5 }), oneMachine, '400s'),
    );
    expect(healthyOverTime(every10, 'svc')).toEqual([[10, 1]]);
    expect(every10.of('task-ended')).toEqual([]);
    const defaults = runMarathon(marathonScenario(warmingApp(10, {}), oneMachine, '400s'));
    expect(healthyOverTime(defaults, 'svc')).toEqual([[60, 1]]);
  });

  it('a refused check fails at once; a hung one only after the timeout', () => {
    // Every check from 60 s on fails; maxConsecutiveFailures 1, timeout 5 s, healthy from 0 s.
    const check = { gracePeriodSeconds: 0, intervalSeconds: 10, timeoutSeconds: 5, maxConsecutiveFailures: 1 };
    const killedAt = (refused: boolean) =>
      runMarathon(
        marathonScenario(warmingApp(0, check, { windows: [{ from: '60s', to: '1h' }], refused }), oneMachine, '62s'),
      )
        .of('task-ended')
        .map((r) => r.t);
    // Refused: killed at 60 s; its replacement (backoff 1 s) is refused at its first check, 61 s.
    expect(killedAt(true)).toEqual([60e6, 61e6]);
    expect(killedAt(false)).toEqual([]); // its verdict would come at 65 s, after the horizon
  });

  it('a warm-up longer than the grace period: refused checks count from the end of the grace period', () => {
    // Grace 300 s, interval 60 s, 3 failures to kill. Checks at 0 … 240 s are refused and ignored;
    // 300 and 360 s are refused and count (1, 2). Warm-up 400 s: the check at 420 s passes.
    // Warm-up 500 s: the check at 420 s is the third refusal — killed at once, at 420 s.
    const check = { gracePeriodSeconds: 300, intervalSeconds: 60, timeoutSeconds: 20, maxConsecutiveFailures: 3 };
    const run = (warmup: number) => runMarathon(marathonScenario(warmingApp(warmup, check), oneMachine, '421s'));
    const ready = run(400);
    expect(healthyOverTime(ready, 'svc')).toEqual([[420, 1]]);
    expect(ready.of('task-ended')).toEqual([]);
    expect(
      run(500)
        .of('task-ended')
        .map((r) => [r.t, r.state]),
    ).toEqual([[420e6, 'killed']]);
  });

  it('acceptance: an app failing at every launch backs off up to 3600 s between launches, and stays there', () => {
    // The OOM hog fails as it launches; the gap before launch k is the delay after failure k,
    // min(3600, 1.15^(k-1)): a naive model of the same rule, summed here step by step.
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
        '12h',
      ),
    );
    const expected = [0];
    for (let k = 1; ; k++) {
      const next = (expected.at(-1) as number) + Math.min(3600, 1.15 ** (k - 1));
      if (next > 12 * 3600) break;
      expected.push(next);
    }
    // Σ 1.15^k for k < 59 ≈ 25,407.8 s of growing delays, then 3600 s gaps up to 12 h: 64 launches.
    expect(expected).toHaveLength(64);
    const launched = run.of('task-launched').map((r) => r.t / 1e6);
    expect(launched).toHaveLength(expected.length);
    launched.forEach((t, i) => expect(t).toBeCloseTo(expected[i] as number, 3));
    const gaps = launched.slice(1).map((t, i) => t - (launched[i] as number));
    expect(Math.max(...gaps)).toBeCloseTo(3600, 6);
    expect(gaps.slice(59).every((g) => Math.abs(g - 3600) < 1e-6)).toBe(true);
    expect(gaps[58]).toBeCloseTo(1.15 ** 58, 3);
  });
});
