import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUTS_MANIFEST } from '../../src/export/outputDir.ts';
import { CLI } from '../fixtures/cli.ts';
import { tinyScenario, writeSwfTraces } from '../sweep/fixtures.ts';
import { isAlive, runProcessesOf } from '../sweep/runProcesses.ts';

const dir = mkdtempSync(join(tmpdir(), 'clustersim-sweep-cli-'));
writeFileSync(join(dir, 'base.json'), JSON.stringify(tinyScenario(), null, 2));
const sweepFile = join(dir, 'sweep.json');
// 2 grid points × 2 variants × 10 seeds = 40 runs.
writeFileSync(
  sweepFile,
  JSON.stringify({
    scenario: 'base.json',
    grid: [{ path: 'master.allocationInterval', values: ['1s', '5s'] }],
    variants: ['static', 'shared'],
    seeds: 10,
    metrics: ['cpuAllocated', 'p95Wait', 'jobsCompleted'],
  }),
);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLUSTERSIM_DEBUG: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file of a sweep folder (relative path → contents), runs/ included. */
function contents(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(folder, sub), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else out.set(path, readFileSync(join(folder, path), 'utf8'));
    }
  };
  walk('');
  return out;
}

/** The files that hold a sweep's results: all but failures.jsonl, which only a sweep (not a merge) writes, and the list of outputs. */
function results(folder: string): Map<string, string> {
  const files = contents(folder);
  files.delete('failures.jsonl');
  files.delete(OUTPUTS_MANIFEST); // lists failures.jsonl after a sweep
  return files;
}

const single = join(dir, 'one-worker');
let singleRun: ReturnType<typeof cli> | undefined;
function uninterrupted(): Map<string, string> {
  singleRun ??= cli('sweep', sweepFile, '--workers', '1', '--out', single, '-q');
  expect(singleRun.stderr).toBe('');
  expect(singleRun.code).toBe(0);
  return results(single);
}

