import type { AppState } from './appState.ts';
import type { Effects } from './effects.ts';

/**
 * How fast an app's instances run: the fraction of the CPU they use that their machines give them
 * (below 1 when a full machine shares its CPUs out, or a CFS quota holds them at their
 * allocation). The load balancer's view: a slowed instance answers fewer requests in time.
 * @module
 */

/** Per app: the instances running below full speed, by task id. */
const slowed = new WeakMap<AppState, Map<string, number>>();

/**
 * Records an instance's new CPU speed; the app's traffic is recomputed when it serves.
 *
 * @example
 * ```ts
 * setInstanceSpeed(app, 'web.v1.0', 0.5, fx); // web.v1.0 now answers half its requests in time
 * ```
 */
export function setInstanceSpeed(app: AppState, taskId: string, speed: number, fx: Effects): void {
  let speeds = slowed.get(app);
  if (speeds === undefined) slowed.set(app, (speeds = new Map<string, number>()));
  if (speed >= 1) speeds.delete(taskId);
  else speeds.set(taskId, speed);
  if (app.instances.get(taskId)?.healthy === true) fx.trafficChanged.add(app);
}

/**
 * Forgets an ended instance's speed.
 *
 * @example
 * ```ts
 * forgetInstanceSpeed(app, 'web.v1.0');
 * ```
 */
export function forgetInstanceSpeed(app: AppState, taskId: string): void {
  slowed.get(app)?.delete(taskId);
}

/**
 * The mean CPU speed of a version's healthy instances (1 when none is slowed).
 *
 * @example
 * ```ts
 * // 4 healthy instances of v1, one of them at half speed:
 * versionSpeed(app, 'v1'); // 0.875
 * ```
 */
export function versionSpeed(app: AppState, version: string): number {
  const speeds = slowed.get(app);
  const healthy = app.healthy(version);
  if (speeds === undefined || speeds.size === 0 || healthy === 0) return 1;
  let lost = 0;
  for (const [taskId, speed] of speeds) {
    const instance = app.instances.get(taskId);
    if (instance?.healthy === true && instance.version === version) lost += 1 - speed;
  }
  return lost === 0 ? 1 : (healthy - lost) / healthy;
}
