import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import type { StatefulServiceReport } from './statefulServices.ts';

/**
 * What a service (an app of a service framework) delivered over a run.
 *
 * @example
 * ```ts
 * const web: ServiceReport | undefined = runSimulation(scenario).services['web'];
 * web?.availability; // time-averaged healthy ÷ desired
 * ```
 */
export interface ServiceReport {
  readonly frameworkId: string;
  /** Instances wanted at the end. */
  readonly desired: number;
  readonly version: string;
  /**
   * Time-averaged healthy instances on reachable machines ÷ desired, capped at 1 (1 = always fully
   * available). A machine that crashed or is cut off is unreachable from the instant it fails,
   * whatever the framework believes until it notices.
   */
  readonly availability: number;
  /** The lowest healthy ÷ desired seen, and for how long the app had no healthy instance. */
  readonly minAvailability: number;
  readonly secondsWithoutHealthyInstance: number;
  /**
   * From the first moment all desired instances were healthy (start-up excluded): when that was
   * (null if never), average and lowest availability, and requests failed since.
   */
  readonly sinceReady: {
    readonly atSeconds: number | null;
    readonly availability: number | null;
    readonly minAvailability: number | null;
    readonly requestsFailed: number;
    readonly requestsTotal: number;
  };
  /**
   * Start-up, shown apart from the availability figures: seconds from the app's first desired
   * instance to `sinceReady.atSeconds` (null if never ready).
   */
  readonly startupSeconds: number | null;
  /** Requests over the run (rates from the framework's traffic reports, integrated over time). */
  readonly requests: {
    readonly total: number;
    readonly served: number;
    readonly degraded: number;
    readonly failed: number;
  };
  /** Availability (reachable healthy ÷ desired) as steps: from `atSeconds[i]` it was `available[i]`. */
  readonly timeline: { readonly atSeconds: number[]; readonly available: number[] };
  /** For a data store (an app that reported a recovery or a primary): serving and writable figures. */
  readonly stateful?: StatefulServiceReport;
  /** Deployment phases in order, with their times in seconds. */
  readonly deployments: readonly {
    readonly deploymentId: string;
    readonly phase: string;
    readonly atSeconds: number;
    readonly detail: string | null;
  }[];
}

interface AppTracker {
  frameworkId: string;
  desired: number;
  version: string;
  readonly healthy: Set<string>;
  since: number;
  availableArea: number;
  minAvailability: number;
  noneSince: number | undefined;
  noneTotal: number;
  rates: { demand: number; served: number; degraded: number; failed: number };
  readonly requests: { total: number; served: number; degraded: number; failed: number };
  readonly steps: { atSeconds: number[]; available: number[] };
  readyAt: number | undefined;
  firstDesiredAt: number | undefined;
  readyArea: number;
  readyMin: number;
  readyFailed: number;
  readyTotal: number;
  readonly deployments: { deploymentId: string; phase: string; atSeconds: number; detail: string | null }[];
}

const SECOND = 1_000_000;

/**
 * Observes the facts service frameworks report (`app`, `instance-health`, `traffic`,
 * `deployment`) and computes per-app availability and request figures.
 *
 * @example
 * ```ts
 * const services = createServiceObserver();
 * simulate(scenario, { observers: [services] });
 * services.report()['web-1']?.availability; // e.g. 0.998
 * ```
 */