describe('clustersim sweep', () => {
  it('gives byte-identical results on 1 worker, on 2 workers, and from 2 shards merged', { timeout: 600_000 }, () => {
    const one = uninterrupted();
    expect([...one.keys()].filter((k) => !k.startsWith('runs/'))).toEqual([
      'charts/cpuAllocated.svg',
      'charts/jobsCompleted.svg',
      'charts/p95Wait.svg',
      'report.html',
      'results.csv',
      'results.jsonl',
      'summary.csv',
      'summary.jsonl',
      'sweep.json',
    ]);
    expect([...one.keys()].filter((k) => k.startsWith('runs/'))).toHaveLength(40);
    expect((one.get('results.csv') ?? '').trimEnd().split('\n')).toHaveLength(1 + 40 * 3);
    expect((one.get('summary.csv') ?? '').trimEnd().split('\n')).toHaveLength(1 + 2 * 2 * 3);

    const two = join(dir, 'two-workers');
    const run = cli('sweep', sweepFile, '--workers', '2', '--pool', 'processes', '--out', two);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('40 runs — 0 already done, 40 run now, 0 failed');
    expect(results(two)).toEqual(one);

    const threads = join(dir, 'two-threads');
    expect(cli('sweep', sweepFile, '--workers', '2', '--pool', 'threads', '--out', threads, '-q').code).toBe(0);
    expect(results(threads)).toEqual(one);

    const shards = [0, 1].map((i) => join(dir, `shard-${i}`));
    shards.forEach((out, i) => {
      const shard = cli('sweep', sweepFile, '--shard', `${i}/2`, '--workers', '1', '--out', out);
      expect(shard.code).toBe(0);
      expect(shard.stdout).toContain(`20 runs (shard ${i}/2)`);
    });
    const merged = join(dir, 'merged');
    const merge = cli('merge', ...shards, '--out', merged);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain(`merged 2 folders into ${merged}: 40 of 40 runs`);
    expect(results(merged)).toEqual(one);
  });

  it(
    'resumes after SIGTERM mid-way: no partial file, and the same results as an uninterrupted sweep',
    { timeout: 600_000 },
    async () => {
      const one = uninterrupted();
      const out = join(dir, 'killed');
      const { code, stderr } = await killAfterRuns(out, 3, 'SIGTERM', '1');
      expect(code).toBe(143);
      expect(stderr).toMatch(
        /clustersim: interrupted: \d+ runs finished and stored, \d+ to go; run the same command again to resume/,
      );
      const left = readdirSync(join(out, 'runs'));
      expect(left.filter((f) => !/^[0-9a-f]{64}\.json$/.test(f))).toEqual([]);
      expect(left.length).toBeGreaterThanOrEqual(3);
      expect(left.length).toBeLessThan(40);
      for (const f of left)
        expect(() => JSON.parse(readFileSync(join(out, 'runs', f), 'utf8')) as unknown, f).not.toThrow();
      const resumed = cli('sweep', sweepFile, '--workers', '1', '--out', out);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain(`40 runs — ${left.length} already done, ${40 - left.length} run now, 0 failed`);
      expect(results(out)).toEqual(one);
    },
  );

  it(
    'resumes after SIGKILL on 2 run processes: every stored run is whole, and the results are the same',
    { timeout: 600_000 },
    async () => {
      const one = uninterrupted();
      const out = join(dir, 'killed-hard');
      const { code, signal, children } = await killAfterRuns(out, 4, 'SIGKILL', '2');
      expect([code, signal]).toEqual([null, 'SIGKILL']);
      // Its run processes, orphaned, end by themselves (within a run, at most).
      expect(children).toHaveLength(2);
      expect(await allEnded(children, 60_000)).toEqual([]);
      const files = readdirSync(join(out, 'runs'));
      const stored = files.filter((f) => f.endsWith('.json'));
      expect(stored.length).toBeGreaterThanOrEqual(4);
      // At most the run being written when the kill came is left, under its hidden temporary name.
      const left = files.filter((f) => !stored.includes(f));
      expect(
        left.every((f) => /^\.[0-9a-f]{64}\.json\.\d+-\d+\.tmp$/.test(f)),
        left.join(', '),
      ).toBe(true);
      for (const f of stored)
        expect((JSON.parse(readFileSync(join(out, 'runs', f), 'utf8')) as { key: string }).key).toBe(f.slice(0, -5));
      expect(cli('sweep', sweepFile, '--workers', '2', '--out', out, '-q').code).toBe(0);
      // The resumed sweep removed any such leftover: the folder is exactly the uninterrupted one.
      expect(results(out)).toEqual(one);
    },
  );

  it('ends its run processes on SIGTERM before it exits', { timeout: 600_000 }, async () => {
    const out = join(dir, 'terminated');
    const { code, children } = await killAfterRuns(out, 2, 'SIGTERM', '2');
    expect(code).toBe(143);
    expect(children).toHaveLength(2);
    expect(children.filter(isAlive)).toEqual([]);
  });

  it(
    'exits 2 with one located line for a bad sweep file, a bad shard or folders of different sweeps',
    { timeout: 300_000 },
    () => {
      const bad = join(dir, 'bad.json');
      writeFileSync(
        bad,
        '{\n  "scenario": "base.json",\n  "grid": [{ "path": "master.allocationInterval", "values": [1] }],\n  "metrics": ["p95Wat"]\n}',
      );
      const result = cli('sweep', bad, '--out', join(dir, 'bad-out'));
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^clustersim: ${bad}:4:15: \\$\\.metrics\\[0\\]: unknown metric "p95Wat"; known: `),
      );
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(existsSync(join(dir, 'bad-out'))).toBe(false);

      const shard = cli('sweep', sweepFile, '--shard', '2/2', '--out', join(dir, 'bad-shard'));
      expect(shard.code).toBe(2);
      expect(shard.stderr).toContain('shard 2/2: the shard index is 0 … 1');

      const pool = cli('sweep', sweepFile, '--pool', 'cluster', '--out', join(dir, 'bad-pool'));
      expect(pool.code).toBe(2);
      expect(pool.stderr).toContain('the pool is threads or processes, e.g. --pool threads; got "cluster"');
      expect(existsSync(join(dir, 'bad-pool'))).toBe(false);

      const other = join(dir, 'other-sweep');
      const otherFile = join(dir, 'other.json');
      writeFileSync(
        otherFile,
        JSON.stringify({
          scenario: 'base.json',
          grid: [{ path: 'master.allocationInterval', values: ['2s'] }],
          seeds: 1,
        }),
      );
      expect(cli('sweep', otherFile, '--out', other, '-q').code).toBe(0);
      uninterrupted();
      const merge = cli('merge', single, other, '--out', join(dir, 'bad-merge'));
      expect(merge.code).toBe(2);
      expect(merge.stderr).toMatch(
        /^clustersim: .*other-sweep holds another sweep than .*one-worker .*only shards of one sweep merge\n$/,
      );
      expect(existsSync(join(dir, 'bad-merge'))).toBe(false);
      const into = cli('sweep', otherFile, '--out', single);
      expect(into.code).toBe(2);
      expect(into.stderr).toContain('holds the results of another sweep');

      // A folder of the user's own files is refused before any run.
      const mine = join(dir, 'mine');
      mkdirSync(mine);
      writeFileSync(join(mine, 'notes.txt'), 'mine\n');
      const foreign = cli('sweep', otherFile, '--out', mine);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr).toMatch(
        /^clustersim: --out .*mine: the folder holds files clustersim did not write there/,
      );
      expect(readdirSync(mine)).toEqual(['notes.txt']);
      expect(cli('merge', other, '--out', mine).code).toBe(2);
      expect(readdirSync(mine)).toEqual(['notes.txt']);
    },
  );

  it('reports a failing run with its error, exits 1, and keeps the others', { timeout: 300_000 }, () => {
    writeSwfTraces(dir);
    writeFileSync(
      join(dir, 'swf.json'),
      JSON.stringify({
        name: 'swf',
        horizon: '10m',
        topology: { machines: [{ class: 'std', count: 2, resources: { cpus: 64, mem: 16384 } }] },
        allocator: { policy: 'drf' },
        frameworks: [{ id: 'a', scheduler: 'rigid-batch' }],
        workloads: [{ generator: 'swf', framework: 'a', options: { file: join(dir, 'good.swf') } }],
      }),
    );
    const file = join(dir, 'swf-sweep.json');
    writeFileSync(
      file,
      JSON.stringify({
        scenario: 'swf.json',
        grid: [{ path: 'workloads[0].options.file', values: [join(dir, 'good.swf'), join(dir, 'bad.swf')] }],
        seeds: 2,
      }),
    );
    const out = join(dir, 'failing');
    const result = cli('sweep', file, '--workers', '1', '--out', out, '-q');
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^clustersim: run 2 \(workloads\[0\]\.options\.file = ".*bad\.swf"; variant swf; replication 0; seed \d+\) failed: .*bad\.swf:\d+: expected 18 fields/,
    );
    expect(lines[2]).toBe(
      `clustersim: 2 of 4 runs failed (listed above and in ${join(out, 'failures.jsonl')}); the others are stored in ${out}; run the same command again to retry the failed ones`,
    );
    expect(readFileSync(join(out, 'failures.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(2);
    expect(readdirSync(join(out, 'runs'))).toHaveLength(2);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toContain('good.swf');
  });
});

/**
 * Starts a sweep into `out` and sends `signal` once `runs` runs are stored; resolves with how it
 * ended and the run processes it had when the signal was sent.
 */
function killAfterRuns(
  out: string,
  runs: number,
  signal: NodeJS.Signals,
  workers: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; children: number[] }> {
  return new Promise((resolve, reject) => {
    const pool = workers === '1' ? [] : ['--pool', 'processes'];
    const args = [...CLI, 'sweep', sweepFile, '--workers', workers, ...pool, '--out', out, '-q'];
    const child = spawn(process.execPath, args, { env: { ...process.env, CLUSTERSIM_DEBUG: '' } });
    let stderr = '';
    let children: number[] = [];
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      const stored = existsSync(join(out, 'runs'))
        ? readdirSync(join(out, 'runs')).filter((f) => f.endsWith('.json')).length
        : 0;
      if (stored >= runs) {
        clearInterval(poll);
        children = child.pid === undefined ? [] : runProcessesOf(child.pid);
        child.kill(signal);
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stderr, children });
    });
  });
}

/** Waits up to `ms` for the processes to end; resolves with those still alive. */
async function allEnded(pids: readonly number[], ms: number): Promise<number[]> {
  const until = Date.now() + ms;
  while (pids.some(isAlive) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  return pids.filter(isAlive);
}
