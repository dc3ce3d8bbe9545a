import { describe, expect, it } from 'vitest';
import { buildTopology } from '../../../../src/core/cluster/topology.ts';
import { ScenarioError } from '../../../../src/core/scenario/issues.ts';
import { marathonFramework } from '../../../../src/policies/frameworks/marathon/marathonFramework.ts';
import { parseTimerTag, timerTag, type MarathonTimer } from '../../../../src/policies/frameworks/marathon/timerTags.ts';
import { runSimulation } from '../../../../src/run.ts';
import { marathonRegistry, marathonScenario } from './marathonHarness.ts';

const parse = (apps: unknown[]) => marathonFramework.options.safeParse({ apps });
const issuesOf = (apps: unknown[]) =>
  (parse(apps).error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));

describe('marathon options', () => {
  it('fills Marathon defaults: version v1, backoff 1 s × 1.15 ≤ 3600 s (app.raml, AppDefinition), upgrade strategy 1/1, decline filter 120 s', () => {
    const options = marathonFramework.options.parse({ apps: [{ id: 'web', instances: 3, resources: { cpus: 1 } }] });
    expect(options.refuseSeconds).toBe(120);
    expect(options.sampleSeconds).toBe(60);
    expect(options.apps[0]).toMatchObject({
      id: 'web',
      version: 'v1',
      constraints: [],
      killGraceSeconds: 0,
      backoff: { backoffSeconds: 1, backoffFactor: 1.15, maxLaunchDelaySeconds: 3600 },
      upgradeStrategy: { minimumHealthCapacity: 1, maximumOverCapacity: 1 },
      events: [],
    });
  });

  it('parses constraints in array form, durations of events, and deploy strategies', () => {
    const options = marathonFramework.options.parse({
      apps: [
        {
          id: 'web',
          instances: 3,
          resources: { cpus: 1 },
          constraints: [['rack', 'GROUP_BY', '3'], { field: 'hostname', operator: 'UNIQUE' }],
          events: [
            { at: '2h', scale: 3000 },
            { at: '3h', deploy: { version: 'v2', canary: { instances: 2 } } },
            { at: '4h', deploy: { version: 'v3' } },
          ],
        },
      ],
    });
    const app = options.apps[0]!;
    expect(app.constraints).toEqual([
      { field: 'rack', operator: 'GROUP_BY', value: '3' },
      { field: 'hostname', operator: 'UNIQUE' },
    ]);
    expect(app.events[0]).toEqual({ at: 7_200_000_000, scale: 3000 });
    // Canary settings without a strategy mean a canary; the other fields take their defaults.
    expect(app.events[1]).toMatchObject({
      at: 10_800_000_000,
      deploy: {
        version: 'v2',
        strategy: 'canary',
        errorRate: 0,
        canary: { instances: 2, isolatedSeconds: 300, trafficFraction: 0.1, partialSeconds: 600, errorThreshold: 0.05 },
      },
    });
    expect(app.events[2]).toMatchObject({ deploy: { version: 'v3', strategy: 'rolling' } });
  });

  it('reports errors inside events and rates with their own path and message', () => {
    expect(issuesOf([{ id: 'web', instances: 1, resources: {}, events: [{ at: '1h', scale: 2.5 }] }])).toEqual([
      { path: ['apps', 0, 'events', 0, 'scale'], message: 'scale is a whole number ≥ 0' },
    ]);
    expect(
      issuesOf([
        {
          id: 'web',
          instances: 1,
          resources: {},
          events: [{ at: '1h', deploy: { version: 'v2', strategy: 'rolling', canary: {} } }],
        },
      ]),
    ).toEqual([
      {
        path: ['apps', 0, 'events', 0, 'deploy', 'canary'],
        message: 'canary settings need "strategy": "canary", not "rolling"',
      },
    ]);
    const unknownField = issuesOf([
      { id: 'web', instances: 1, resources: {}, events: [{ at: '1h', deploy: { version: 'v2', errorrate: 0.2 } }] },
    ]);
    expect(unknownField).toHaveLength(1);
    expect(unknownField[0]?.path).toEqual(['apps', 0, 'events', 0, 'deploy', 'errorrate']);
    expect(unknownField[0]?.message).toMatch(
      /unknown field "errorrate"; accepted fields: version, strategy, canary, errorRate, failures/,
    );
    expect(issuesOf([{ id: 'web', instances: 1, resources: {}, events: [{ at: '1h' }] }])[0]?.message).toMatch(
      /an event is \{ "at": "2h", "scale": 3000 \}/,
    );
    expect(
      issuesOf([
        {
          id: 'web',
          instances: 1,
          resources: {},
          load: { rps: { peakRps: -1, profile: { shape: 'hourly', values: Array(24).fill(1) } }, rpsPerInstance: 10 },
        },
      ]),
    ).toEqual([{ path: ['apps', 0, 'load', 'rps', 'peakRps'], message: 'peakRps must be ≥ 0' }]);
  });

  it('rejects duplicate app ids and autoscaling without a load', () => {
    expect(
      issuesOf([
        { id: 'a', instances: 1, resources: {} },
        { id: 'a', instances: 1, resources: {} },
      ]),
    ).toEqual([{ path: ['apps', 1, 'id'], message: 'duplicate app id "a"' }]);
    expect(issuesOf([{ id: 'a', instances: 1, resources: {}, autoscale: { maxInstances: 4 } }])).toEqual([
      { path: ['apps', 0, 'autoscale'], message: 'app "a": autoscale needs a "load" to scale from' },
    ]);
  });

  it('check: an instance larger than every machine is an error naming the app and the path', () => {
    const topology = buildTopology(['r1'], [{ class: 'std', count: 2, resources: { cpus: 8, mem: 16384 } }]);
    const options = marathonFramework.options.parse({
      apps: [
        { id: 'ok', instances: 1, resources: { cpus: 8 } },
        { id: 'db', instances: 1, resources: { cpus: 4, mem: 32768 } },
      ],
    });
    expect(marathonFramework.check?.(options, { topology, frameworkIds: ['marathon'] })).toEqual([
      {
        path: ['apps', 1, 'resources'],
        message:
          'app "db": one instance needs cpus:4; mem:32768, more than any machine has (machines: cpus:8; mem:16384)',
      },
    ]);
  });

  it('the check stops a scenario before it runs, with the full JSON path', () => {
    const scenario = marathonScenario(
      { apps: [{ id: 'db', instances: 1, resources: { cpus: 64 } }] },
      { machines: [{ class: 'm', count: 1, resources: { cpus: 8 } }] },
      '1m',
    );
    let error: unknown;
    try {
      runSimulation(scenario, { registry: marathonRegistry(), wallClock: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues).toEqual([
      {
        path: ['frameworks', 0, 'options', 'apps', 0, 'resources'],
        message: 'app "db": one instance needs cpus:64, more than any machine has (machines: cpus:8)',
      },
    ]);
  });

  it('timer tags round-trip', () => {
    const timers: MarathonTimer[] = [
      { kind: 'sample' },
      { kind: 'event', app: 3, event: 1 },
      { kind: 'health-check', app: 0, taskId: 'web.v1.7' },
      { kind: 'health-verdict', app: 2, taskId: 'a-b_c.v2.0' },
      { kind: 'backoff', app: 1 },
      { kind: 'deployment', app: 0, deploymentId: 'web-deploy-2', phase: 'canary-partial' },
    ];
    for (const timer of timers) expect(parseTimerTag(timerTag(timer))).toEqual(timer);
    expect(parseTimerTag('event|x|1')).toBeUndefined();
    expect(parseTimerTag('other')).toBeUndefined();
  });
});
