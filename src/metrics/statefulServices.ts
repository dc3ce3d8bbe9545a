import type { SimObserver, SimRecord } from '../core/simulation/records.ts';
import type { ServiceReport } from './services.ts';

/**
 * What a stateful service (a data store) delivered, apart from its instances being up: a
 * restarted instance is up once healthy but serves only once it has recovered its data, and a
 * primary/replica store takes writes only while it has a primary.
 *
 * @example
 * ```ts
 * const es: StatefulServiceReport | undefined = runSimulation(scenario).services['es']?.stateful;
 * es?.servingAvailability; // ≤ the service's availability: recovering instances do not serve
 * ```
 */
export interface StatefulServiceReport {
  /**
   * Time-averaged instances serving (reachable, healthy and done recovering) ÷ desired, capped at
   * 1 — where `availability` counts instances up (restarted), this counts them recovered.
   */
  readonly servingAvailability: number;
  readonly minServingAvailability: number;
  /** Recoveries begun and finished, and instance-seconds spent recovering (up but not serving). */
  readonly recoveries: { readonly started: number; readonly finished: number; readonly seconds: number };
  /**
   * For a primary/replica store (null otherwise), from its first primary on: the fraction of time
   * it had a reachable primary, the seconds without one, and the replicas promoted.
   */
  readonly writable: {
    readonly availability: number;
    readonly secondsNotWritable: number;
    readonly promotions: number;
  } | null;
}

interface Tracker {
  readonly frameworkId: string;
  desired: number;
  readonly healthy: Set<string>;
  readonly recovering: Set<string>;
  primary: string | null;
  /** When its first primary was named (µs); undefined before. */
  writableFrom: number | undefined;
  since: number;
  servingArea: number;
  minServing: number;
  recoveringArea: number;
  started: number;
  finished: number;
  notWritable: number;
  promotions: number;
  /** Its serving ratio while nothing it depends on has changed; undefined once something has. */
  ratio: number | undefined;
}

const SECOND = 1_000_000;

/**
 * Observes the facts of stateful services (`instance-recovery`, `primary`, with `app` and
 * `instance-health`) and computes serving availability, recovery time and writability. Only apps
 * that report a recovery or a primary appear.
 *
 * @example
 * ```ts
 * const stateful = createStatefulServiceObserver();
 * simulate(scenario, { observers: [stateful] });
 * stateful.report()['mysql']?.writable?.secondsNotWritable; // e.g. 30 after one primary failure
 * ```
 */
