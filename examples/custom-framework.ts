// A custom framework scheduler in about 30 lines: run each job's tasks one offer at a time,
// launching at most `perOffer` tasks per offer. Run: npx tsx examples/custom-framework.ts
import { z } from 'zod';
import {
  createDefaultRegistry,
  fitsWithin,
  runSimulation,
  subtractResources,
  type FrameworkPlugin,
  type SimObserver,
  type TaskTemplate,
} from '../src/index.ts';

export const cautiousFramework: FrameworkPlugin<{ perOffer: number }> = {
  name: 'cautious',
  description: 'launches at most perOffer tasks per offer, FIFO',
  options: z.strictObject({ perOffer: z.number().int().min(1).default(2) }),
  create(options, context) {
    const queue: (TaskTemplate & { jobId: string; id: string; ready: number })[] = [];
    let next = 0;
    return {
      jobSubmitted: (job) => {
        for (const t of job.tasks)
          queue.push({ ...t, jobId: job.jobId, id: `t${next++}`, ready: context.nowSeconds() });
        return [];
      },
      resourceOffers: (offers) =>
        offers.map((offer) => {
          let free = offer.resources;
          const launches = [];
          while (queue.length > 0 && launches.length < options.perOffer && fitsWithin(queue[0]!.resources, free)) {
            const t = queue.shift()!;
            free = subtractResources(free, t.resources);
            launches.push({
              taskId: t.id,
              resources: t.resources,
              durationSeconds: t.durationSeconds ?? 60,
              jobId: t.jobId,
              readySinceSeconds: t.ready,
            });
          }
          return { kind: 'accept' as const, offerId: offer.offerId, launches, refuseSeconds: 1 };
        }),
      statusUpdate: () => [],
      pendingTasks: () => queue.length,
    };
  },
};

/** Runs a small scenario with the custom framework and returns its report. */
export function runCautiousDemo(observers: readonly SimObserver[] = []) {
  const registry = createDefaultRegistry().registerFramework(cautiousFramework);
  return runSimulation(
    {
      horizon: '2h',
      topology: { machines: [{ class: 'std', count: 4, resources: { cpus: 8, mem: 16384 } }] },
      allocator: { policy: 'static-partition', options: { partitions: { mine: { count: 4 } } } },
      frameworks: [{ id: 'mine', scheduler: 'cautious', options: { perOffer: 2 } }],
      workloads: [
        {
          generator: 'batch-jobs',
          framework: 'mine',
          options: {
            arrivals: { process: 'periodic', every: '10m' },
            tasks: 20,
            resources: { cpus: 1, mem: 1024 },
            duration: '5m',
          },
        },
      ],
    },
    { registry, observers },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = runCautiousDemo();
  console.log(report.frameworks['mine']);
}
