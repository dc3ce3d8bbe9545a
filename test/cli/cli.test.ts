import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioWithRelativeTrace, smallScenario } from '../fixtures/scenarios.ts';

import { CLI } from '../fixtures/cli.ts';
const dir = mkdtempSync(join(tmpdir(), 'clustersim-cli-'));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CLUSTERSIM_DEBUG: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scenarioFile(name: string, content: string | object): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function mutated(change: (s: Record<string, any>) => void): object {
  const s = smallScenario() as Record<string, any>;
  change(s);
  return s;
}

describe('clustersim CLI', () => {
  it('runs a scenario, prints a summary and writes report.json and the event log', () => {
    const out = join(dir, 'ok');
    const result = cli('run', scenarioFile('ok.json', smallScenario()), '--out', out, '--event-log', '--no-wall-time');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/utilization \(time-weighted, allocated\): cpus \d+\.\d%/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.wall).toBeNull();
    const log = readFileSync(join(out, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(log).toHaveLength(report.records);
    expect(JSON.parse(log[0] as string).kind).toBe('run-started');
  });

  it("bins the report's series by --series-step, and exits 2 naming a bad step before running", () => {
    const out = join(dir, 'step');
    expect(
      cli('run', scenarioFile('step.json', smallScenario()), '--series-step', '10m', '--out', out, '-q').code,
    ).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.utilization.series.stepSeconds).toBe(600);
    expect(report.utilization.series.allocated.cpus).toHaveLength(6); // a 1 h horizon in 10 min bins
    const bad = cli(
      'run',
      scenarioFile('step.json', smallScenario()),
      '--series-step',
      'soon',
      '--out',
      join(dir, 'bad-step'),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^clustersim: --series-step: seriesStep "soon" is not a positive duration/);
    expect(existsSync(join(dir, 'bad-step'))).toBe(false);
  });

  it('validates without running', () => {
    const result = cli('validate', scenarioFile('valid.json', smallScenario()));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid — 4 machines, 1 frameworks/);
    expect(result.stderr).toBe('');
  });

  it('warns on stderr about a resource name close to a standard one, naming file, line and path, and still runs', () => {
    const file = scenarioFile(
      'gpu.json',
      mutated((s) => (s['topology'].machines[0].resources = { cpus: 4, mem: 8192, gpu: 1 })),
    );
    // Where the name is in the file, found independently of the CLI.
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"gpu"')) + 1;
    expect(line).toBeGreaterThan(1);
    const column = (lines[line - 1] as string).indexOf('"gpu"') + 1;
    const result = cli('validate', file);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `clustersim: warning: ${file}:${line}:${column}: $.topology.machines[0].resources.gpu: did you mean "gpus"? "gpu" is not a standard resource (cpus, mem, disk, gpus), so it counts as a custom one\n`,
    );
    expect(result.stdout).toMatch(/valid/);
  });

  const badInputs: [string, string | object, RegExp][] = [
    ['malformed JSON', '{ "seed": 1, }', /bad-malformed-JSON\.json:1:14: \$: malformed JSON: property name expected/],
    ['an unknown field', mutated((s) => (s['topologyy'] = {})), /\$\.topologyy: unknown field "topologyy"/],
    [
      'a negative resource',
      mutated((s) => (s['topology'].machines[0].resources.mem = -1)),
      /\$\.topology\.machines\[0\]\.resources\.mem: resource amounts are finite numbers ≥ 0/,
    ],
    [
      'a task larger than any machine',
      mutated((s) => (s['workloads'][0].options.resources = { cpus: 1, mem: 1e9 })),
      /\$\.workloads\[0\]\.options\.resources: a task of cpus:1; mem:1000000000 is larger than any machine/,
    ],
    [
      'an unknown policy name',
      mutated((s) => (s['allocator'].policy = 'fair-share')),
      /\$\.allocator\.policy: unknown allocator "fair-share"; registered: /,
    ],
  ];

  it.each(badInputs)('exits 2 with one clear line for %s, writing nothing', (label, content, message) => {
    const out = join(dir, `out-${label.replace(/\W+/g, '-')}`);
    const result = cli('run', scenarioFile(`bad-${label.replace(/\W+/g, '-')}.json`, content), '--out', out);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 for a missing file and for a bad seed', () => {
    const missing = cli('run', join(dir, 'nope.json'), '--out', join(dir, 'never'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read scenario .*nope\.json: no such file/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const seed = cli('run', scenarioFile('seed.json', smallScenario()), '--seed', 'abc');
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/the seed must be a whole number/);
  });

  it('exits 2 for an unknown command or option', () => {
    expect(cli('frobnicate').code).toBe(2);
    expect(cli('run', 'x.json', '--colour').code).toBe(2);
  });
});