export function createServiceObserver(): SimObserver & { report(): Record<string, ServiceReport> } {
  const apps = new Map<string, AppTracker>();
  const tracker = (frameworkId: string, appId: string): AppTracker => {
    let app = apps.get(appId);
    if (app === undefined) {
      app = {
        frameworkId,
        desired: 0,
        version: '',
        healthy: new Set(),
        since: 0,
        availableArea: 0,
        minAvailability: 1,
        noneSince: undefined,
        noneTotal: 0,
        rates: { demand: 0, served: 0, degraded: 0, failed: 0 },
        requests: { total: 0, served: 0, degraded: 0, failed: 0 },
        deployments: [],
        readyAt: undefined,
        firstDesiredAt: undefined,
        readyArea: 0,
        readyMin: 1,
        readyFailed: 0,
        readyTotal: 0,
        steps: { atSeconds: [], available: [] },
      };
      apps.set(appId, app);
    }
    return app;
  };
  /** Where each task runs, and which machines clients cannot reach right now. */
  const agentOf = new Map<string, string>();
  const unreachable = new Set<string>();
  const reachableHealthy = (app: AppTracker): number => {
    let n = 0;
    for (const taskId of app.healthy) if (!unreachable.has(agentOf.get(`${app.frameworkId}\u0000${taskId}`) ?? '')) n++;
    return n;
  };
  const ratio = (app: AppTracker): number => (app.desired === 0 ? 1 : Math.min(1, reachableHealthy(app) / app.desired));
  /** Requests sent to healthy but unreachable instances fail (the load balancer does not know yet). */
  const reachableFraction = (app: AppTracker): number =>
    app.healthy.size === 0 ? 1 : reachableHealthy(app) / app.healthy.size;
  /** Brings an app's integrals up to `t` (before a change). */
  const advance = (app: AppTracker, t: number): void => {
    const dt = (t - app.since) / SECOND;
    if (dt > 0) {
      const f = reachableFraction(app);
      const served = app.rates.served * f;
      const degraded = app.rates.degraded * f;
      const failed = app.rates.failed + (app.rates.served + app.rates.degraded) * (1 - f);
      app.availableArea += ratio(app) * dt;
      if (app.readyAt !== undefined) {
        app.readyArea += ratio(app) * dt;
        app.readyFailed += failed * dt;
        app.readyTotal += app.rates.demand * dt;
      }
      app.requests.total += app.rates.demand * dt;
      app.requests.served += served * dt;
      app.requests.degraded += degraded * dt;
      app.requests.failed += failed * dt;
    }
    app.since = t;
  };
  /** After a change: track the lowest availability and stretches with no healthy instance. */
  const settle = (app: AppTracker, t: number): void => {
    const r = ratio(app);
    const { atSeconds, available } = app.steps;
    if (available.at(-1) !== r) {
      if (atSeconds.at(-1) === t / SECOND) available[available.length - 1] = r;
      else {
        atSeconds.push(t / SECOND);
        available.push(r);
      }
    }
    if (app.desired > 0) app.minAvailability = Math.min(app.minAvailability, r);
    if (app.readyAt === undefined && app.desired > 0 && reachableHealthy(app) >= app.desired) app.readyAt = t;
    if (app.readyAt !== undefined && app.desired > 0) app.readyMin = Math.min(app.readyMin, r);
    const none = app.desired > 0 && reachableHealthy(app) === 0;
    if (none && app.noneSince === undefined) app.noneSince = t;
    if (!none && app.noneSince !== undefined) {
      app.noneTotal += t - app.noneSince;
      app.noneSince = undefined;
    }
  };
  let end = 0;
  return {
    observe(r: SimRecord): void {
      if (r.kind === 'run-ended') {
        end = r.t;
        for (const app of apps.values()) {
          advance(app, end);
          if (app.noneSince !== undefined) app.noneTotal += end - app.noneSince;
          app.noneSince = undefined;
        }
        return;
      }
      if (r.kind === 'task-launched') {
        agentOf.set(`${r.frameworkId}\u0000${r.taskId}`, r.agentId);
        return;
      }
      if (r.kind === 'machines-down' || r.kind === 'machines-up') {
        // Draining machines stay reachable until their tasks are killed.
        if (r.kind === 'machines-down' && r.mode === 'drain') return;
        for (const app of apps.values()) advance(app, r.t);
        for (const m of r.machines) {
          if (r.kind === 'machines-down') unreachable.add(m);
          else unreachable.delete(m);
        }
        for (const app of apps.values()) settle(app, r.t);
        return;
      }
      if (r.kind === 'task-ended') {
        // An instance that ends is no longer healthy, whatever its framework last said.
        for (const app of apps.values()) {
          if (app.frameworkId === r.frameworkId && app.healthy.has(r.taskId)) {
            advance(app, r.t);
            app.healthy.delete(r.taskId);
            settle(app, r.t);
          }
        }
        agentOf.delete(`${r.frameworkId}\u0000${r.taskId}`);
        return;
      }
      if (r.kind !== 'framework-fact') return;
      if (r.fact === 'job-run') return;
      const app = tracker(r.frameworkId, r.appId);
      advance(app, r.t);
      switch (r.fact) {
        case 'app':
          app.desired = r.desired;
          app.version = r.version;
          if (r.desired > 0) app.firstDesiredAt ??= r.t;
          break;
        case 'instance-health':
          if (r.healthy) app.healthy.add(r.taskId);
          else app.healthy.delete(r.taskId);
          break;
        case 'traffic':
          app.rates = { demand: r.demandRps, served: r.servedRps, degraded: r.degradedRps, failed: r.failedRps };
          break;
        case 'deployment':
          app.deployments.push({
            deploymentId: r.deploymentId,
            phase: r.phase,
            atSeconds: r.t / SECOND,
            detail: r.detail ?? null,
          });
          break;
      }
      settle(app, r.t);
    },
    report(): Record<string, ServiceReport> {
      const out: Record<string, ServiceReport> = {};
      for (const [appId, app] of apps) {
        out[appId] = {
          frameworkId: app.frameworkId,
          desired: app.desired,
          version: app.version,
          availability: end > 0 ? app.availableArea / (end / SECOND) : 1,
          minAvailability: app.minAvailability,
          secondsWithoutHealthyInstance: app.noneTotal / SECOND,
          sinceReady: {
            atSeconds: app.readyAt === undefined ? null : app.readyAt / SECOND,
            availability:
              app.readyAt === undefined ? null : end > app.readyAt ? app.readyArea / ((end - app.readyAt) / SECOND) : 1,
            minAvailability: app.readyAt === undefined ? null : app.readyMin,
            requestsFailed: app.readyFailed,
            requestsTotal: app.readyTotal,
          },
          startupSeconds:
            app.readyAt === undefined || app.firstDesiredAt === undefined
              ? null
              : (app.readyAt - app.firstDesiredAt) / SECOND,
          requests: { ...app.requests },
          timeline: app.steps,
          deployments: app.deployments,
        };
      }
      return out;
    },
  };
}
