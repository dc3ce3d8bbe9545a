import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../fixtures/cli.ts';

const GOLDEN = new URL('../golden/golden-scenario.json', import.meta.url).pathname;
const runArgs = (out: string): string[] => [...CLI, 'run', GOLDEN, '--out', out, '--event-log', '--quiet'];

/** Starts a run writing its event log to `out`, and kills it once the log is half written. */
async function killMidway(out: string, signal: NodeJS.Signals): Promise<{ signal: string | null; sawTemp: boolean }> {
  const child = spawn(process.execPath, runArgs(out), { stdio: 'ignore' });
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, s) => resolve(s)));
  let sawTemp = false;
  for (let i = 0; i < 1200 && !sawTemp; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const temp = existsSync(out) ? readdirSync(out).find((f) => f.endsWith('.tmp')) : undefined;
    sawTemp = temp !== undefined && statSync(join(out, temp)).size > 0;
  }
  child.kill(signal);
  return { signal: await exited, sawTemp };
}

describe('outputs are written atomically', () => {
  it('a run killed mid-way leaves no report.json or events.jsonl; the next run clears its temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clustersim-kill-'));
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
      const out = join(dir, signal);
      const killed = await killMidway(out, signal);
      // Killed while the event log was being written…
      expect(killed.sawTemp).toBe(true);
      expect(killed.signal).toBe(signal);
      // …it left only its hidden temporary file: no report, no event log.
      const left = readdirSync(out);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(/^\.events\.jsonl\.\d+\.tmp$/);
    }
    // A later run into the same folder writes both files and removes the dead run's temporary file.
    const out = join(dir, 'SIGKILL');
    expect(spawnSync(process.execPath, runArgs(out), { encoding: 'utf8' }).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.clustersim-outputs.json', 'events.jsonl', 'report.json']);
  }, 600_000);
});
