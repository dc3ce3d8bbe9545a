import { z } from 'zod';

/**
 * Option fields every batch framework shares, to spread into its own options schema.
 *
 * @example
 * ```ts
 * const options = strictObject({ ...batchOptionFields, order: z.enum(['fifo', 'fair']).default('fifo') });
 * options.parse({}).refuseSeconds; // 5
 * ```
 */
export const batchOptionFields = {
  /** Filter sent with declines and with the unused part of accepts (Mesos default 5 s). */
  refuseSeconds: z.number().nonnegative().default(5),
  /** Suppress offers while nothing is pending; revive when work arrives. */
  suppressWhenIdle: z.boolean().default(true),
  /** Relaunch failed or lost work, up to this many attempts (per task, or per gang for rigid jobs). */
  maxAttempts: z.number().int().min(1).default(3),
};
