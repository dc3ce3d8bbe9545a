import type { AppState } from './appState.ts';
import { desiredInstances } from './autoscaling.ts';
import { advanceDeployment } from './deployment.ts';
import type { Effects } from './effects.ts';
import { killInstance } from './lifecycle.ts';

/**
 * Changing an app's instance count: by an operator (a scale event, 3 → 3000 at any time) or by its
 * autoscaler from the sampled load.
 * @module
 */

/**
 * Sets the app's desired instance count and reports it. Scaling up only raises the target (the
 * launches follow offers); scaling down kills the surplus at once — unhealthy and newest first.
 * During a deployment the deployment applies the new count to its versions.
 *
 * @example
 * ```ts
 * scaleApp(app, 3000, nowSeconds, fx); // fx: report { fact: 'app', desired: 3000, … }
 * app.need(app.current.name);          // 2997 when 3 were running
 * ```
 */
export function scaleApp(app: AppState, count: number, nowSeconds: number, fx: Effects): void {
  if (count === app.desired) return;
  app.desired = count;
  app.lastScaleAt = nowSeconds;
  fx.report({ fact: 'app', appId: app.spec.id, desired: count, version: app.current.name });
  if (app.deployment !== undefined) return advanceDeployment(app, nowSeconds, fx);
  const version = app.current.name;
  app.setTarget(version, count);
  for (const i of app.pickToKill(version, app.live(version) - count))
    killInstance(app, i, 'scale-down', nowSeconds, fx);
}

/**
 * Applies the app's autoscaling policy to the sampled demand (no-op without one).
 *
 * @example
 * ```ts
 * autoscaleApp(app, 1200, nowSeconds, fx); // with rpsPerInstance 100 and targetUtilization 0.5 → 24 instances
 * ```
 */
export function autoscaleApp(app: AppState, demandRps: number, nowSeconds: number, fx: Effects): void {
  const policy = app.spec.autoscale;
  const load = app.spec.load;
  if (policy === undefined || load === undefined) return;
  const wanted = desiredInstances(policy, demandRps, load.rpsPerInstance, app.desired, nowSeconds - app.lastScaleAt);
  scaleApp(app, wanted, nowSeconds, fx);
}
