import { describe, expect, it } from 'vitest';
import type { Rng } from '../../../../src/core/kernel/rng.ts';
import {
  InstanceHealth,
  checkFails,
  failureModeSchema,
  healthCheckSchema,
  type HealthCheckPolicy,
} from '../../../../src/policies/frameworks/marathon/healthChecks.ts';

const S = 1_000_000; // microseconds per second

/** An Rng whose next() returns the given values in turn and counts the draws. */
function scriptedRng(values: readonly number[]): Rng & { draws: number } {
  const rng = {
    path: 'test',
    draws: 0,
    next(): number {
      const value = values[rng.draws % values.length] as number;
      rng.draws++;
      return value;
    },
    int: () => {
      throw new Error('not used');
    },
    exponential: () => {
      throw new Error('not used');
    },
    shuffle: <T>(items: T[]): T[] => items,
    fork: (): Rng => rng,
  };
  return rng;
}

describe('healthCheckSchema', () => {
  it("fills Marathon's defaults: 300, 60, 20, 3", () => {
    expect(healthCheckSchema.parse({})).toEqual({
      gracePeriodSeconds: 300,
      intervalSeconds: 60,
      timeoutSeconds: 20,
      maxConsecutiveFailures: 3,
    });
    expect(healthCheckSchema.parse({ maxConsecutiveFailures: 0 }).maxConsecutiveFailures).toBe(0);
  });

  it('explains bad values', () => {
    const messages = (input: unknown): string =>
      healthCheckSchema
        .safeParse(input)
        .error?.issues.map((i) => i.message)
        .join('\n') ?? '';
    expect(messages({ timeoutSeconds: 60 })).toContain('timeoutSeconds must be shorter than intervalSeconds'); // 60 = default interval
    expect(messages({ maxConsecutiveFailures: 1.5 })).toContain('whole number');
    expect(messages({ intervalSeconds: 0 })).toContain('intervalSeconds must be > 0');
    expect(messages({ grace: 10 })).toContain('unknown field "grace"');
  });
});

describe('failureModeSchema', () => {
  it('parses a probability, windows (durations to microseconds), or both', () => {
    expect(failureModeSchema.parse({ probability: 0.01 })).toEqual({ probability: 0.01 });
    // 2h = 7200 s, 2h10m = 7800 s.
    expect(failureModeSchema.parse({ windows: [{ from: '2h', to: '2h10m' }] })).toEqual({
      windows: [{ from: 7_200 * S, to: 7_800 * S }],
    });
    expect(failureModeSchema.parse({ probability: 0.5, windows: [{ from: 10, to: '20s' }] })).toEqual({
      probability: 0.5,
      windows: [{ from: 10 * S, to: 20 * S }],
    });
  });

  it('explains bad values', () => {
    const messages = (input: unknown): string =>
      failureModeSchema
        .safeParse(input)
        .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('\n') ?? '';
    expect(messages({ probability: 1.5 })).toContain('probability must be in [0, 1]');
    expect(messages({ windows: [{ from: '2h', to: '1h' }] })).toContain(
      'windows.0.to: a failure window ends after it starts',
    );
    expect(messages({ windows: [{ from: '2h', to: 'soon' }] })).toContain('is not a duration');
    expect(messages({ windows: [{ start: '2h', to: '3h' }] })).toContain('unknown field "start"');
  });
});

