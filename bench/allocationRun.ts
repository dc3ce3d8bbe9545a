/**
 * One Mesos allocation run at scale: 10,000 agents × 100 frameworks in 10 roles, DRF sorters.
 * Three situations, each timed over several runs (median, fixed seed):
 * - full: every agent is free (all offers given back between runs) — the worst case;
 * - churn: between runs 10% of agents get their resources back, 5 frameworks suppress and 5
 *   revive, 5 deactivate and 5 re-activate, 50 agents leave and 50 join;
 * - idle: everything is held — the cost of a run with nothing to offer.
 * Run: npm run bench -- --only allocation (or npx tsx bench/allocationRun.ts)
 */
import { createRng } from '../src/core/kernel/rng.ts';
import {
  createMesosAllocator,
  type MesosAllocatorApi,
  type StandaloneOffer,
} from '../src/policies/allocators/mesos/standalone.ts';
import { startWallTimer } from '../src/wallClock.ts';
import { formatNumber, formatTable } from './table.ts';
import { median } from './timing.ts';

/** Sizes of the allocation bench. */
export interface AllocationBenchSize {
  readonly agents: number;
  readonly frameworks: number;
  readonly roles: number;
  readonly runs: number;
}

/** Median milliseconds per allocation run, per situation, and offers made per run. */
export interface AllocationBenchResult {
  readonly situation: 'full' | 'churn' | 'idle';
  readonly medianMs: number;
  readonly minMs: number;
  readonly offersPerRun: number;
}

const AGENT = { cpus: 32, mem: 262_144, disk: 1_000_000 };

/** The sizes `npm run bench` uses: the scale the performance targets are set at. */
export const ALLOCATION_BENCH_FULL: AllocationBenchSize = { agents: 10_000, frameworks: 100, roles: 10, runs: 7 };
/** A smoke run. */
export const ALLOCATION_BENCH_QUICK: AllocationBenchSize = { agents: 1_000, frameworks: 20, roles: 4, runs: 3 };

/**
 * The figures as a plain-text table.
 *
 * @example
 * ```ts
 * console.log(formatAllocationBench(runAllocationBench(ALLOCATION_BENCH_QUICK)));
 * ```
 */
export function formatAllocationBench(results: readonly AllocationBenchResult[]): string {
  return formatTable(
    ['situation', 'ms per run (median)', 'min ms', 'offers per run'],
    results.map((r) => [
      r.situation,
      formatNumber(r.medianMs, 1),
      formatNumber(r.minMs, 1),
      formatNumber(r.offersPerRun),
    ]),
  );
}

function build(size: AllocationBenchSize): { allocator: MesosAllocatorApi; held: Map<string, StandaloneOffer> } {
  const allocator = createMesosAllocator({ seed: 1 });
  for (let i = 0; i < size.agents; i++) allocator.addAgent(`agent${i}`, { resources: AGENT });
  for (let f = 0; f < size.frameworks; f++)
    allocator.addFramework(`framework${f}`, { roles: [`role${f % size.roles}`] });
  return { allocator, held: new Map() };
}

function timeRun(allocator: MesosAllocatorApi, held: Map<string, StandaloneOffer>): { ms: number; offers: number } {
  const stop = startWallTimer();
  allocator.advance(1); // exactly one batch run (and any triggered run pending)
  const ms = stop() * 1000;
  const offers = allocator.offers();
  for (const o of offers) held.set(o.agentId, o);
  return { ms, offers: offers.length };
}

/**
 * Runs the three situations and returns their figures.
 *
 * @example
 * ```ts
 * runAllocationBench({ agents: 1000, frameworks: 10, roles: 2, runs: 3 });
 * ```
 */
export function runAllocationBench(size: AllocationBenchSize): AllocationBenchResult[] {
  const results: AllocationBenchResult[] = [];
  const rng = createRng('allocation-bench');

  // full: give everything back before each run.
  {
    const { allocator, held } = build(size);
    allocator.advance(0);
    for (const o of allocator.offers()) held.set(o.agentId, o);
    const times: number[] = [];
    let offers = 0;
    for (let r = 0; r < size.runs; r++) {
      for (const o of held.values()) allocator.recoverResources(o.frameworkId, o.agentId, o.role, o.resources);
      held.clear();
      const run = timeRun(allocator, held);
      times.push(run.ms);
      offers = run.offers;
    }
    results.push({ situation: 'full', medianMs: median(times), minMs: Math.min(...times), offersPerRun: offers });
  }

  // churn and idle share a cluster where everything starts held.
  const { allocator, held } = build(size);
  allocator.advance(0);
  for (const o of allocator.offers()) held.set(o.agentId, o);
  const idle: number[] = [];
  for (let r = 0; r < size.runs; r++) idle.push(timeRun(allocator, held).ms);
  results.push({ situation: 'idle', medianMs: median(idle), minMs: Math.min(...idle), offersPerRun: 0 });

  const churn: number[] = [];
  let churnOffers = 0;
  let nextAgent = size.agents;
  for (let r = 0; r < size.runs; r++) {
    const agents = [...held.keys()];
    rng.shuffle(agents);
    for (const agentId of agents.slice(0, Math.floor(size.agents / 10))) {
      const o = held.get(agentId) as StandaloneOffer;
      allocator.recoverResources(o.frameworkId, o.agentId, o.role, o.resources);
      held.delete(agentId);
    }
    for (const agentId of agents.slice(-50)) {
      if (held.has(agentId)) held.delete(agentId);
      allocator.removeAgent(agentId);
    }
    for (let i = 0; i < 50; i++) allocator.addAgent(`agent${nextAgent++}`, { resources: AGENT });
    for (let i = 0; i < 5; i++) {
      allocator.suppress(`framework${rng.int(size.frameworks)}`);
      allocator.revive(`framework${rng.int(size.frameworks)}`);
      const f = `framework${rng.int(size.frameworks)}`;
      allocator.deactivateFramework(f);
      allocator.activateFramework(f);
    }
    const run = timeRun(allocator, held);
    churn.push(run.ms);
    churnOffers += run.offers;
  }
  results.push({
    situation: 'churn',
    medianMs: median(churn),
    minMs: Math.min(...churn),
    offersPerRun: Math.round(churnOffers / size.runs),
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatAllocationBench(runAllocationBench(ALLOCATION_BENCH_FULL)));
}
