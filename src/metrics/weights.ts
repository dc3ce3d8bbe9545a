import type { WeightChange } from './fairness.ts';

/**
 * Role weights at the start of a run, as an allocator's options set them (`roles.<role>.weight`,
 * as the Mesos policies take them); {} when the options name none (every role weighs 1).
 *
 * @example
 * ```ts
 * initialRoleWeights({ roles: { web: { weight: 2 }, batch: {} } }); // { web: 2 }
 * initialRoleWeights(undefined);                                     // {}
 * ```
 */
export function initialRoleWeights(allocatorOptions: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof allocatorOptions !== 'object' || allocatorOptions === null) return out;
  const roles = (allocatorOptions as { roles?: unknown }).roles;
  if (typeof roles !== 'object' || roles === null) return out;
  for (const [role, settings] of Object.entries(roles)) {
    const weight =
      typeof settings === 'object' && settings !== null ? (settings as { weight?: unknown }).weight : undefined;
    if (typeof weight === 'number' && Number.isFinite(weight) && weight > 0) out[role] = weight;
  }
  return out;
}

/**
 * The `update-weight` operations of a scenario, as weight changes (times in µs).
 *
 * @example
 * ```ts
 * weightChangesOf([{ at: 60_000_000, op: 'update-weight', role: 'web', weight: 3 }]); // [{ at: 60_000_000, role: 'web', weight: 3 }]
 * ```
 */
export function weightChangesOf(
  operations: readonly { readonly at: number; readonly op: string; readonly role: string; readonly weight?: number }[],
): WeightChange[] {
  const out: WeightChange[] = [];
  for (const o of operations)
    if (o.op === 'update-weight' && o.weight !== undefined) out.push({ at: o.at, role: o.role, weight: o.weight });
  return out;
}
