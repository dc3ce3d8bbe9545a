import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../../src/workloads/profiles.ts';
import { demandAt, instanceUsage, splitTraffic } from '../../../../src/policies/frameworks/marathon/traffic.ts';

describe('marathon traffic arithmetic', () => {
  it('demand: a constant, or peakRps × the profile relative to its maximum', () => {
    expect(demandAt({ rps: 250, rpsPerInstance: 10 }, 123)).toBe(250);
    const hourly = loadProfile.parse({ shape: 'hourly', values: [1, 2, 4, ...Array(21).fill(0)] });
    // Max 4 maps to 800 rps: hour 0 → 1/4 × 800 = 200, hour 2 → 800.
    expect(demandAt({ rps: { profile: hourly, peakRps: 800 }, rpsPerInstance: 10 }, 0)).toBe(200);
    expect(demandAt({ rps: { profile: hourly, peakRps: 800 }, rpsPerInstance: 10 }, 2 * 3600e6)).toBe(800);
  });

  it('splits over healthy instances by count; excess over capacity is degraded', () => {
    // 300 rps over 2 instances of 100 rps: 200 served, 100 degraded, 150 per instance.
    const split = splitTraffic(300, 100, [{ version: 'v1', healthy: 2, errorRate: 0 }]);
    expect([split.servedRps, split.degradedRps, split.failedRps]).toEqual([200, 100, 0]);
    expect(split.perInstanceRps.get('v1')).toBe(150);
  });

  it('fails everything without a healthy instance that takes traffic', () => {
    expect(splitTraffic(300, 100, [])).toMatchObject({ servedRps: 0, degradedRps: 0, failedRps: 300 });
    // Isolated canaries (share 0) take no traffic even when healthy.
    expect(splitTraffic(300, 100, [{ version: 'v2', healthy: 1, errorRate: 0, share: 0 }])).toMatchObject({
      failedRps: 300,
    });
  });

  it('a canary takes its fixed share and fails errorRate of it', () => {
    // 1000 rps: canary 10 % = 100 rps, 20 % errors → 20 failed, 80 served;
    // 3 old ones take 900 (capacity 3 × 400 = 1200): all served. Served 980, failed 20.
    const split = splitTraffic(1000, 400, [
      { version: 'v1', healthy: 3, errorRate: 0 },
      { version: 'v2', healthy: 1, errorRate: 0.2, share: 0.1 },
    ]);
    expect(split.failedRps).toBeCloseTo(20, 12);
    expect(split.servedRps).toBeCloseTo(980, 12);
    expect(split.degradedRps).toBe(0);
    expect(split.perInstanceRps.get('v1')).toBeCloseTo(300, 12);
    expect(split.perInstanceRps.get('v2')).toBeCloseTo(100, 12);
  });

  it('a bad version overloaded: errors on all its requests, degradation on the rest of the excess', () => {
    // 500 rps to 1 instance of 100 rps with 10 % errors: 50 failed, excess 400 × 0.9 = 360 degraded, 100 × 0.9 = 90 served.
    const split = splitTraffic(500, 100, [{ version: 'v2', healthy: 1, errorRate: 0.1 }]);
    expect(split.failedRps).toBeCloseTo(50, 12);
    expect(split.degradedRps).toBeCloseTo(360, 12);
    expect(split.servedRps).toBeCloseTo(90, 12);
  });

  it('when only fixed-share versions serve, they take everything', () => {
    const split = splitTraffic(100, 100, [{ version: 'v2', healthy: 1, errorRate: 0, share: 0.1 }]);
    expect(split.perInstanceRps.get('v2')).toBe(100);
    expect(split.servedRps).toBe(100);
  });

  it('usage: base + cpusPerRps × served requests (capped at rpsPerInstance); mem from the allocation unless given', () => {
    const load = { rps: 0, rpsPerInstance: 100, cpusPerRps: 0.01, baseUsage: { cpus: 0.1 } };
    // 0.1 + 50 × 0.01 = 0.6 cpus; mem 512 from the allocation.
    expect(instanceUsage(load, { cpus: 1, mem: 512 }, 50)).toEqual({ cpus: 0.6, mem: 512 });
    // 250 rps but only 100 can be served: 0.1 + 100 × 0.01 = 1.1 cpus (above the 1-cpu allocation: throttled).
    expect(instanceUsage(load, { cpus: 1, mem: 512 }, 250)).toEqual({ cpus: 1.1, mem: 512 });
    expect(instanceUsage({ ...load, baseUsage: { cpus: 0.2, mem: 300 } }, { cpus: 1, mem: 512, disk: 100 }, 0)).toEqual(
      { cpus: 0.2, mem: 300, disk: 100 },
    );
  });
});
