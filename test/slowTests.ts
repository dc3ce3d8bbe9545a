/**
 * The test files that run whole scenarios many times, spawn the CLI or pack the library: they run
 * in `npm run test:slow` (CI runs it after `npm test`), so that `npm test` stays quick.
 */
export const SLOW_TESTS: readonly string[] = [
  'test/cli/**/*.test.ts',
  'test/compare/compare.test.ts',
  'test/package/pack.test.ts',
  'test/examples.test.ts',
  'test/seedScenarios.test.ts',
  'test/demo.test.ts',
  'test/golden/**/*.test.ts',
  'test/datajetFailover.test.ts',
  'test/rackFailure.test.ts',
  'test/properties/invariants.slow.test.ts',
  'test/workloads/traces/traceMemory.test.ts',
  'test/properties/failures.property.test.ts',
  'test/properties/taskLifecycle.property.test.ts',
  'test/policies/mesos/nsdiAnalyticModel.test.ts',
];
