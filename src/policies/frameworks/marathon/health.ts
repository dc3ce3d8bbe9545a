import type { Rng } from '../../../core/kernel/rng.ts';
import { microsToSeconds, secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import type { AppState, Instance } from './appState.ts';
import type { Effects } from './effects.ts';
import { checkFails, InstanceHealth } from './healthChecks.ts';
import { killInstance, setInstanceHealth } from './lifecycle.ts';
import { timerTag } from './timerTags.ts';

/**
 * Health checking of running instances, one timer per instance: the first check as the instance
 * starts running, then one per interval. A passing check is known at once, and so is a refused one
 * (the service is still warming up — `warmupSeconds` — or its failure mode says `refused`); a hung
 * one only after the check's timeout (the checker waits for an answer that never comes), so an
 * instance stays in the load balancer that long. Failures within the grace period, before the
 * first pass, are ignored.
 * @module
 */

/**
 * Starts checking a freshly running instance. Without a health check it is healthy at once.
 *
 * @example
 * ```ts
 * startHealthChecks(app, instance, secondsToMicros(10), fx); // the first check now (a timer of 0 s)
 * ```
 */
export function startHealthChecks(app: AppState, instance: Instance, nowMicros: Micros, fx: Effects): void {
  const policy = app.spec.healthCheck;
  if (policy === undefined) {
    setInstanceHealth(app, instance, true, fx);
    return;
  }
  instance.health = new InstanceHealth(policy, nowMicros);
  scheduleNextCheck(app, instance, nowMicros, fx);
}

function scheduleNextCheck(app: AppState, instance: Instance, nowMicros: Micros, fx: Effects): void {
  const due = instance.health?.nextCheckAtMicros;
  if (due === undefined) return;
  fx.timer(
    microsToSeconds(due - nowMicros),
    timerTag({ kind: 'health-check', app: app.index, taskId: instance.taskId }),
  );
}

/**
 * Runs the check due now: refused while the instance warms up; otherwise its outcome is drawn from
 * the version's failure mode. A pass or a refusal is recorded at once, a hung check when the
 * timeout has passed ({@link applyFailedCheck}).
 *
 * @example
 * ```ts
 * runHealthCheck(app, instance, rng, nowMicros, fx);
 * ```
 */
export function runHealthCheck(app: AppState, instance: Instance, rng: Rng, nowMicros: Micros, fx: Effects): void {
  if (instance.killing || instance.health === undefined) return;
  const mode = app.versions.get(instance.version)?.failures;
  const failed = checkFails(mode, rng, nowMicros);
  const warmingUp = nowMicros < instance.health.startedAtMicros + secondsToMicros(app.spec.warmupSeconds);
  const timeout = app.spec.healthCheck?.timeoutSeconds ?? 0;
  if (warmingUp || (failed && mode?.refused === true)) {
    record(app, instance, true, nowMicros, fx);
    return;
  }
  if (failed && timeout > 0) {
    fx.timer(timeout, timerTag({ kind: 'health-verdict', app: app.index, taskId: instance.taskId }));
    return;
  }
  record(app, instance, failed, nowMicros, fx);
}

/**
 * The verdict of a failed check arrives (its timeout passed).
 *
 * @example
 * ```ts
 * applyFailedCheck(app, instance, nowMicros, fx); // unhealthy; killed after maxConsecutiveFailures
 * ```
 */
export function applyFailedCheck(app: AppState, instance: Instance, nowMicros: Micros, fx: Effects): void {
  if (instance.killing || instance.health === undefined) return;
  record(app, instance, true, nowMicros, fx);
}

function record(app: AppState, instance: Instance, failed: boolean, nowMicros: Micros, fx: Effects): void {
  const health = instance.health as InstanceHealth;
  const verdict = health.recordCheck(failed, nowMicros);
  setInstanceHealth(app, instance, verdict.healthy, fx);
  if (verdict.kill) {
    killInstance(app, instance, 'unhealthy', microsToSeconds(nowMicros), fx);
    return;
  }
  // The next check is due an interval after the one just judged, whenever its verdict came.
  scheduleNextCheck(app, instance, nowMicros, fx);
}