export function createStatefulServiceObserver(): SimObserver & {
  report(): Record<string, StatefulServiceReport>;
} {
  const apps = new Map<string, Tracker>();
  const appsOf = new Map<string, Tracker[]>();
  const reported = new Set<string>();
  const agentOf = new Map<string, string>();
  const unreachable = new Set<string>();
  let end = 0;

  const tracker = (frameworkId: string, appId: string): Tracker => {
    let app = apps.get(appId);
    if (app === undefined) {
      apps.set(
        appId,
        (app = {
          frameworkId,
          desired: 0,
          healthy: new Set(),
          recovering: new Set(),
          primary: null,
          writableFrom: undefined,
          since: 0,
          servingArea: 0,
          minServing: 1,
          recoveringArea: 0,
          started: 0,
          finished: 0,
          notWritable: 0,
          promotions: 0,
          ratio: undefined,
        }),
      );
      const ofFramework = appsOf.get(frameworkId);
      if (ofFramework === undefined) appsOf.set(frameworkId, [app]);
      else ofFramework.push(app);
    }
    return app;
  };
  const reachable = (app: Tracker, taskId: string): boolean =>
    !unreachable.has(agentOf.get(`${app.frameworkId}\u0000${taskId}`) ?? '');
  // Every record advances every app, so the ratio is kept until its app's instances, their
  // machines' reachability or its desired count change (the same value, computed less often).
  const servingRatio = (app: Tracker): number => (app.ratio ??= computeServingRatio(app));
  const invalidate = (list: Iterable<Tracker>): void => {
    for (const app of list) app.ratio = undefined;
  };
  const computeServingRatio = (app: Tracker): number => {
    if (app.desired === 0) return 1;
    let n = 0;
    for (const taskId of app.healthy) if (!app.recovering.has(taskId) && reachable(app, taskId)) n++;
    return Math.min(1, n / app.desired);
  };
  const writable = (app: Tracker): boolean => app.primary !== null && reachable(app, app.primary);
  const advance = (app: Tracker, t: number): void => {
    const dt = (t - app.since) / SECOND;
    if (dt > 0) {
      app.servingArea += servingRatio(app) * dt;
      app.recoveringArea += app.recovering.size * dt;
      if (app.writableFrom !== undefined && !writable(app)) app.notWritable += dt;
    }
    app.since = t;
  };
  const settle = (app: Tracker): void => {
    if (app.desired > 0) app.minServing = Math.min(app.minServing, servingRatio(app));
  };
  const each = (t: number, change: () => void): void => {
    for (const app of apps.values()) advance(app, t);
    change();
    for (const app of apps.values()) settle(app);
  };

  return {
    observe(r: SimRecord): void {
      switch (r.kind) {
        case 'task-launched':
          agentOf.set(`${r.frameworkId}\u0000${r.taskId}`, r.agentId);
          invalidate(appsOf.get(r.frameworkId) ?? []);
          return;
        case 'machines-down':
        case 'machines-up':
          if (r.kind === 'machines-down' && r.mode === 'drain') return;
          each(r.t, () => {
            for (const m of r.machines) {
              if (r.kind === 'machines-down') unreachable.add(m);
              else unreachable.delete(m);
            }
            invalidate(apps.values());
          });
          return;
        case 'task-ended':
          each(r.t, () => {
            for (const app of appsOf.get(r.frameworkId) ?? []) {
              app.healthy.delete(r.taskId);
              app.recovering.delete(r.taskId);
              app.ratio = undefined;
            }
          });
          agentOf.delete(`${r.frameworkId}\u0000${r.taskId}`);
          return;
        case 'run-ended':
          end = r.t;
          for (const app of apps.values()) advance(app, end);
          return;
        case 'framework-fact':
          break;
        default:
          return;
      }
      if (r.fact === 'job-run') return;
      const app = tracker(r.frameworkId, r.appId);
      advance(app, r.t);
      app.ratio = undefined;
      switch (r.fact) {
        case 'app':
          app.desired = r.desired;
          break;
        case 'instance-health':
          if (r.healthy) app.healthy.add(r.taskId);
          else app.healthy.delete(r.taskId);
          break;
        case 'instance-recovery':
          reported.add(r.appId);
          if (r.phase === 'started') {
            app.recovering.add(r.taskId);
            app.started++;
          } else if (app.recovering.delete(r.taskId)) app.finished++;
          break;
        case 'primary':
          reported.add(r.appId);
          if (r.taskId !== null && app.writableFrom !== undefined) app.promotions++;
          if (r.taskId !== null) app.writableFrom ??= r.t;
          app.primary = r.taskId;
          break;
        default:
          break;
      }
      settle(app);
    },
    report(): Record<string, StatefulServiceReport> {
      const out: Record<string, StatefulServiceReport> = {};
      for (const appId of [...reported].sort()) {
        const app = apps.get(appId) as Tracker;
        const from = app.writableFrom;
        out[appId] = {
          servingAvailability: end > 0 ? app.servingArea / (end / SECOND) : 1,
          minServingAvailability: app.minServing,
          recoveries: { started: app.started, finished: app.finished, seconds: app.recoveringArea },
          writable:
            from === undefined
              ? null
              : {
                  availability: end > from ? 1 - app.notWritable / ((end - from) / SECOND) : 1,
                  secondsNotWritable: app.notWritable,
                  promotions: app.promotions,
                },
        };
      }
      return out;
    },
  };
}

/**
 * The service reports with each data store's stateful figures added as `stateful`.
 *
 * @example
 * ```ts
 * const services = withStateful(serviceObserver.report(), statefulObserver.report());
 * services['mysql']?.stateful?.writable?.promotions; // 1
 * ```
 */
export function withStateful(
  services: Record<string, ServiceReport>,
  stateful: Record<string, StatefulServiceReport>,
): Record<string, ServiceReport> {
  const out: Record<string, ServiceReport> = {};
  for (const [appId, report] of Object.entries(services)) {
    const extra = stateful[appId];
    out[appId] = extra === undefined ? report : { ...report, stateful: extra };
  }
  return out;
}
