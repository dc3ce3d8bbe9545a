import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/kernel/rng.ts';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { traceArrivals, type ParsedRow } from '../../../src/workloads/traces/alibabaArrivals.ts';
import { RowFields, type RowSource, type TraceRow } from '../../../src/workloads/traces/alibabaFields.ts';
import { ReorderBuffer } from '../../../src/workloads/traces/alibabaReorder.ts';
import { inWindow, simulationTime, timeWindowField, traceTimeField } from '../../../src/workloads/traces/alibabaReplay.ts';
import { keyedSampler } from '../../../src/workloads/traces/alibabaSampling.ts';

/** Rows from an in-memory text (one row per line, comma-separated), recording whether it was closed. */
function memoryRows(text: string): RowSource & { closed: boolean } {
  const lines = text.split('\n');
  let index = 0;
  const source = {
    closed: false,
    next(): TraceRow | undefined {
      while (index < lines.length) {
        const line = lines[index++] ?? '';
        if (line !== '') return { line: index, fields: line.split(',') };
      }
      return undefined;
    },
    close(): void {
      source.closed = true;
    },
  };
  return source;
}

/** "time,key" rows → one-task jobs named by line. */
const parse = (row: TraceRow): ParsedRow => {
  const fields = new RowFields('mem.csv', ['time', 'key']);
  const time = fields.integer(row, 0);
  return { time, sampleKey: fields.text(row, 1), job: () => ({ jobId: `line${row.line}`, tasks: [{ resources: { cpus: 1 } }] }) };
};

function replay(text: string, overrides: { reorderWindow?: number; skipBadRows?: boolean; horizon?: number; to?: number } = {}) {
  const rows = memoryRows(text);
  const source = traceArrivals(rows, parse, {
    fields: new RowFields('mem.csv', ['time', 'key']),
    timeColumn: { name: 'time', position: 1 },
    window: { from: 0, to: overrides.to ?? Number.POSITIVE_INFINITY },
    timeScale: 1,
    reorderWindow: overrides.reorderWindow ?? 0,
    horizon: overrides.horizon ?? Number.MAX_SAFE_INTEGER,
    frameworkId: 'f',
    keep: () => true,
    skipBadRows: overrides.skipBadRows ?? false,
  });
  const out: string[] = [];
  for (let a = source.next(); a !== undefined; a = source.next()) out.push(`${a.job.jobId}@${a.time / 1e6}`);
  return { out, rows, skipped: source.skippedRows() };
}

describe('traceArrivals', () => {
  it('keeps file order for equal times and requires sorted rows by default', () => {
    expect(replay('1,a\n1,b\n2,c').out).toEqual(['line1@1', 'line2@1', 'line3@2']);
    expect(() => replay('5,a\n3,b')).toThrow(TraceError);
    expect(() => replay('5,a\n3,b')).toThrow('mem.csv:2: time 3 goes back (an earlier row has 5)');
  });

  it('sorts rows disordered within the reorder window, rejects more', () => {
    expect(replay('5,a\n3,b\n4,c\n9,d', { reorderWindow: 2 }).out).toEqual(['line2@3', 'line3@4', 'line1@5', 'line4@9']);
    expect(() => replay('5,a\n9,b\n6,c', { reorderWindow: 2 })).toThrow(/mem\.csv:3: time 6 goes back .*within reorderWindow = 2 s/);
    const skipped = replay('5,a\n9,b\n6,c\n8,d', { reorderWindow: 2, skipBadRows: true });
    expect(skipped.out).toEqual(['line1@5', 'line4@8', 'line2@9']);
    expect(skipped.skipped).toBe(1);
  });

  it('closes the file at its end, past the window, and past the horizon', () => {
    expect(replay('1,a\n2,b').rows.closed).toBe(true);
    const windowed = replay('1,a\n2,b\n10,c\nbad,d', { to: 5 }); // stops before reading the bad row
    expect(windowed.out).toEqual(['line1@1', 'line2@2']);
    expect(windowed.rows.closed).toBe(true);
    const horizon = replay('1,a\n2,b\n10,c\nbad,d', { horizon: 5e6 });
    expect(horizon.out).toEqual(['line1@1', 'line2@2']);
    expect(horizon.rows.closed).toBe(true);
  });
});

describe('ReorderBuffer', () => {
  it('releases in time order, ties by sequence, only when nothing earlier can still come', () => {
    const buffer = new ReorderBuffer<string>(10);
    buffer.offer(20, 1, 'a');
    buffer.offer(12, 2, 'b');
    buffer.offer(12, 0, 'c');
    expect(buffer.ready()).toBe(false); // 12 > 20 − 10
    buffer.note(22);
    expect(buffer.ready()).toBe(true);
    expect(buffer.accepts(11)).toBe(false);
    expect([buffer.take(), buffer.take(), buffer.take(), buffer.take()]).toEqual(['c', 'b', 'a', undefined]);
  });

  it('sorts any sequence within its window (compared with a plain sort)', () => {
    const rng = createRng(7);
    const items = Array.from({ length: 500 }, (_, i) => ({ time: i * 3 + rng.int(40), seq: i }));
    const buffer = new ReorderBuffer<number>(40);
    const out: number[] = [];
    for (const item of items) {
      buffer.offer(item.time, item.seq, item.seq);
      while (buffer.ready()) out.push(buffer.take() ?? -1);
    }
    while (buffer.size > 0) out.push(buffer.take() ?? -1);
    const expected = [...items].sort((a, b) => a.time - b.time || a.seq - b.seq).map((i) => i.seq);
    expect(out).toEqual(expected);
  });
});

describe('keyedSampler', () => {
  it('decides by key and seed only, at about the asked rate', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `j_${i}`);
    const keep = keyedSampler(createRng(3).fork('s'), 0.25);
    const again = keyedSampler(createRng(3).fork('s'), 0.25);
    const kept = keys.filter(keep);
    expect(keys.filter(again)).toEqual(kept);
    expect([...keys].reverse().filter(keep).reverse()).toEqual(kept); // order does not matter
    // 4000 × 0.25 = 1000, sd ≈ 27: within ±5 sd.
    expect(kept.length).toBeGreaterThan(865);
    expect(kept.length).toBeLessThan(1135);
    expect(keys.filter(keyedSampler(createRng(4).fork('s'), 0.25))).not.toEqual(kept);
    expect(keys.every(keyedSampler(createRng(3).fork('s'), 1))).toBe(true);
  });
});

describe('replay fields', () => {
  it('parse trace times and windows; map trace time to simulation time', () => {
    expect(traceTimeField.parse(-90)).toBe(-90);
    expect(traceTimeField.parse('1h30m')).toBe(5400);
    expect(traceTimeField.safeParse('later').success).toBe(false);
    expect(timeWindowField.parse({})).toEqual({ from: 0, to: Number.POSITIVE_INFINITY });
    expect(timeWindowField.safeParse({ from: '2h', to: '1h' }).success).toBe(false);
    expect(simulationTime(7200, { from: 3600, to: 9000 }, 0.5)).toBe(1_800_000_000);
    expect(inWindow(9000, { from: 3600, to: 9000 })).toBe(false);
  });
});
