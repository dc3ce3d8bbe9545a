/**
 * The mechanism under `runSimulation`, for tools built on clustersim (debuggers, custom runners,
 * scenario linters). Not needed to run, compare or extend simulations; it may change between minor
 * versions.
 *
 * @example
 * ```ts
 * import { resolveScenario, simulate } from 'clustersim/internals';
 * const result = simulate(resolveScenario(input, createDefaultRegistry()), { observers: [] });
 * ```
 * @module clustersim/internals
 */
export { simulate, type SimulateOptions, type SimulationResult } from '../core/simulation/simulate.ts';
export { scenarioSchema, type ParsedScenario } from '../core/scenario/schema.ts';
export {
  parseScenarioText,
  withJsonLocations,
  resolveScenario,
  fitsSomeMachine,
  type ResolvedFramework,
  type ResolvedWorkload,
} from '../core/scenario/resolve.ts';
export { buildTopology } from '../core/cluster/topology.ts';
export { createMachineLedger, LedgerError, type MachineLedger } from '../core/cluster/ledger.ts';
