import { describe, expect, it } from 'vitest';
import { compare } from '../../../src/compare/compare.ts';
import { formatIssue, type LocatedIssue } from '../../../src/core/scenario/issues.ts';
import { parseScenarioText, resolveScenario } from '../../../src/core/scenario/resolve.ts';
import { resourceNameHint, resourceNameWarnings } from '../../../src/core/scenario/resourceNames.ts';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { resolveVariants } from '../../../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

const meant = (name: string): string | undefined => /did you mean "(\w+)"/.exec(resourceNameHint(name) ?? '')?.[1];

describe('resourceNameHint', () => {
  it('names the standard resource meant by a known alias', () => {
    const cases: [string, string][] = [
      ['cpu', 'cpus'],
      ['cores', 'cpus'],
      ['vcpus', 'cpus'],
      ['memory', 'mem'],
      ['ram', 'mem'],
      ['RAM', 'mem'],
      ['disks', 'disk'],
      ['storage', 'disk'],
      ['gpu', 'gpus'],
    ];
    expect(cases.map(([name]) => [name, meant(name)])).toEqual(cases);
  });

  it('names it for other letter case and one edit after the same first letter', () => {
    const cases: [string, string][] = [
      ['CPUs', 'cpus'],
      ['Mem', 'mem'],
      ['cpsu', 'cpus'], // swapped
      ['cpuss', 'cpus'], // extra
      ['disc', 'disk'], // wrong
      ['gpsu', 'gpus'],
      ['mems', 'mem'],
    ];
    expect(cases.map(([name]) => [name, meant(name)])).toEqual(cases);
  });

  it('says that ports are not modelled, and leaves standard and plainly custom names alone', () => {
    expect(resourceNameHint('port')).toMatch(/does not model Mesos's port ranges, so "port" counts as a custom scalar/);
    expect(resourceNameHint('ports')).toMatch(/port ranges/);
    for (const name of ['cpus', 'mem', 'disk', 'gpus', 'licenses', 'tpus', 'fpga', 'bandwidth', 'me', 'net_mbps'])
      expect(resourceNameHint(name), name).toBeUndefined();
  });
});

describe('warnings for resource names in a scenario', () => {
  const registry = createDefaultRegistry();
  /** The small scenario with machines of { cpus: 4, memory: 8192, Disk: 100 } and tasks asking { cpus: 1 }. */
  const misspelt = (): Record<string, any> => {
    const s = smallScenario() as Record<string, any>;
    s['topology'].machines[0].resources = { cpus: 4, memory: 8192, Disk: 100 };
    s['workloads'][0].options.resources = { cpus: 1 };
    return s;
  };

  it('are given at the JSON path of the name; the scenario is still valid, the names custom', () => {
    const resolved = resolveScenario(misspelt(), registry);
    expect(resolved.warnings.map((w) => [formatIssue(w), meant(w.path.at(-1) as string)])).toEqual([
      [`$.topology.machines[0].resources.memory: ${resourceNameHint('memory')}`, 'mem'],
      [`$.topology.machines[0].resources.Disk: ${resourceNameHint('Disk')}`, 'disk'],
    ]);
    expect(resolved.topology.machines[0]?.resources).toEqual({ cpus: 4, memory: 8192, Disk: 100 });
    expect(resolveScenario(smallScenario(), registry).warnings).toEqual([]);
    expect(resourceNameWarnings({ a: { dist: 'uniform', min: 1 }, b: { from: 0, to: 9 } })).toEqual([]);
  });

  it('carry the line and column of a file', () => {
    const text = JSON.stringify(misspelt(), null, 2);
    const [first] = parseScenarioText(text, registry, 'a.json').warnings;
    // The line holding `"memory": 8192`, found independently in the text.
    const line = text.split('\n').findIndex((l) => l.includes('"memory": 8192')) + 1;
    expect(line).toBeGreaterThan(1);
    expect(first).toMatchObject({ line, path: ['topology', 'machines', 0, 'resources', 'memory'] });
  });

  it("are placed under $.variants for a variant's own fields, and reported once by compare and by runSimulation", async () => {
    const input = {
      ...misspelt(),
      variants: {
        same: {},
        other: { topology: { machines: [{ class: 'std', count: 4, resources: { cpus: 4, gpu: 1 } }] } },
      },
    };
    const [same, other] = resolveVariants(input, registry);
    expect(same?.scenario.warnings.map((w) => formatIssue(w).split(':')[0])).toEqual([
      '$.topology.machines[0].resources.memory',
      '$.topology.machines[0].resources.Disk',
    ]);
    expect(other?.scenario.warnings.map((w) => formatIssue(w).split(':')[0])).toEqual([
      '$.variants.other.topology.machines[0].resources.gpu',
    ]);
    const compared: LocatedIssue[] = [];
    await compare(input, { seeds: 1, wallClock: false, onWarning: (w) => compared.push(w) });
    expect(compared.map((w) => w.path.at(-1))).toEqual(['memory', 'Disk', 'gpu']);
    const ran: LocatedIssue[] = [];
    runSimulation(misspelt() as ScenarioInput, { wallClock: false, onWarning: (w) => ran.push(w) });
    expect(ran.map((w) => w.path.at(-1))).toEqual(['memory', 'Disk']);
  });
});
