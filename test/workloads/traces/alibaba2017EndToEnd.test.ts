import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../../src/core/scenario/schema.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { runSimulation } from '../../../src/run.ts';
import { alibaba2017BatchWorkload } from '../../../src/workloads/traces/alibaba2017Batch.ts';
import { alibaba2017Failures } from '../../../src/workloads/traces/alibaba2017Failures.ts';
import { alibaba2017Machines } from '../../../src/workloads/traces/alibaba2017Machines.ts';
import { createRecorder } from '../../fixtures/recorder.ts';

const DIR = 'traces/alibaba-2017-excerpt';
const lines = (file: string): string[][] => readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l !== '').map((l) => l.split(','));

describe('replaying the Alibaba 2017 excerpt into batch-first-fit on the trace machine pool', () => {
  it('submits every Terminated task of the first 2 minutes, runs them all, and replays the machine errors', () => {
    const registry = createDefaultRegistry();
    if (!registry.names('workload').includes(alibaba2017BatchWorkload.name)) registry.registerWorkload(alibaba2017BatchWorkload);
    const pool = alibaba2017Machines(`${DIR}/server_event.csv`);
    const { failures } = alibaba2017Failures(`${DIR}/server_event.csv`, pool.machineIdOf);
    const scenario: ScenarioInput = {
      horizon: '15m',
      topology: { machines: pool.classes },
      allocator: { policy: 'drf' },
      frameworks: [{ id: 'batch', scheduler: 'batch-first-fit' }],
      workloads: [{ name: 'ali', generator: 'alibaba-2017-batch', framework: 'batch', options: { file: `${DIR}/batch_task.csv`, timeWindow: { to: '2m' } } }],
      failures: [...failures],
    };
    const recorder = createRecorder();
    const report = runSimulation(scenario, { registry, observers: [recorder], wallClock: false });

    const events = lines(`${DIR}/server_event.csv`);
    const tasks = lines(`${DIR}/batch_task.csv`).filter((r) => r[5] === 'Terminated' && Number(r[0]) < 120);
    expect(report.cluster.machines).toBe(events.filter((r) => r[2] === 'add').length);
    const batch = report.frameworks['batch'];
    expect(batch?.jobsSubmitted).toBe(tasks.length);
    // 1,313 machines × 64 cores dwarf 2 minutes of tasks: every instance starts at once.
    expect(batch?.tasksLaunched).toBe(tasks.reduce((n, r) => n + Number(r[4]), 0));
    expect(batch?.taskWaitSeconds.max).toBe(0);
    // Every launched task ended (finished, or lost with a crashed machine) or still runs at the horizon.
    const ended = Object.values(batch?.tasksEnded ?? {}).reduce((n, c) => n + c, 0);
    expect(ended + (batch?.tasksRunningAtEnd ?? 0)).toBe(batch?.tasksLaunched);
    // Errors before the horizon (900 s) became incidents on the named machines.
    const errorsInRun = events.filter((r) => r[2] !== 'add' && Number(r[0]) <= 900);
    expect(errorsInRun.length).toBeGreaterThan(0);
    expect(report.failures.incidents.map((i) => i.atSeconds)).toEqual(errorsInRun.map((r) => Number(r[0])));
    const down = recorder.of('machines-down').map((r) => r.machines);
    expect(down).toEqual(errorsInRun.map((r) => [pool.machineIdOf(r[1] ?? '')]));
    expect(report.workloads['ali']?.skippedRows).toBe(0);
  });
});
