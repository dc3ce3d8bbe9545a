import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MACHINES, maxMachines, topologySizeIssues } from '../../../src/core/scenario/sizeLimits.ts';
import { CLI } from '../../fixtures/cli.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

const dir = mkdtempSync(join(tmpdir(), 'clustersim-size-'));

function scenarioWith(count: number, racks: unknown = 2): string {
  const s = smallScenario() as { topology: { racks: unknown; machines: { count: number }[] }; allocator: unknown };
  s.topology.racks = racks;
  (s.topology.machines[0] as { count: number }).count = count;
  s.allocator = { policy: 'drf' };
  const file = join(dir, `s-${count}-${JSON.stringify(racks).length}.json`);
  writeFileSync(file, JSON.stringify(s, null, 2));
  return file;
}

function validate(file: string, env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, 'validate', file], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stderr: r.stderr };
}

describe('scenarios too large for memory', () => {
  it('are refused before anything is built: exit 2 naming the count, the memory estimate and the limit', () => {
    const result = validate(scenarioWith(100_000_000));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /s-100000000-1\.json:\d+:\d+: \$\.topology\.machines\[0\]\.count: the topology has 100,000,000 machines, more than the limit of 500,000 \(a run would need about 350\.0 GB for them\)/,
    );
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('follow CLUSTERSIM_MAX_MACHINES, lower or higher', () => {
    const file = scenarioWith(20);
    expect(validate(file).code).toBe(0);
    expect(validate(file, { CLUSTERSIM_MAX_MACHINES: '10' }).stderr).toMatch(
      /the topology has 20 machines, more than the limit of 10/,
    );
    expect(maxMachines({ CLUSTERSIM_MAX_MACHINES: '2000000' })).toBe(2_000_000);
    expect(maxMachines({ CLUSTERSIM_MAX_MACHINES: 'lots' })).toBe(DEFAULT_MAX_MACHINES);
  });

  it('count machines over every class, and point at the largest', () => {
    expect(topologySizeIssues([{ count: 3 }, { count: 5 }], 8)).toEqual([]);
    expect(topologySizeIssues([{ count: 3 }, { count: 6 }], 8)[0]?.path).toEqual(['topology', 'machines', 1, 'count']);
  });

  it('refuse a rack count beyond 100,000', () => {
    const result = validate(scenarioWith(4, 100_000_000));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\$\.topology\.racks/);
  });
});
