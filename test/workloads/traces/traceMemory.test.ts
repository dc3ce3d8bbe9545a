import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeGoogleTrace } from '../../../bench/googleTraceGenerator.ts';
import type { TraceReplayMeasurement } from '../../../bench/traceReplayWorker.ts';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'clustersim-trace-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Replays a trace file through the google-2011 source in a fresh process; its peak RSS is its own. */
function replayInChild(file: string): Promise<TraceReplayMeasurement> {
  const script = new URL('../../../bench/traceReplayWorker.ts', import.meta.url);
  return new Promise((resolve, reject) => {
    const child = fork(script, [file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: TraceReplayMeasurement | undefined;
    child.once('message', (m) => (result = m as TraceReplayMeasurement));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 && result !== undefined ? resolve(result) : reject(new Error(`replay exited with ${code}`)),
    );
  });
}

describe('trace replay memory', () => {
  it('stays flat in the trace length: a 200 MB trace peaks about where a 50 MB one does', async () => {
    const small = join(dir, 'small.csv');
    const large = join(dir, 'large.csv');
    const smallRows = writeGoogleTrace(small, 50 * MiB, 1).rows;
    const largeRows = writeGoogleTrace(large, 200 * MiB, 1).rows;
    const a = await replayInChild(small);
    const b = await replayInChild(large);
    // Every row was read: the replay streamed the whole file.
    expect(a.rows).toBe(smallRows);
    expect(b.rows).toBe(largeRows);
    expect(b.rows).toBeGreaterThan(3.5 * a.rows);
    // Four times the rows, and the peak grows by less than a fifth of the small file's size
    // (holding the trace, or a per-row record, would add well over 150 MiB).
    expect(b.peakRssMiB - a.peakRssMiB).toBeLessThan(40);
    expect(b.peakRssMiB).toBeLessThan(200 + 50);
  }, 600_000);
});
