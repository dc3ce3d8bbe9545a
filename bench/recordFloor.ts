import { createEventLogWriting } from '../src/core/kernel/eventLog.ts';
import { recordLine } from '../src/core/simulation/recordLine.ts';
import type { SimRecord } from '../src/core/simulation/records.ts';
import { median } from './timing.ts';

/**
 * The cost of the event log alone: serialising and hashing one record, measured on records of
 * the shape a run is mostly made of (an offer made, then declined), written as a run writes them
 * (`recordLine`). Every record of a run pays at
 * least this, whatever the allocator and the frameworks do, so records × this cost is a floor
 * under a run's wall time.
 * @module
 */

/**
 * Appends `records` offer-made and offer-declined records (alternately, 10,000 agents, one
 * framework) to a fresh event log and digests it, `repetitions` times; returns the median wall
 * nanoseconds per record.
 *
 * @example
 * ```ts
 * const ns = measureRecordFloor(200_000, 1);
 * console.log(`${ns.toFixed(0)} ns per record`);
 * ```
 */
export function measureRecordFloor(records = 2_000_000, repetitions = 3): number {
  const resources = { cpus: 12, mem: 49_152 };
  const runs: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const log = createEventLogWriting<SimRecord>(recordLine);
    const start = performance.now();
    for (let i = 0; i < records; i += 2) {
      const t = 86_400_000_000 + i * 10;
      const offerId = `o${1_000_000 + i}`;
      log.append({
        t,
        kind: 'offer-made',
        offerId,
        frameworkId: 'batch-3',
        role: '*',
        agentId: `std-${i % 10_000}`,
        resources,
      } as never);
      log.append({ t, kind: 'offer-declined', offerId, frameworkId: 'batch-3', refuseSeconds: 5 });
    }
    log.digest();
    runs.push(((performance.now() - start) * 1e6) / records);
  }
  return median(runs);
}
