import { resourcesEqual } from '../../../core/cluster/resources.ts';
import type { Micros } from '../../../core/kernel/time.ts';
import type { AppState } from './appState.ts';
import { versionSpeed } from './cpuSpeed.ts';
import type { Effects } from './effects.ts';
import { servingInstances } from './stateful.ts';
import { demandAt, instanceUsage, splitTraffic, tracksUsage, type TrafficSplit, type VersionPool } from './traffic.ts';

/**
 * An app's load as the scheduler reports it: `traffic` facts (at every sample, and whenever the
 * healthy instances or the routing change) and the instances' `usage` (after every sample).
 * @module
 */

/**
 * How the app's current demand is served right now.
 *
 * @example
 * ```ts
 * appTraffic(app, nowMicros)?.failedRps; // all of the demand while no instance is healthy
 * ```
 */
export function appTraffic(app: AppState, at: Micros): TrafficSplit | undefined {
  const load = app.spec.load;
  if (load === undefined) return undefined;
  const pools: VersionPool[] = [];
  for (const version of app.versions.values()) {
    const healthy = servingInstances(app, version.name);
    if (healthy > 0)
      pools.push({
        version: version.name,
        healthy,
        errorRate: version.errorRate,
        share: app.trafficShares.get(version.name),
        speed: versionSpeed(app, version.name),
      });
  }
  return splitTraffic(demandAt(load, at), load.rpsPerInstance, pools);
}

/**
 * Reports the app's traffic fact; unless `always`, only when it differs from the last one.
 *
 * @example
 * ```ts
 * reportTraffic(app, split, true, fx); // { kind: 'report', fact: { fact: 'traffic', appId, demandRps, … } }
 * ```
 */
export function reportTraffic(app: AppState, split: TrafficSplit, always: boolean, fx: Effects): void {
  const { demandRps, servedRps, degradedRps, failedRps } = split;
  const key = `${demandRps}/${servedRps}/${degradedRps}/${failedRps}`;
  if (!always && key === app.lastTraffic) return;
  app.lastTraffic = key;
  fx.report({ fact: 'traffic', appId: app.spec.id, demandRps, servedRps, degradedRps, failedRps });
}

/**
 * Sends each running instance's use for the share of the requests it now serves (instances out of
 * the load balancer idle at their base use); only changes are sent.
 *
 * @example
 * ```ts
 * sendUsage(app, split, fx); // { kind: 'usage', taskId: 'web.v1.0', usage: { cpus: 0.6, mem: 512 } } …
 * ```
 */
export function sendUsage(app: AppState, split: TrafficSplit, fx: Effects): void {
  const load = app.spec.load;
  if (!tracksUsage(load)) return;
  const idle = instanceUsage(load, app.spec.resources, 0);
  for (const instance of app.instances.values()) {
    if (!instance.running || instance.killing) continue;
    const rps = instance.healthy ? (split.perInstanceRps.get(instance.version) ?? 0) : 0;
    const usage = instanceUsage(load, app.spec.resources, rps);
    if (resourcesEqual(usage, instance.lastUsage ?? idle)) continue;
    instance.lastUsage = usage;
    fx.usage(instance.taskId, usage);
  }
}
