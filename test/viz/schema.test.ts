import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/comparisonReport.ts';
import { StreamingSample } from '../../src/metrics/streamingSample.ts';
import { runSimulation } from '../../src/run.ts';
import { exampleComparison, exampleRuns } from './fixtures.ts';

const load = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../schema/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const runSchema = load('run-report.schema.json');
const comparisonSchema = load('comparison-report.schema.json');

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const validateRun = ajv.compile(runSchema);
const validateComparison = ajv.compile(comparisonSchema);

/** A report as a JSON reader sees it (undefined fields gone, as in report.json). */
const asJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
const errors = (validate: typeof validateRun): string => ajv.errorsText(validate.errors, { separator: '\n' });

const example = (name: string, horizon: string): unknown => {
  const input = JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  return { ...input, horizon };
};

describe('schema/run-report.schema.json', () => {
  it('is a valid draft 2020-12 schema', () => {
    expect(runSchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(runSchema)).toBe(true);
  });

  it('accepts real reports of the examples (batch, services with failures, static partitions)', () => {
    for (const [name, horizon, variant] of [
      ['day-night.json', '2h', 'static'],
      ['rack-failure.json', '3h', 'shared'],
      ['static-partitions.json', '2h', undefined],
    ] as const) {
      const report = asJson(
        runSimulation(example(name, horizon) as never, {
          wallClock: false,
          ...(variant === undefined ? {} : { variant }),
        }),
      );
      expect(validateRun(report), `${name}:\n${errors(validateRun)}`).toBe(true);
    }
  });

  it('accepts a report with a measured wall clock', () => {
    const report = asJson(runSimulation(example('day-night.json', '1h') as never, { variant: 'shared' }));
    expect(validateRun(report), errors(validateRun)).toBe(true);
  });

  it('rejects a report with a field missing, a wrong type or an undocumented field', () => {
    const report = asJson(
      runSimulation(example('day-night.json', '1h') as never, { wallClock: false, variant: 'static' }),
    ) as Record<string, unknown>;
    const { eventLogHash: _, ...missing } = report;
    expect(validateRun(missing)).toBe(false);
    expect(validateRun({ ...report, simulatedSeconds: '3600' })).toBe(false);
    expect(validateRun({ ...report, surprise: 1 })).toBe(false);
    expect(validateRun({ ...report, fairness: { roles: {} } })).toBe(false);
  });

  it('accepts a summary marked approximate with its relative error, and only with both', () => {
    const report = asJson(
      runSimulation(example('day-night.json', '1h') as never, { wallClock: false, variant: 'static' }),
    ) as { frameworks: Record<string, Record<string, unknown>> };
    const [id, framework] = Object.entries(report.frameworks)[0] ?? [];
    expect(id).toBeDefined();
    const sketched = new StreamingSample({ exactSamples: 0 });
    for (const wait of [0, 0.5, 2, 40]) sketched.add(wait);
    const withWaits = (taskWaitSeconds: unknown): unknown => ({
      ...report,
      frameworks: { ...report.frameworks, [id as string]: { ...framework, taskWaitSeconds } },
    });
    expect(sketched.summary().approximate).toBe(true);
    expect(validateRun(withWaits(asJson(sketched.summary()))), errors(validateRun)).toBe(true);
    const { relativeError: _, ...noBound } = sketched.summary();
    expect(validateRun(withWaits(noBound))).toBe(false);
    expect(validateRun(withWaits({ ...sketched.summary(), approximate: false }))).toBe(false);
  });
});

describe('schema/comparison-report.schema.json', () => {
  const comparison: ComparisonReport = exampleComparison(exampleRuns());

  it('is a valid draft 2020-12 schema', () => {
    expect(ajv.validateSchema(comparisonSchema)).toBe(true);
  });

  it('accepts a comparison report built from real runs', () => {
    expect(validateComparison(asJson(comparison)), errors(validateComparison)).toBe(true);
  });

  it('rejects a bad verdict, a capacity step without its fields and an example that is not a run report', () => {
    const json = asJson(comparison) as Record<string, any>;
    const badVerdict = structuredClone(json);
    badVerdict['differences'][0].verdict = 'much better';
    expect(validateComparison(badVerdict)).toBe(false);
    const badStep = structuredClone(json);
    delete badStep['capacity'].variants.static.steps[0].meets;
    expect(validateComparison(badStep)).toBe(false);
    const badExample = structuredClone(json);
    badExample['examples'].static = { scenario: 'x' };
    expect(validateComparison(badExample)).toBe(false);
  });
});
