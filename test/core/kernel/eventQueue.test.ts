import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventQueue } from '../../../src/core/kernel/eventQueue.ts';

/** The naive model: a list kept sorted by (time, priority, seq). */
class SortedArrayModel {
  readonly items: { time: number; priority: number; seq: number; id: number }[] = [];
  #seq = 0;
  push(time: number, priority: number, id: number): void {
    this.items.push({ time, priority, seq: this.#seq++, id });
    this.items.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
  }
  pop(): number | undefined {
    return this.items.shift()?.id;
  }
}

const operation = fc.oneof(
  fc.record({
    op: fc.constant('push' as const),
    time: fc.integer({ min: 0, max: 50 }),
    priority: fc.integer({ min: 0, max: 3 }),
  }),
  fc.record({ op: fc.constant('pop' as const) }),
);

describe('event queue', () => {
  it('pops in (time, priority, seq) order, like a sorted array', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 400 }), (ops) => {
        const queue = createEventQueue<number>(16);
        const model = new SortedArrayModel();
        let id = 0;
        for (const step of ops) {
          if (step.op === 'push') {
            queue.push(step.time, step.priority, id);
            model.push(step.time, step.priority, id);
            id++;
          } else {
            expect(queue.pop()).toBe(model.pop());
          }
          expect(queue.size).toBe(model.items.length);
          expect(queue.peekTime()).toBe(model.items[0]?.time ?? Infinity);
        }
        // Drain: the rest must come out in the model's order too.
        while (model.items.length > 0) expect(queue.pop()).toBe(model.pop());
        expect(queue.pop()).toBeUndefined();
      }),
      { seed: 4401, numRuns: 300 },
    );
  });

  it('keeps same-time, same-priority events first in, first out across growth', () => {
    const queue = createEventQueue<number>(16);
    for (let i = 0; i < 5000; i++) queue.push(7, 1, i);
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) out.push(queue.pop() as number);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('refuses a priority class outside [0, 256)', () => {
    const queue = createEventQueue<number>();
    expect(() => queue.push(0, 256, 1)).toThrow(/priority class/);
    expect(() => queue.push(0, -1, 1)).toThrow(/priority class/);
  });
});
