/**
 * A small scenario with two teams on Poisson arrivals and two setups (static partitions, shared
 * under DRF), quick enough to run many times.
 */
export function twoTeams(variants?: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const team = (id: string) => ({
    name: id,
    generator: 'batch-jobs',
    framework: id,
    options: {
      arrivals: { process: 'poisson', meanInterval: '3m' },
      tasks: { dist: 'uniform', min: 1, max: 6 },
      resources: { cpus: 1, mem: 1024 },
      duration: { dist: 'exponential', mean: '5m' },
    },
  });
  return {
    name: 'two-teams',
    seed: 11,
    horizon: '2h',
    topology: { racks: 2, machines: [{ class: 'std', count: 4, resources: { cpus: 4, mem: 16384 } }] },
    allocator: { policy: 'drf' },
    variants: variants ?? {
      static: {
        allocator: { policy: 'static-partition', options: { partitions: { a: { count: 2 }, b: { count: 2 } } } },
      },
      shared: { allocator: { policy: 'drf' } },
    },
    frameworks: [
      { id: 'a', scheduler: 'batch-first-fit' },
      { id: 'b', scheduler: 'batch-first-fit' },
    ],
    workloads: [team('a'), team('b')],
  };
}