describe('clustersim run with variants', () => {
  it('runs every setup, prints them side by side and writes one report per setup', () => {
    const out = join(dir, 'variants');
    const file = scenarioFile('variants.json', {
      ...smallScenario(),
      variants: { static: {}, shared: { allocator: { policy: 'drf' } } },
    });
    const result = cli('run', file, '--out', out, '--no-wall-time');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^static\s+static-partition\s+[\d.]+/m);
    expect(result.stdout).toMatch(/^shared\s+drf\s+[\d.]+/m);
    const reports = ['static', 'shared'].map((v) => JSON.parse(readFileSync(join(out, v, 'report.json'), 'utf8')));
    expect(reports.map((r) => [r.scenario, r.allocator])).toEqual([
      ['small/static', 'static-partition'],
      ['small/shared', 'drf'],
    ]);
  });
});

describe('clustersim run --out into the folder of an earlier run', () => {
  it("leaves none of the earlier run's files this one does not write", () => {
    const out = join(dir, 'again');
    const file = scenarioFile('again.json', smallScenario());
    expect(cli('run', file, '--out', out, '--event-log', '-q').code).toBe(0);
    expect(existsSync(join(out, 'events.jsonl'))).toBe(true);
    const result = cli('run', file, '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('events.jsonl');
    expect(readdirSync(out).sort()).toEqual(['.clustersim-outputs.json', 'report.json']);
  });

  it('refuses a folder holding files clustersim did not write, unless --force, and keeps them', () => {
    const out = join(dir, 'theirs');
    mkdirSync(out);
    writeFileSync(join(out, 'paper.tex'), 'mine');
    const file = scenarioFile('theirs.json', smallScenario());
    const refused = cli('run', file, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^clustersim: --out .*theirs: the folder holds files clustersim did not write there/,
    );
    expect(readdirSync(out)).toEqual(['paper.tex']);
    expect(cli('run', file, '--out', out, '--force', '-q').code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.clustersim-outputs.json', 'paper.tex', 'report.json']);
  });
});

describe('clustersim with a trace path relative to the scenario file', () => {
  // A scenario in its own folder naming its SWF log relatively; the CLI runs from another folder.
  const { folder, scenario } = scenarioWithRelativeTrace(dir);
  const file = join(folder, 'scenario.json');
  writeFileSync(file, JSON.stringify({ ...scenario, variants: { drf: {}, fifo: { allocator: { policy: 'fifo' } } } }));

  it('validates and runs it from elsewhere', () => {
    expect(process.cwd()).not.toBe(folder);
    expect(cli('validate', file).code).toBe(0);
    const out = join(dir, 'relative-run');
    const result = cli('run', file, '--out', out, '--no-wall-time', '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'drf', 'report.json'), 'utf8'));
    expect(report.frameworks.hpc.tasksLaunched).toBe(6);
  });

  it('compares it on worker threads, which get the resolved path', () => {
    const out = join(dir, 'relative-compare');
    const result = cli('compare', file, '--seeds', '2', '--workers', '2', '--out', out, '--no-wall-time', '-q');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.runs).toHaveLength(4);
    expect(report.examples.fifo.frameworks.hpc.tasksLaunched).toBe(6);
  });
});

describe('clustersim run with a malformed trace', () => {
  // An SWF log whose second job has a run time that is not a number (line 3).
  const swf = (): string => {
    const file = join(dir, 'bad.swf');
    writeFileSync(
      file,
      '; a tiny log\n1 0 1 10 4 -1 -1 4 20 -1 1 1 1 -1 -1 -1 -1 -1\n2 5 1 abc 4 -1 -1 4 20 -1 1 1 1 -1 -1 -1 -1 -1\n3 9 1 10 2 -1 -1 2 20 -1 1 1 1 -1 -1 -1 -1 -1\n',
    );
    return scenarioFile('swf.json', {
      horizon: '1h',
      topology: { machines: [{ class: 'm', count: 2, resources: { cpus: 8, mem: 8192 } }] },
      allocator: { policy: 'drf' },
      frameworks: [{ id: 'hpc', scheduler: 'batch-first-fit' }],
      workloads: [{ name: 'log', generator: 'swf', framework: 'hpc', options: { file } }],
    });
  };

  it('stops with exit 2 and the file and line of the bad row, writing nothing', () => {
    const out = join(dir, 'swf-out');
    const result = cli('run', swf(), '--out', out);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(/^clustersim: .*bad\.swf:3: run time \(field 4\) "abc" is not a number$/);
    expect(existsSync(out)).toBe(false);
  });

  it('with --skip-bad-rows, skips and counts it, says so, and replays the rest', () => {
    const out = join(dir, 'swf-skip');
    const result = cli('run', swf(), '--skip-bad-rows', '--out', out, '--no-wall-time');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/workload log: skipped 1 malformed rows/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.workloads).toEqual({ log: { skippedRows: 1 } });
    // Jobs 1 and 3: 4 + 2 one-cpu tasks.
    expect(report.frameworks.hpc.tasksLaunched).toBe(6);
  });
});
