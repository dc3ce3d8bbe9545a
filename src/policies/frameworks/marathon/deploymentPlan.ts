import { z } from 'zod';
import { strictObject } from '../../../core/scenario/fields.ts';

/**
 * Rolling upgrades under Marathon's `upgradeStrategy` (docs/deployments.md and TaskReplaceActor of
 * mesosphere/marathon), as a stateless rule: given the counts of old and new instances, what to
 * start and what to kill now. The framework calls it after every event of the deployment.
 * @module
 */

/**
 * Marathon's upgrade strategy, both fractions of the app's instance count in [0, 1].
 *
 * @example
 * ```ts
 * const rolling: UpgradeStrategy = { minimumHealthCapacity: 0.5, maximumOverCapacity: 0.25 };
 * ```
 */
export interface UpgradeStrategy {
  /** Keep at least ceil(target × this) healthy instances (old or new) throughout. */
  readonly minimumHealthCapacity: number;
  /** Never run more than floor(target × (1 + this)) instances (old and new together). */
  readonly maximumOverCapacity: number;
}

/**
 * Marathon's default: 1 and 1 — start the whole new version beside the old, then retire the old
 * as the new become healthy.
 *
 * @example
 * ```ts
 * DEFAULT_UPGRADE_STRATEGY.minimumHealthCapacity; // 1
 * ```
 */
export const DEFAULT_UPGRADE_STRATEGY: UpgradeStrategy = { minimumHealthCapacity: 1, maximumOverCapacity: 1 };

const fraction = (name: string) =>
  z
    .number({ error: `${name} is a fraction in [0, 1]` })
    .min(0, `${name} must be in [0, 1]`)
    .max(1, `${name} must be in [0, 1]`);

/**
 * Upgrade strategy options, both optional (default 1).
 *
 * @example
 * ```ts
 * upgradeStrategySchema.parse({ minimumHealthCapacity: 0.5 }); // { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 }
 * ```
 */
export const upgradeStrategySchema = strictObject({
  minimumHealthCapacity: fraction('minimumHealthCapacity').default(DEFAULT_UPGRADE_STRATEGY.minimumHealthCapacity),
  maximumOverCapacity: fraction('maximumOverCapacity').default(DEFAULT_UPGRADE_STRATEGY.maximumOverCapacity),
});

/**
 * The counts of one app during a deployment. Instances the framework has already ordered killed
 * are not in `oldRunning`/`newRunning` (else they would be killed twice); old ones still in their
 * kill grace period go in `oldKilling`, which only counts against the capacity cap.
 *
 * @example
 * ```ts
 * const midway: DeploymentState = { target: 4, oldRunning: 2, oldHealthy: 2, newRunning: 4, newHealthy: 1 };
 * ```
 */
export interface DeploymentState {
  /** Instances wanted of the new version. */
  readonly target: number;
  /** Old-version instances running and not ordered killed. */
  readonly oldRunning: number;
  /** Of those, the healthy ones. */
  readonly oldHealthy: number;
  /** New-version instances launched or staging, not yet killed (healthy ones included). */
  readonly newRunning: number;
  /** Of those, the healthy ones. */
  readonly newHealthy: number;
  /** Old instances ordered killed that have not ended yet (default 0); they still hold capacity. */
  readonly oldKilling?: number;
}

/**
 * What to do now: launch `startNew` new instances and kill `killOld` old ones — the unhealthy old
 * ones first (the count assumes so: killing a healthy one instead could break the health floor).
 *
 * @example
 * ```ts
 * const step: DeploymentStep = { startNew: 4, killOld: 2 };
 * ```
 */
export interface DeploymentStep {
  readonly startNew: number;
  readonly killOld: number;
}

/** Absorbs floating-point noise (10 × 0.7 = 7.000000000000001) before rounding. */
const EPSILON = 1e-9;

/**
 * The healthy floor: ceil(target × minimumHealthCapacity).
 *
 * @example
 * ```ts
 * minimumHealthyInstances({ minimumHealthCapacity: 0.7, maximumOverCapacity: 1 }, 10); // 7 (not 8: rounding noise is ignored)
 * ```
 */
