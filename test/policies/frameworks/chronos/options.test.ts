import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../../src/core/scenario/issues.ts';
import { chronosOptions, dependencyCycle } from '../../../../src/policies/frameworks/chronos/options.ts';
import { runSimulation } from '../../../../src/run.ts';
import { chronosRegistry, cronScenario } from './cronScenario.ts';

const job = (name: string, extra: Record<string, unknown>) => ({
  name,
  resources: { cpus: 1, mem: 512 },
  duration: '1m',
  ...extra,
});
const hourly = { schedule: 'R/2026-01-01T00:00:00Z/PT1H' };

/** The ScenarioError message of running a cron scenario with these jobs (fails the test when it runs). */
function scenarioError(jobs: unknown[], extra: Record<string, unknown> = {}): string {
  try {
    runSimulation(cronScenario({ ...extra, jobs }, '1h'), { registry: chronosRegistry(), wallClock: false });
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('the scenario ran');
}

describe('chronos options', () => {
  it('fills in the defaults', () => {
    const options = chronosOptions.parse({ jobs: [job('a', hourly)] });
    expect(options.epochUnixMicros).toBe(1_767_225_600_000_000); // 2026-01-01T00:00:00Z
    expect(options.refuseSeconds).toBe(5);
    // Chronos's --failure_retry (60,000 ms) and --task_epsilon (60 s), docs/docs/configuration.md.
    expect(options.failureRetry).toBe(60e6);
    expect(options.taskEpsilon).toBe(60e6);
    expect(options.jobs[0]).toMatchObject({ tasks: 1, retries: 2, failureProbability: 0 });
    expect(options.jobs[0]?.epsilon).toBeUndefined(); // the framework's taskEpsilon applies
    const custom = chronosOptions.parse({ failureRetry: '2m', jobs: [{ ...job('a', hourly), epsilon: '30m' }] });
    expect([custom.failureRetry, custom.jobs[0]?.epsilon]).toEqual([120e6, 1800e6]);
  });

  it('rejects the fields Chronos does not have', () => {
    const message = scenarioError([job('a', { ...hourly, deadlineSeconds: 600 })]);
    expect(message).toContain('deadlineSeconds');
    expect(message).toContain('epsilon'); // among the accepted fields
  });

  it('finds dependency cycles, in job order', () => {
    expect(
      dependencyCycle([
        { name: 'a', parents: ['b'] },
        { name: 'b', parents: ['c'] },
        { name: 'c', parents: ['a'] },
      ]),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(dependencyCycle([{ name: 'a', parents: ['a'] }])).toEqual(['a', 'a']);
    // A diamond is not a cycle.
    expect(
      dependencyCycle([
        { name: 'a' },
        { name: 'b', parents: ['a'] },
        { name: 'c', parents: ['a'] },
        { name: 'd', parents: ['b', 'c'] },
      ]),
    ).toBeUndefined();
  });
});

describe('chronos scenario errors carry the JSON path', () => {
  it('a schedule that is not ISO 8601', () => {
    const message = scenarioError([job('a', { schedule: 'R/2026-01-01T00:00:00Z/1H' })]);
    expect(message).toContain('$.frameworks[0].options.jobs[0].schedule');
    expect(message).toContain('the period "1H" is not an ISO 8601 duration (it must start with P: PT1H)');
  });

  it('a start without a time zone, a day that does not exist, R0', () => {
    expect(scenarioError([job('a', { schedule: 'R/2026-01-01T02:00:00/PT1H' })])).toMatch(
      /\$\.frameworks\[0\]\.options\.jobs\[0\]\.schedule: .*no time zone: add Z for UTC/,
    );
    expect(scenarioError([job('a', hourly), job('b', { schedule: 'R/2026-02-30T00:00:00Z/P1D' })])).toMatch(
      /\$\.frameworks\[0\]\.options\.jobs\[1\]\.schedule: .*day 30 does not exist/,
    );
    expect(scenarioError([job('a', { schedule: 'R0/2026-01-01T00:00:00Z/PT1H' })])).toContain(
      '$.frameworks[0].options.jobs[0].schedule: "R0/2026-01-01T00:00:00Z/PT1H": R0 never runs',
    );
  });

  it('a bad epoch', () => {
    expect(scenarioError([job('a', hourly)], { epoch: '2026-01-01' })).toContain(
      '$.frameworks[0].options.epoch: "2026-01-01" is not a date-time',
    );
  });

  it('neither or both of schedule and parents', () => {
    expect(scenarioError([job('a', {})])).toContain('$.frameworks[0].options.jobs[0]: give exactly one of "schedule"');
    expect(scenarioError([job('a', hourly), job('b', { ...hourly, parents: ['a'] })])).toContain(
      '$.frameworks[0].options.jobs[1]: give exactly one of "schedule"',
    );
  });

  it('an unknown parent, a duplicate name, a cycle', () => {
    expect(scenarioError([job('a', hourly), job('b', { parents: ['nope'] })])).toContain(
      '$.frameworks[0].options.jobs[1].parents[0]: unknown job "nope"; jobs: a, b',
    );
    expect(scenarioError([job('a', hourly), job('a', hourly)])).toContain(
      '$.frameworks[0].options.jobs[1].name: duplicate job name "a"',
    );
    expect(
      scenarioError([job('root', hourly), job('x', { parents: ['y'] }), job('y', { parents: ['x', 'root'] })]),
    ).toContain('$.frameworks[0].options.jobs[1].parents: dependency cycle x → y → x');
  });

  it('a task larger than any machine', () => {
    expect(scenarioError([job('big', { ...hourly, resources: { cpus: 64 } })])).toContain(
      '$.frameworks[0].options.jobs[0].resources: a task of',
    );
  });
});
