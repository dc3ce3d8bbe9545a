import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceError } from '../../../src/workloads/loadTrace.ts';
import { openRowStream, traceErrorAt, type Row, type RowStream, type RowStreamOptions } from '../../../src/workloads/traces/csvStream.ts';

const GOOGLE = 'test/fixtures/traces/google-2011/task_events_part-00000-of-00500.smalljobs.csv';
const KTH = 'test/fixtures/traces/swf/KTH-SP2-1996-2.1-cln.head300.swf';
const dir = mkdtempSync(join(tmpdir(), 'csvstream-'));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function readAll(stream: RowStream): Row[] {
  const rows: Row[] = [];
  for (let row = stream.next(); row !== undefined; row = stream.next()) rows.push(row);
  return rows;
}

function rowsOf(file: string, options?: RowStreamOptions): Row[] {
  return readAll(openRowStream(file, options));
}

describe('openRowStream', () => {
  it('reads a CSV trace row by row, with 1-based line numbers, across chunk boundaries', () => {
    const lines = readFileSync(GOOGLE, 'utf8').split('\n').filter((l) => l !== '');
    for (const chunkBytes of [7, 100, 65_536]) {
      const rows = rowsOf(GOOGLE, { quote: false, chunkBytes });
      expect(rows.length).toBe(lines.length);
      expect(rows.map((r) => r.line)).toEqual(lines.map((_, i) => i + 1));
      expect(rows.map((r) => r.fields.join(','))).toEqual(lines);
    }
  });

  it('splits whitespace-separated lines, skipping comment lines but counting them in line numbers', () => {
    const lines = readFileSync(KTH, 'utf8').split('\n');
    const expected = lines
      .map((text, i) => ({ line: i + 1, fields: text.trim().split(/\s+/) }))
      .filter((_, i) => !(lines[i] as string).startsWith(';') && (lines[i] as string).trim() !== '');
    const rows = rowsOf(KTH, { delimiter: 'whitespace', skipComments: (line) => line.startsWith(';'), chunkBytes: 333 });
    expect(rows).toEqual(expected);
    expect(rows.length).toBe(300);
    expect(rows[0]?.line).toBe(20); // 19 header lines
  });

  it('keeps empty CSV fields, honours quotes, CRLF line ends and blank lines, and strips a BOM', () => {
    const file = write('mixed.csv', '\ufeffa,,"b,c"\r\n\r\n# note\r\n"x ""y""",2,\n');
    expect(rowsOf(file, { skipComments: (line) => line.startsWith('#') })).toEqual([
      { line: 1, fields: ['a', '', 'b,c'] },
      { line: 4, fields: ['x "y"', '2', ''] },
    ]);
  });

  it('passes comment predicates the line text without its line break', () => {
    const seen: string[] = [];
    const file = write('comments.csv', 'h1,h2\r\n1,2\r\n');
    rowsOf(file, { skipComments: (line) => (seen.push(line), line === 'h1,h2') });
    expect(seen).toEqual(['h1,h2', '1,2']);
  });

  it('supports other one-character delimiters and rejects longer ones', () => {
    expect(rowsOf(write('tabs.tsv', 'a\tb\n1\t2\n'), { delimiter: '\t' })).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(() => openRowStream(GOOGLE, { delimiter: '::' })).toThrow(RangeError);
  });

  it('throws TraceError for a missing file, and for unreadable CSV at its line', () => {
    expect(() => openRowStream(join(dir, 'absent.csv'))).toThrow(/absent\.csv: cannot read the trace \(no such file\)/);
    const file = write('quote.csv', 'a,b\nc,d\ne,"f"g\nh,i\n');
    const stream = openRowStream(file);
    expect(stream.next()?.fields).toEqual(['a', 'b']);
    expect(stream.next()?.fields).toEqual(['c', 'd']);
    expect(() => stream.next()).toThrow(TraceError);
    expect(() => stream.next()).toThrow(TraceError); // the error sticks: never mistaken for the end
    expect(() => readAll(openRowStream(file))).toThrow(/quote\.csv:3: not valid CSV/);
  });

  it('stops at close(), which may be called twice', () => {
    const stream = openRowStream(GOOGLE, { quote: false });
    expect(stream.next()?.line).toBe(1);
    stream.close();
    stream.close();
    expect(stream.next()).toBeUndefined();
  });

  it('builds located errors', () => {
    expect(traceErrorAt('a.swf', 7, 'bad')).toBeInstanceOf(TraceError);
    expect(traceErrorAt('a.swf', 7, 'bad').message).toBe('a.swf:7: bad');
  });
});
