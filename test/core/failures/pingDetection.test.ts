import { describe, expect, it } from 'vitest';
import { detectionDelay } from '../../../src/core/failures/pingDetection.ts';

const S = 1_000_000;
const mesosDefaults = { pingTimeout: 15 * S, maxPingTimeouts: 5 };

describe('detectionDelay (Mesos: a ping every 15 s, noticed at the 5th consecutive timeout)', () => {
  it('is 75 s for a failure at a ping and just under 90 s for one just after a ping', () => {
    // Phase 0: pings at 0, 15, 30 … A failure at 30 s leaves the ping at 30 s unanswered; its
    // timeouts are counted at 45, 60, 75, 90 and 105 s. A failure at 31 s: first unanswered ping 45 s.
    expect(detectionDelay(mesosDefaults, 0, 30 * S)).toBe(75 * S);
    expect(detectionDelay(mesosDefaults, 0, 31 * S)).toBe(89 * S);
    expect(detectionDelay(mesosDefaults, 0, 44.5 * S)).toBe(75.5 * S);
  });

  it('follows the phase of the agent’s ping cycle', () => {
    // Registered at 7 s: pings at 7, 22, 37 … A failure at 30 s is first missed at 37 s: 37 + 75 − 30.
    expect(detectionDelay(mesosDefaults, 7 * S, 30 * S)).toBe(82 * S);
    expect(detectionDelay(mesosDefaults, 7 * S, 37 * S)).toBe(75 * S);
  });

  it('stays within [75 s, 90 s) over a whole cycle of failure times', () => {
    const delays = Array.from({ length: 150 }, (_, i) => detectionDelay(mesosDefaults, 3 * S, (100 + i / 10) * S));
    expect(delays).toHaveLength(150);
    expect(Math.min(...delays)).toBe(75 * S);
    for (const d of delays) expect(d >= 75 * S && d < 90 * S).toBe(true);
  });

  it('uses the configured timeout and count: 10 s × 3', () => {
    expect(detectionDelay({ pingTimeout: 10 * S, maxPingTimeouts: 3 }, 0, 100 * S)).toBe(30 * S);
    expect(detectionDelay({ pingTimeout: 10 * S, maxPingTimeouts: 3 }, 0, 101 * S)).toBe(39 * S);
  });
});
