import { describe, expect, it } from 'vitest';
import { createEventLog } from '../../../src/core/kernel/eventLog.ts';
import { createEventLoop } from '../../../src/core/kernel/eventLoop.ts';
import { createHash } from 'node:crypto';

describe('event loop', () => {
  it('handles events in time order, lets handlers schedule more, and stops at the horizon', () => {
    const loop = createEventLoop<string>();
    const seen: [number, string][] = [];
    loop.schedule(20, 0, 'b');
    loop.schedule(10, 0, 'a');
    loop.schedule(50, 0, 'late');
    loop.run(30, (event, now) => {
      seen.push([now, event]);
      if (event === 'a') loop.schedule(now + 5, 0, 'a+5');
    });
    expect(seen).toEqual([
      [10, 'a'],
      [15, 'a+5'],
      [20, 'b'],
    ]);
    expect(loop.now).toBe(30);
    expect(loop.pending).toBe(1);
    expect(loop.processed).toBe(3);
  });

  it('refuses to schedule in the past or at a fractional microsecond', () => {
    const loop = createEventLoop<string>();
    loop.schedule(10, 0, 'x');
    loop.run(100, () => undefined);
    expect(() => loop.schedule(50, 0, 'y')).toThrow(/past/);
    expect(() => loop.schedule(150.5, 0, 'y')).toThrow(/integer/);
    expect(() => loop.schedule(50.5, 0, 'y')).toThrow(/integer/);
    expect(() => loop.schedule(Infinity, 0, 'y')).toThrow(/integer/);
    expect(() => loop.schedule(-Infinity, 0, 'y')).toThrow(/integer/);
    expect(() => loop.schedule(Number.NaN, 0, 'y')).toThrow(/integer/);
    expect(loop.pending).toBe(0);
    loop.schedule(100, 0, 'now is allowed');
    expect(loop.pending).toBe(1);
  });

  it('stops after the current event, resumes where it stopped, and stays at the last event without a horizon', () => {
    const loop = createEventLoop<number>();
    for (const t of [10, 20, 30]) loop.schedule(t, 0, t);
    const seen: number[] = [];
    loop.run(100, (event) => {
      seen.push(event);
      if (event === 20) loop.stop();
    });
    expect(seen).toEqual([10, 20]);
    expect(loop.now).toBe(20);
    expect(loop.pending).toBe(1);
    loop.run(Infinity, (event) => seen.push(event));
    expect(seen).toEqual([10, 20, 30]);
    expect(loop.now).toBe(30);
    expect(loop.processed).toBe(3);
    loop.run(Infinity, () => seen.push(-1));
    expect(seen).toHaveLength(3);
  });

  it('orders same-time events by priority class', () => {
    const loop = createEventLoop<string>();
    loop.schedule(5, 8, 'allocate');
    loop.schedule(5, 1, 'task-end');
    const order: string[] = [];
    loop.run(10, (e) => order.push(e));
    expect(order).toEqual(['task-end', 'allocate']);
  });
});

describe('event log', () => {
  it('hashes exactly the JSONL it hands to its sink', () => {
    let text = '';
    const log = createEventLog({ sink: (chunk) => (text += chunk) });
    for (let i = 0; i < 5000; i++) log.append({ t: i, kind: 'tick', n: i } as never);
    const digest = log.digest();
    expect(log.count).toBe(5000);
    expect(text.split('\n')).toHaveLength(5001);
    expect(digest).toBe(createHash('sha256').update(text).digest('hex'));
    const other = createEventLog();
    other.append({ t: 0, kind: 'tick' });
    expect(other.digest()).not.toBe(digest);
  });
});
