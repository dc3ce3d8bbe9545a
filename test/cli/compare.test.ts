import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoTeams } from '../compare/fixtures.ts';

import { CLI } from '../fixtures/cli.ts';
const dir = mkdtempSync(join(tmpdir(), 'clustersim-compare-'));
const scenario = join(dir, 'two-teams.json');
writeFileSync(scenario, JSON.stringify(twoTeams(), null, 2));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLUSTERSIM_DEBUG: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('clustersim compare', () => {
  it('prints each headline metric with intervals and the findings, and writes the report, CSV files and charts', () => {
    const out = join(dir, 'ok');
    const result = cli('compare', scenario, '--seeds', '3', '--out', out, '--no-wall-time');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^two-teams: 2 variants × 3 seeds \(11, 12, 13\), baseline static/);
    expect(result.stdout).toMatch(/CPU allocated \(higher is better\)\nvariant +mean % +95% CI/);
    expect(result.stdout).toMatch(/\nfindings:\n {2}- CPU allocated: /);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.seeds).toEqual([11, 12, 13]);
    expect(report.wall).toBeNull();
    expect(report.runs).toHaveLength(6);
    expect(readdirSync(out)).toEqual([
      '.clustersim-outputs.json',
      'capacity.csv',
      'charts',
      'differences.csv',
      'report',
      'report.json',
      'runs.csv',
      'series-shared.csv',
      'series-static.csv',
      'summary.csv',
    ]);
    expect(readdirSync(join(out, 'report'))).toEqual(['index.html']);
    expect(result.stdout).toContain(`HTML report: ${join(out, 'report', 'index.html')}`);
  });

  it('gives byte-identical outputs on one worker thread and on two', () => {
    const one = join(dir, 'one-worker');
    const two = join(dir, 'two-workers');
    expect(cli('compare', scenario, '--seeds', '2', '--workers', '1', '--out', one, '--no-wall-time', '-q').code).toBe(
      0,
    );
    expect(cli('compare', scenario, '--seeds', '2', '--workers', '2', '--out', two, '--no-wall-time', '-q').code).toBe(
      0,
    );
    for (const file of ['report.json', 'runs.csv', 'summary.csv', 'report/index.html']) {
      expect(readFileSync(join(two, file), 'utf8')).toBe(readFileSync(join(one, file), 'utf8'));
    }
  });

  it('removes the files of a variant no longer compared from the --out of an earlier comparison', () => {
    const out = join(dir, 'fewer');
    expect(cli('compare', scenario, '--seeds', '2', '--out', out, '-q').code).toBe(0);
    expect(readdirSync(out)).toContain('series-shared.csv');
    expect(cli('compare', scenario, '--seeds', '2', '--variants', 'static', '--out', out, '-q').code).toBe(0);
    expect(readdirSync(out)).not.toContain('series-shared.csv');
    expect(readdirSync(out)).toContain('series-static.csv');
    const listed = JSON.parse(readFileSync(join(out, '.clustersim-outputs.json'), 'utf8')).files as string[];
    expect(listed.filter((f) => f.includes('shared'))).toEqual([]);
  });

  it('refuses an --out folder with files clustersim did not write, before running anything', () => {
    const out = join(dir, 'theirs');
    mkdirSync(out);
    writeFileSync(join(out, 'data.csv'), 'mine');
    const result = cli('compare', scenario, '--seeds', '2', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--force/);
    expect(readdirSync(out)).toEqual(['data.csv']);
  });

  it('exits 2 naming the bad part of an objective, before running anything and writing nothing', () => {
    const out = join(dir, 'bad-objective');
    const result = cli('compare', scenario, '--seeds', '2', '--find-capacity', 'maxWait<1s,p95Wat<60s', '--out', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^clustersim: in "p95Wat<60s": unknown metric "p95Wat"; known: cpuAllocated, /);
    expect(existsSync(out)).toBe(false);
    const unit = cli('compare', scenario, '--find-capacity', 'p95Wait<60%');
    expect(unit.code).toBe(2);
    expect(unit.stderr).toBe(
      'clustersim: in "p95Wait<60%": p95Wait is a time; unit "%" is not one of ms, s, m, h, d; plain numbers are seconds\n',
    );
  });

  it('exits 2 with one line for bad options', { timeout: 60_000 }, () => {
    const cases: [string[], RegExp][] = [
      [['--seeds', '0'], /--seeds <n>' argument '0' is invalid\. give a number of seeds ≥ 1/],
      [['--variants', 'static,shard'], /^clustersim: unknown variant "shard"; variants: static, shared\n$/],
      [['--baseline', 'other'], /^clustersim: unknown baseline "other"; variants compared: static, shared\n$/],
      [
        ['--max-machines', '10'],
        /^clustersim: --max-machines bounds the capacity search; give --find-capacity "<objective>" too\n$/,
      ],
      [['--find-capacity', 'maxWait<1s', '--max-machines', 'lots'], /--max-machines <n>' argument 'lots' is invalid/],
    ];
    for (const [args, message] of cases) {
      const result = cli('compare', scenario, ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(cli('compare', join(dir, 'missing.json')).stderr).toBe(
      `clustersim: cannot read scenario ${join(dir, 'missing.json')}: no such file\n`,
    );
  });

  it('prints nothing with -q', () => {
    const result = cli('compare', scenario, '--seeds', '1', '--variants', 'shared', '-q');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });

  // A dozen simulations in a child process: a generous limit for a loaded machine.
  it('prints the capacity sentence of a hand-computed search', { timeout: 120_000 }, () => {
    const byHand = new URL('../../examples/capacity-by-hand.json', import.meta.url).pathname;
    const loud = cli(
      'compare',
      byHand,
      '--seeds',
      '1',
      '--variants',
      'shared,static',
      '--find-capacity',
      'maxWait<1s',
      '--max-machines',
      '30',
      '--no-wall-time',
    );
    expect(loud.code).toBe(0);
    expect(loud.stdout).toContain('static needs 20 machines, shared needs 10: shared saves 10 (50%)');
    expect(loud.stderr).toContain('clustersim: capacity shared at 10 machines: meets (maxWait 0.00 s)');
  });
});
