import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * The options of a stateful app (a data store: Elasticsearch, Cassandra, MySQL): how long a new
 * instance takes to recover its data before it serves, and, for a primary/replica store, how long
 * promoting a replica takes when the primary fails.
 * @module
 */

/**
 * Elasticsearch's default recovery rate: `indices.recovery.max_bytes_per_sec`, 40 MB/s per node
 * (Elasticsearch reference, "Index recovery settings"). Cassandra streams at
 * `stream_throughput_outbound_megabits_per_sec` = 200 Mbit/s (25 MB/s) by default
 * (cassandra.yaml); pass `recoveryMBps: 25` to model it.
 *
 * @example
 * ```ts
 * recoverySeconds({ dataGb: 100, recoveryMBps: DEFAULT_RECOVERY_MBPS }); // 2560
 * ```
 */
export const DEFAULT_RECOVERY_MBPS = 40;

/**
 * Seconds from detecting a failed primary to a promoted replica taking writes. MHA for MySQL
 * documents an automated master failover in 10–30 s (its project overview); the default takes the
 * upper end.
 *
 * @example
 * ```ts
 * const replication: ReplicationSpec = { promotionDelaySeconds: DEFAULT_PROMOTION_DELAY_SECONDS };
 * ```
 */
export const DEFAULT_PROMOTION_DELAY_SECONDS = 30;

/**
 * An app's data set: each instance holds `dataGb` GB and, when it restarts, recovers it (shard
 * recovery, bootstrap streaming, a replica's clone) at `recoveryMBps` MB/s before it serves.
 *
 * @example
 * ```ts
 * const es: StateSpec = stateSchema.parse({ dataGb: 100, recoveryMBps: 100 });
 * ```
 */
export const stateSchema = strictObject({
  dataGb: z
    .number({ error: 'dataGb is the data one instance holds, in GB (a number > 0)' })
    .positive('dataGb must be > 0')
    .finite(),
  recoveryMBps: z
    .number({ error: 'recoveryMBps is the rate an instance recovers its data at, in MB/s (a number > 0)' })
    .positive('recoveryMBps must be > 0 (MB/s)')
    .finite()
    .default(DEFAULT_RECOVERY_MBPS),
});

/**
 * A stateful app's data set, as parsed.
 *
 * @example
 * ```ts
 * const cassandra: StateSpec = { dataGb: 200, recoveryMBps: 25 };
 * ```
 */
export type StateSpec = z.output<typeof stateSchema>;

/**
 * A primary/replica app: one instance (the primary) takes writes, the others replicate it; when
 * the primary fails, a replica is promoted `promotionDelaySeconds` after the failure is noticed.
 *
 * @example
 * ```ts
 * const mysql: ReplicationSpec = replicationSchema.parse({ promotionDelaySeconds: 30 });
 * ```
 */
export const replicationSchema = strictObject({
  promotionDelaySeconds: z
    .number({ error: 'promotionDelaySeconds is a number of seconds ≥ 0' })
    .nonnegative('promotionDelaySeconds must be ≥ 0')
    .finite()
    .default(DEFAULT_PROMOTION_DELAY_SECONDS),
});

/**
 * A primary/replica app's settings, as parsed.
 *
 * @example
 * ```ts
 * const replication: ReplicationSpec = { promotionDelaySeconds: 30 };
 * ```
 */
export type ReplicationSpec = z.output<typeof replicationSchema>;

/**
 * Seconds a restarted instance takes to recover its data: dataGb × 1024 ÷ recoveryMBps.
 *
 * @example
 * ```ts
 * recoverySeconds({ dataGb: 100, recoveryMBps: 100 }); // 1024
 * ```
 */
export function recoverySeconds(state: StateSpec): number {
  return (state.dataGb * 1024) / state.recoveryMBps;
}