export function minimumHealthyInstances(strategy: UpgradeStrategy, target: number): number {
  return Math.max(0, Math.ceil(target * strategy.minimumHealthCapacity - EPSILON));
}

/**
 * The cap on old + new instances: floor(target × (1 + maximumOverCapacity)) — plus one when that
 * equals the healthy floor (e.g. minimumHealthCapacity 1 with maximumOverCapacity 0, or a single
 * instance with both below 1): then no old instance could be killed before a new one is healthy
 * and no new one could start, so, like Marathon ("allow temporary over-capacity of one instance to
 * allow restarting"), the deployment may go over by one. Marathon does so only when the app is at
 * the cap when the deployment starts; being stateless, this always allows it, which matters only
 * for an app below its target at that time.
 *
 * @example
 * ```ts
 * maximumInstances({ minimumHealthCapacity: 0.5, maximumOverCapacity: 0.5 }, 4); // 6
 * maximumInstances({ minimumHealthCapacity: 1, maximumOverCapacity: 0 }, 4);     // 5 (over by one)
 * ```
 */
export function maximumInstances(strategy: UpgradeStrategy, target: number): number {
  const cap = Math.floor(target * (1 + strategy.maximumOverCapacity) + EPSILON);
  return cap <= minimumHealthyInstances(strategy, target) ? cap + 1 : cap;
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`);
}

/**
 * The next step of a rolling upgrade, Marathon's way:
 * - kill the unhealthy old instances, and healthy old ones only as far as the healthy floor
 *   (old healthy + new healthy ≥ `minimumHealthyInstances`) allows after the kill;
 * - start new instances up to the target, as long as old running + old being killed + new running
 *   stays within `maximumInstances` (a killed instance frees its place when it ends).
 *
 * With minimumHealthCapacity 0 every old instance goes at once; with 1 they go one by one as new
 * ones become healthy. The deployment is over when `deploymentFinished`.
 *
 * @example
 * ```ts
 * const half = { minimumHealthCapacity: 0.5, maximumOverCapacity: 1 };
 * nextDeploymentStep(half, { target: 4, oldRunning: 4, oldHealthy: 4, newRunning: 0, newHealthy: 0 });
 * // { startNew: 4, killOld: 2 }: keep ceil(4 × 0.5) = 2 healthy; 4 old + 4 new ≤ floor(4 × 2) = 8
 * ```
 */
export function nextDeploymentStep(strategy: UpgradeStrategy, state: DeploymentState): DeploymentStep {
  const { target, oldRunning, oldHealthy, newRunning, newHealthy } = state;
  const oldKilling = state.oldKilling ?? 0;
  for (const [name, value] of Object.entries({ target, oldRunning, oldHealthy, newRunning, newHealthy, oldKilling }))
    checkCount(name, value);
  if (oldHealthy > oldRunning)
    throw new RangeError(`oldHealthy (${oldHealthy}) cannot exceed oldRunning (${oldRunning})`);
  if (newHealthy > newRunning)
    throw new RangeError(`newHealthy (${newHealthy}) cannot exceed newRunning (${newRunning})`);

  const spareHealthy = oldHealthy + newHealthy - minimumHealthyInstances(strategy, target);
  const killOld = oldRunning - oldHealthy + Math.min(oldHealthy, Math.max(0, spareHealthy));
  const room = maximumInstances(strategy, target) - (oldRunning + oldKilling + newRunning);
  const startNew = Math.max(0, Math.min(target - newRunning, room));
  return { startNew, killOld };
}

/**
 * Whether a deployment is complete: the target number of new instances are healthy and no old
 * instance is left (none running, none still being killed).
 *
 * @example
 * ```ts
 * deploymentFinished({ target: 3, oldRunning: 0, oldHealthy: 0, newRunning: 3, newHealthy: 3 }); // true
 * deploymentFinished({ target: 3, oldRunning: 0, oldHealthy: 0, newRunning: 3, newHealthy: 2 }); // false
 * ```
 */
export function deploymentFinished(state: DeploymentState): boolean {
  return state.newHealthy >= state.target && state.oldRunning === 0 && (state.oldKilling ?? 0) === 0;
}
