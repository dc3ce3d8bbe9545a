import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { parseScenarioText, resolveScenario } from '../../../src/core/scenario/resolve.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

const registry = createDefaultRegistry();

function problems(input: unknown): string[] {
  try {
    resolveScenario(input, registry);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

function textProblems(text: string): string[] {
  try {
    parseScenarioText(text, registry, 'bad.json');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

function withChange(change: (s: Record<string, any>) => void): Record<string, unknown> {
  const s = smallScenario() as Record<string, any>;
  change(s);
  return s;
}

describe('scenario validation', () => {
  it('accepts the small scenario and fills in defaults', () => {
    const resolved = resolveScenario(smallScenario(), registry);
    expect(resolved.topology.machines.map((m) => `${m.id}@${m.rack}`)).toEqual([
      'std-0@r1',
      'std-1@r2',
      'std-2@r1',
      'std-3@r2',
    ]);
    expect(resolved.master.allocationInterval).toBe(1_000_000);
    expect(resolved.frameworks[0]?.roles).toEqual(['*']);
    expect(resolved.horizon).toBe(3_600_000_000);
  });

  it('names an unknown field, where it is, and what is accepted', () => {
    expect(problems(withChange((s) => (s['horizn'] = '1h')))).toEqual([
      expect.stringMatching(/^\$\.horizn: unknown field "horizn"; accepted fields: .*horizon/),
    ]);
    expect(problems(withChange((s) => (s['topology'].machines[0].cpu = 4)))).toEqual([
      expect.stringMatching(/^\$\.topology\.machines\[0\]\.cpu: unknown field "cpu"/),
    ]);
  });

  it('rejects negative and NaN resources with their path', () => {
    expect(problems(withChange((s) => (s['topology'].machines[0].resources.cpus = -4)))).toEqual([
      '$.topology.machines[0].resources.cpus: resource amounts are finite numbers ≥ 0',
    ]);
    expect(problems(withChange((s) => (s['workloads'][0].options.resources.mem = Number.NaN)))[0]).toMatch(
      /^\$\.workloads\[0\]\.options\.resources\.mem: /,
    );
  });

  it('rejects a task larger than any machine', () => {
    expect(problems(withChange((s) => (s['workloads'][0].options.resources = { cpus: 64 })))).toEqual([
      '$.workloads[0].options.resources: a task of cpus:64 is larger than any machine',
    ]);
  });

  it('rejects unknown plugin names and lists the registered ones', () => {
    expect(problems(withChange((s) => (s['allocator'].policy = 'drff')))).toEqual([
      expect.stringMatching(/^\$\.allocator\.policy: unknown allocator "drff"; registered: .*static-partition/),
    ]);
    expect(problems(withChange((s) => (s['frameworks'][0].scheduler = 'nope')))[0]).toMatch(
      /^\$\.frameworks\[0\]\.scheduler: unknown framework "nope"/,
    );
  });

  it('rejects bad durations, references and duplicates', () => {
    expect(problems(withChange((s) => (s['horizon'] = '-1h')))[0]).toMatch(/^\$\.horizon: "-1h" is not a duration/);
    expect(problems(withChange((s) => (s['horizon'] = 0)))[0]).toBe('$.horizon: must be greater than zero');
    expect(problems(withChange((s) => (s['workloads'][0].framework = 'ghost')))[0]).toMatch(
      /^\$\.workloads\[0\]\.framework: unknown framework "ghost"/,
    );
    expect(problems(withChange((s) => s['frameworks'].push({ id: 'batch', scheduler: 'batch-first-fit' })))).toContain(
      '$.frameworks[1].id: duplicate framework id "batch"',
    );
    expect(problems(withChange((s) => (s['topology'].machines[0].racks = ['r9'])))).toEqual([
      '$.topology.machines[0].racks[0]: unknown rack "r9"; racks: r1, r2',
    ]);
  });

  it('checks static partitions against the topology and the frameworks', () => {
    expect(problems(withChange((s) => (s['allocator'].options.partitions = { batch: { count: 5 } })))).toEqual([
      '$.allocator.options.partitions.batch.count: asks for 5 machines but only 4 are not in another partition',
    ]);
    expect(
      problems(
        withChange((s) => (s['allocator'].options.partitions = { batch: { racks: ['r1'] }, other: { racks: ['r1'] } })),
      ),
    ).toEqual([
      '$.allocator.options.partitions.other: machine std-0 is already in the partition of "batch"',
      '$.allocator.options.partitions.other: machine std-2 is already in the partition of "batch"',
      '$.allocator.options.partitions.other: unknown framework "other"; frameworks: batch',
    ]);
  });

  it('reports malformed JSON with file, line and column', () => {
    expect(textProblems('{\n  "seed": 1,\n}')).toEqual([
      expect.stringMatching(/^bad\.json:3:1: \$: malformed JSON: .*(no comments, no trailing commas)/),
    ]);
    expect(textProblems('')).toEqual([expect.stringMatching(/^bad\.json:1:1: \$: malformed JSON/)]);
  });

  it('locates content problems in the file by line', () => {
    const text = JSON.stringify(
      withChange((s) => (s['seed'] = true)),
      null,
      2,
    );
    const line = text.split('\n').findIndex((l) => l.includes('"seed"')) + 1;
    expect(textProblems(text)).toEqual([expect.stringMatching(new RegExp(`^bad\\.json:${line}:3: \\$\\.seed: `))]);
  });
});

describe('tagged fields report the chosen variant’s own errors', () => {
  it('points into an arrival process, a distribution and a profile', () => {
    expect(
      problems(withChange((s) => (s['workloads'][0].options.arrivals = { process: 'poisson', meanInterval: 0 }))),
    ).toEqual(['$.workloads[0].options.arrivals.meanInterval: must be greater than zero']);
    expect(problems(withChange((s) => (s['workloads'][0].options.duration = { dist: 'gamma', shape: 2 })))).toEqual([
      '$.workloads[0].options.duration.dist: unknown dist "gamma"; accepted: fixed, uniform, exponential, lognormal, pareto, empirical',
    ]);
    expect(
      problems(
        withChange(
          (s) =>
            (s['workloads'][0].options.arrivals = {
              process: 'poisson',
              meanInterval: '1m',
              profile: { shape: 'sinusoid', peak: '2h', min: 1, max: 0.5 },
            }),
        ),
      ),
    ).toEqual(['$.workloads[0].options.arrivals.profile.max: max must be ≥ min']);
    expect(problems(withChange((s) => (s['workloads'][0].options.arrivals = { every: '1m' })))[0]).toMatch(
      /^\$\.workloads\[0\]\.options\.arrivals: missing "process"; expected \{ "process": "once" \| "list" \| "periodic" \| "poisson" \| "renewal", … \}$/,
    );
    expect(problems(withChange((s) => (s['workloads'][0].options.tasks = true)))[0]).toMatch(
      /^\$\.workloads\[0\]\.options\.tasks: /,
    );
  });
});
