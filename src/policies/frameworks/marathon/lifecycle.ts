import type { TerminalTaskState } from '../../../core/plugins/framework.ts';
import type { AppState, Instance } from './appState.ts';
import type { Effects } from './effects.ts';
import { statefulHealthChanged } from './stateful.ts';
import { timerTag } from './timerTags.ts';

/**
 * The moments of an instance's life that other parts react to — health changing, being killed,
 * ending — each with the facts it reports and the launch backoff it triggers.
 * @module
 */

/**
 * Why the framework kills an instance. Only `unhealthy` counts as a failure for the launch
 * backoff: the others are the framework's own choice, like Marathon's kills (which never grow it).
 *
 * @example
 * ```ts
 * const reason: KillReason = 'scale-down';
 * ```
 */
export type KillReason = 'unhealthy' | 'scale-down' | 'deployment' | 'rollback';

/**
 * Sets an instance's health; when it changes, reports an `instance-health` fact and marks the
 * app's traffic for recomputation.
 *
 * @example
 * ```ts
 * setInstanceHealth(app, instance, true, fx); // reports { fact: 'instance-health', healthy: true } once
 * ```
 */
export function setInstanceHealth(app: AppState, instance: Instance, healthy: boolean, fx: Effects): void {
  if (!app.setHealthy(instance, healthy)) return;
  fx.report({ fact: 'instance-health', appId: app.spec.id, taskId: instance.taskId, healthy });
  fx.trafficChanged.add(app);
  statefulHealthChanged(app, instance, healthy, fx);
}

/** Records a failure of the instance's version and wakes the scheduler when the backoff is over. */
function backOff(app: AppState, instance: Instance, nowSeconds: number, fx: Effects): void {
  const delay = app.recordFailure(instance.version, nowSeconds);
  if (delay > 0) fx.timer(delay, timerTag({ kind: 'backoff', app: app.index }));
}

/**
 * Orders an instance killed: it leaves the load balancer at once (an `instance-health` fact when it
 * was healthy), stops counting as live, and ends after the app's kill grace period. A kill for
 * failed health checks counts as a failure for the launch backoff (else a version whose instances
 * never pass would be relaunched in a tight loop).
 *
 * @example
 * ```ts
 * killInstance(app, instance, 'scale-down', 120, fx); // fx.actions: [report healthy:false, kill]
 * ```
 */
export function killInstance(
  app: AppState,
  instance: Instance,
  reason: KillReason,
  nowSeconds: number,
  fx: Effects,
): void {
  if (instance.killing) return;
  setInstanceHealth(app, instance, false, fx);
  app.markKilling(instance);
  fx.kill(instance.taskId);
  fx.trafficChanged.add(app);
  if (reason === 'unhealthy') backOff(app, instance, nowSeconds, fx);
}

/**
 * An instance ended (any terminal state). If it ended by itself — `failed`, `finished` (a
 * service exiting counts as a failure, as in Marathon) or `error` — the launch backoff grows;
 * `lost` and `dropped` (the agent or the offer went away) do not. The app's target is unchanged,
 * so a replacement is now wanted.
 *
 * @example
 * ```ts
 * instanceEnded(app, instance, 'failed', 300, fx); // replacement wanted after launchDelaySeconds(backoff, failures)
 * ```
 */
export function instanceEnded(
  app: AppState,
  instance: Instance,
  state: TerminalTaskState,
  nowSeconds: number,
  fx: Effects,
): void {
  const killedByUs = instance.killing;
  setInstanceHealth(app, instance, false, fx);
  app.remove(instance);
  fx.trafficChanged.add(app);
  if (!killedByUs && (state === 'failed' || state === 'finished' || state === 'error'))
    backOff(app, instance, nowSeconds, fx);
}