describe('checkFails', () => {
  const window = { windows: [{ from: 100 * S, to: 200 * S }] };

  it('fails every check inside a window: from inclusive, to exclusive', () => {
    const rng = scriptedRng([0.9]);
    expect([99 * S, 100 * S, 150 * S, 200 * S - 1, 200 * S].map((t) => checkFails(window, rng, t))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(rng.draws).toBe(0); // no probability: no draw
  });

  it('fails with the probability: a draw below it fails', () => {
    const rng = scriptedRng([0.005, 0.5, 0.0099, 0.01]);
    // 0.005 < 0.01 fails; 0.5 passes; 0.0099 fails; 0.01 is not below 0.01: passes.
    expect([1, 2, 3, 4].map((t) => checkFails({ probability: 0.01 }, rng, t * S))).toEqual([true, false, true, false]);
    expect(rng.draws).toBe(4);
  });

  it('draws exactly one number per check when probability > 0, also inside a window', () => {
    const rng = scriptedRng([0.9]);
    checkFails({ ...window, probability: 0.1 }, rng, 150 * S); // in the window: fails, still draws
    checkFails({ ...window, probability: 0.1 }, rng, 300 * S);
    expect(rng.draws).toBe(2);
    checkFails({ probability: 0 }, rng, 0);
    checkFails(undefined, rng, 0);
    checkFails({}, rng, 0);
    expect(rng.draws).toBe(2);
  });

  it('never fails without a mode', () => {
    expect(checkFails(undefined, scriptedRng([0]), 0)).toBe(false);
    expect(checkFails({}, scriptedRng([0]), 0)).toBe(false);
  });
});

describe('InstanceHealth', () => {
  const defaults: HealthCheckPolicy = {
    gracePeriodSeconds: 300,
    intervalSeconds: 60,
    timeoutSeconds: 20,
    maxConsecutiveFailures: 3,
  };
  /** A moment long after any grace period (failures count). */
  const late = 10_000 * S;

  it('checks first as the task starts, then every interval', () => {
    // Started at 100 s: checks at 100 s, 160 s, 220 s.
    const health = new InstanceHealth(defaults, 100 * S);
    expect(health.startedAtMicros).toBe(100 * S);
    expect(health.nextCheckAtMicros).toBe(100 * S);
    health.recordCheck(false, 100 * S);
    expect(health.nextCheckAtMicros).toBe(160 * S);
    health.recordCheck(true, 180 * S);
    expect(health.nextCheckAtMicros).toBe(220 * S);
  });

  it('ignores failures within the grace period until the first pass, whichever comes first', () => {
    // Grace 300 s from a start at 0: failures judged at 0 … 299 s are ignored, one at 300 s counts.
    const never = new InstanceHealth(defaults, 0);
    expect([0, 60, 120, 180, 240, 299].map((t) => never.recordCheck(true, t * S))).toEqual(
      Array(6).fill({ healthy: false, kill: false }),
    );
    expect(never.consecutiveFailures).toBe(0);
    expect(never.ignoresFailureAt(300 * S)).toBe(false);
    expect(never.recordCheck(true, 300 * S)).toEqual({ healthy: false, kill: false });
    expect(never.consecutiveFailures).toBe(1);
    // Healthy at 10 s: the grace period no longer protects it — a failure at 70 s counts at once.
    const early = new InstanceHealth({ ...defaults, maxConsecutiveFailures: 1 }, 0);
    expect(early.recordCheck(false, 10 * S)).toEqual({ healthy: true, kill: false });
    expect(early.ignoresFailureAt(70 * S)).toBe(false);
    expect(early.recordCheck(true, 70 * S)).toEqual({ healthy: false, kill: true });
  });

  it('is not healthy before a check passes; healthy after a pass; unhealthy after a failure; kills at the 3rd consecutive failure', () => {
    const health = new InstanceHealth(defaults, 0);
    expect(health.healthy).toBe(false);
    expect(health.everHealthy).toBe(false);
    // fail (1 in a row), pass (reset), fail, fail (2 in a row), fail (3: kill), fail (4: still kill).
    const verdicts = [true, false, true, true, true, true].map((failed) => health.recordCheck(failed, late));
    expect(verdicts).toEqual([
      { healthy: false, kill: false },
      { healthy: true, kill: false },
      { healthy: false, kill: false },
      { healthy: false, kill: false },
      { healthy: false, kill: true },
      { healthy: false, kill: true },
    ]);
    expect(health.consecutiveFailures).toBe(4);
    expect(health.everHealthy).toBe(true);
  });

  it('never kills with maxConsecutiveFailures 0', () => {
    const health = new InstanceHealth({ ...defaults, maxConsecutiveFailures: 0 }, 0);
    const kills = Array.from({ length: 10 }, () => health.recordCheck(true, late).kill);
    expect(kills).toEqual(Array(10).fill(false));
    expect(health.consecutiveFailures).toBe(10);
  });

  it('kills at the first failure with maxConsecutiveFailures 1', () => {
    const health = new InstanceHealth({ ...defaults, maxConsecutiveFailures: 1 }, 0);
    expect(health.recordCheck(false, late)).toEqual({ healthy: true, kill: false });
    expect(health.recordCheck(true, late)).toEqual({ healthy: false, kill: true });
  });
});
