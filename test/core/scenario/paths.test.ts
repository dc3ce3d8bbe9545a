import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../../src/compare/compare.ts';
import { isFileField, resolveScenarioPaths } from '../../../src/core/scenario/paths.ts';
import { parseScenarioText } from '../../../src/core/scenario/resolve.ts';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { scenarioWithRelativeTrace } from '../../fixtures/scenarios.ts';

describe('resolveScenarioPaths', () => {
  it('joins relative paths in file fields to the base folder, at any depth, and leaves the rest alone', () => {
    const input = {
      name: 'file',
      workloads: [{ options: { file: '../traces/a.csv', arrivals: { profile: { shape: 'trace', file: 'b.csv' } } } }],
      frameworks: [{ options: { machinesFile: 'm.csv', profile: 'p.csv', File: 'x', files: 'y' } }],
      variants: { other: { workloads: [{ options: { file: '/abs/c.csv' } }] } },
    };
    expect(resolveScenarioPaths(input, 'examples')).toEqual({
      name: 'file',
      workloads: [
        { options: { file: 'traces/a.csv', arrivals: { profile: { shape: 'trace', file: 'examples/b.csv' } } } },
      ],
      frameworks: [{ options: { machinesFile: 'examples/m.csv', profile: 'p.csv', File: 'x', files: 'y' } }],
      variants: { other: { workloads: [{ options: { file: '/abs/c.csv' } }] } },
    });
    expect(input.workloads[0]?.options.file).toBe('../traces/a.csv'); // the input is not changed
  });

  it('knows file fields by name: file, or a camelCase name ending in File', () => {
    expect(['file', 'machinesFile', 'events2File'].every(isFileField)).toBe(true);
    expect(['File', 'files', 'profile', 'filename', 'fileName'].some(isFileField)).toBe(false);
  });
});

describe('trace paths of a scenario', () => {
  const { folder: dir, scenario } = scenarioWithRelativeTrace(mkdtempSync(join(tmpdir(), 'clustersim-paths-')));

  it('resolve against the working directory for an object, naming the path tried', () => {
    expect(process.cwd()).not.toBe(dir);
    expect(() => runSimulation(scenario, { wallClock: false })).toThrow(ScenarioError);
    expect(() => runSimulation(scenario, { wallClock: false })).toThrow(
      /\$\.workloads\[0\]\.options\.file: no such file "logs\/tiny\.swf" \(relative paths are resolved against the scenario file's folder/,
    );
  });

  it('resolve against baseDir in runSimulation and compare', async () => {
    const report = runSimulation(scenario, { wallClock: false, baseDir: dir });
    expect(report.frameworks['hpc']?.tasksLaunched).toBe(6);
    const comparison = await compare(scenario, { baseDir: dir, seeds: 1, wallClock: false });
    expect(comparison.runs).toHaveLength(1);
    expect(comparison.examples['relative']?.frameworks['hpc']?.tasksLaunched).toBe(6);
  });

  it("resolve against the folder of parseScenarioText's file name; an absolute path stays as it is", () => {
    const registry = createDefaultRegistry();
    const parsed = parseScenarioText(JSON.stringify(scenario), registry, join(dir, 'scenario.json'));
    expect(parsed.workloads[0]?.options).toMatchObject({ file: join(dir, 'logs', 'tiny.swf') });
    const absolute = {
      ...scenario,
      workloads: [{ ...scenario.workloads?.[0], options: { file: join(dir, 'logs', 'tiny.swf') } }],
    };
    const elsewhere = parseScenarioText(JSON.stringify(absolute), registry, join(tmpdir(), 'other', 'scenario.json'));
    expect(runSimulation(elsewhere, { registry, wallClock: false }).frameworks['hpc']?.tasksLaunched).toBe(6);
  });
});
