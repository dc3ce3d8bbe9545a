import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../fixtures/cli.ts';
import { smallScenario } from '../fixtures/scenarios.ts';

const dir = mkdtempSync(join(tmpdir(), 'clustersim-invariants-'));

/** Preloaded to break `static-partition` in the CLI's process (see the fixture). */
const FAULTY = ['--import', 'tsx', '--import', new URL('../fixtures/faultyAllocator.ts', import.meta.url).pathname];

function run(
  name: string,
  scenario: object,
  ...flags: string[]
): { code: number | null; stdout: string; stderr: string } {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario, null, 2));
  const node = name === 'broken' ? [...FAULTY, ...CLI.slice(2)] : CLI;
  const result = spawnSync(process.execPath, [...node, 'run', file, ...flags], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('clustersim run --check-invariants', () => {
  it('runs a sound scenario to the end with every invariant checked', () => {
    const result = run('sound', smallScenario(), '--check-invariants');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });

  it('stops at a broken invariant with exit 1, naming it, the event and the seed, and writes nothing', () => {
    // The preloaded fixture makes static-partition offer resources reserved to web to batch.
    const broken = {
      seed: 9,
      horizon: '2m',
      topology: {
        machines: [{ class: 'm', count: 1, resources: { cpus: 4, mem: 4096 }, reserved: { web: { cpus: 1 } } }],
      },
      allocator: { policy: 'static-partition', options: { partitions: { batch: { count: 1 } } } },
      frameworks: [{ id: 'batch', scheduler: 'batch-first-fit', roles: ['batch'] }],
      workloads: [
        {
          generator: 'batch-jobs',
          framework: 'batch',
          options: { arrivals: { process: 'once' }, tasks: 4, resources: { cpus: 1, mem: 256 }, duration: '1m' },
        },
      ],
    };
    const out = join(dir, 'out');
    const result = run('broken', broken, '--check-invariants', '--out', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^clustersim: invariant reservations broken after event #\d+ \(allocate at 0 s\) of scenario "scenario", seed 9: machine m-0: /,
    );
    expect(result.stderr).toContain(
      `clustersim: reproduce: clustersim run <scenario file> --seed 9 --check-invariants`,
    );
    expect(result.stderr).not.toContain('    at ');
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });
});
