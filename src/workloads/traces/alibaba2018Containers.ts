import { z } from 'zod';
import { missingFileIssues } from '../traceFiles.ts';
import type { Arrival, TaskTemplate, WorkloadPlugin } from '../../core/plugins/workload.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import type { TraceWorkloadSource } from './alibabaArrivals.ts';
import { openAlibabaRows } from './alibabaFiles.ts';
import { simulationTime, timeWindowField } from './alibabaReplay.ts';
import { keyedSampler } from './alibabaSampling.ts';
import { readAlibaba2018ContainerApps } from './alibaba2018ContainerMeta.ts';

const positive = z.number().positive().finite();

/**
 * Option fields shared by the container readers (the workload and alibaba2018Apps).
 *
 * @example
 * ```ts
 * strictObject(containerOptionFields).parse({ file: 'container_meta.csv' }).cpu; // 'request'
 * ```
 */
export const containerOptionFields = {
  /** The `container_meta.csv` file (no header), relative to the scenario file's folder. */
  file: z.string().min(1, 'file names the trace file'),
  /** Containers first seen at or after `to` are left out; apps first seen before `from` start at 0. */
  timeWindow: timeWindowField.default({ from: 0, to: Number.POSITIVE_INFINITY }),
  /** Simulated seconds per trace second (for when apps appear). */
  timeScale: positive.default(1),
  /** An instance's cpus: from `cpu_request` (default) or `cpu_limit`. */
  cpu: z.enum(['request', 'limit']).default('request'),
  /** Cores per unit of the cpu column (100 = 1 core). */
  cpuUnit: positive.default(0.01),
  /** MB per unit of mem_size (normalized to [0, 100]); use the machines' memUnit. */
  memUnit: positive.default(1_000),
  resourceScale: positive.default(1),
  /** Count only rows of these statuses (e.g. ["started"]); default: every row. */
  statuses: z.array(z.string().min(1)).min(1).optional(),
  skipBadRows: z.boolean().default(false),
} as const;

const options = strictObject({
  ...containerOptionFields,
  /** Keep this fraction of the apps (whole apps, chosen from the workload's random stream). */
  sampleFraction: z.number().gt(0).max(1).default(1),
});

/**
 * Options of the `alibaba-2018-containers` workload (after parsing).
 *
 * @example
 * ```ts
 * const options: Alibaba2018ContainersOptions = alibaba2018ContainersWorkload.options.parse({ file: 'container_meta.csv' });
 * options.cpuUnit; // 0.01
 * ```
 */
export type Alibaba2018ContainersOptions = z.output<typeof options>;

/**
 * Replays the online services of the Alibaba 2018 trace (`container_meta.csv`): each deploy unit
 * (`app_du`) becomes one long-running job whose tasks are its containers (distinct container ids)
 * with the most common request among them and no duration — they run until killed. The job
 * arrives when the app's first container is first seen (apps already there at the window's start
 * arrive at 0). Container stops and moves are not replayed.
 *
 * Caveats: the file is read in one pass when the run starts (the apps must be counted before the
 * first arrives; memory grows with containers, not rows). Batch frameworks (`batch-first-fit`,
 * `elastic-batch`) treat such tasks as never-ending batch tasks: they hold their resources to the
 * horizon and the job never completes. A `marathon` framework takes its apps from its own options,
 * not from workloads: use {@link alibaba2018Apps} to write them there.
 *
 * @example
 * ```json
 * { "generator": "alibaba-2018-containers", "framework": "services", "options": { "file": "data/container_meta.csv" } }
 * ```
 */
export const alibaba2018ContainersWorkload: WorkloadPlugin<Alibaba2018ContainersOptions> = {
  name: 'alibaba-2018-containers',
  description: 'Alibaba cluster-trace-v2018 container_meta.csv: one never-ending job per deploy unit, its containers as tasks',
  options,
  check(opts) {
    return missingFileIssues(opts.file);
  },
  create(opts, context): TraceWorkloadSource {
    const { apps, skippedRows } = readAlibaba2018ContainerApps(openAlibabaRows(opts.file), opts.file, {
      ...opts,
      skipBadRows: opts.skipBadRows || context.skipBadRows,
    });
    const keep = keyedSampler(context.rng.fork('sample'), opts.sampleFraction);
    const kept = apps.filter((app) => keep(app.id));
    let index = 0;
    return {
      next(): Arrival | undefined {
        const app = kept[index++];
        if (app === undefined) return undefined;
        const time = simulationTime(Math.max(app.firstSeen, opts.timeWindow.from), opts.timeWindow, opts.timeScale);
        const template: TaskTemplate = { resources: app.resources };
        return { time, frameworkId: context.frameworkId, job: { jobId: `${context.jobIdPrefix}-${app.id}`, tasks: new Array<TaskTemplate>(app.instances).fill(template) } };
      },
      skippedRows: () => skippedRows,
    };
  },
};
