import type { AppState, Instance } from './appState.ts';
import type { Effects } from './effects.ts';
import { recoverySeconds } from './statefulSpec.ts';

/**
 * Stateful apps at run time. Marathon sees a data store's instance as up once it runs and passes
 * its health checks, but the store serves from it only once it holds its data: a restarted
 * instance first recovers (`state`: dataGb × 1024 ÷ recoveryMBps seconds from its first healthy
 * moment), out of the load balancer. A primary/replica app (`replication`) has one primary: the
 * first instance serving; when it fails, the app is not writable until a serving replica is
 * promoted, `promotionDelaySeconds` after the failure is noticed.
 *
 * The app's first `instances` launches start a new, empty data set and serve as soon as they are
 * healthy; every later one — a replacement, a scale-up, a new version's — recovers first.
 * @module
 */

interface StatefulRun {
  /** Instances whose recovery has begun (at their first healthy moment), by task id. */
  readonly begun: Set<string>;
  /** Instances still recovering: task id → version. */
  readonly recovering: Map<string, string>;
  /** The primary's task id. */
  primary: string | undefined;
  /** A failed primary's replacement is waiting for the promotion delay. */
  promotionPending: boolean;
}

const runs = new WeakMap<AppState, StatefulRun>();

function runOf(app: AppState): StatefulRun {
  let run = runs.get(app);
  if (run === undefined)
    runs.set(app, (run = { begun: new Set(), recovering: new Map(), primary: undefined, promotionPending: false }));
  return run;
}

const RECOVERED = 'stateful-recovered';
const PROMOTE = 'stateful-promote';

/**
 * A stateful app's timer, from its tag; undefined for other tags.
 *
 * @example
 * ```ts
 * statefulTimer('stateful-recovered|0|es.v1.7'); // { kind: 'recovered', app: 0, taskId: 'es.v1.7' }
 * statefulTimer('sample');                       // undefined
 * ```
 */
export function statefulTimer(
  tag: string,
):
  | { readonly kind: 'recovered'; readonly app: number; readonly taskId: string }
  | { readonly kind: 'promote'; readonly app: number }
  | undefined {
  const [kind, app, taskId] = tag.split('|');
  const index = Number(app);
  if (!Number.isInteger(index) || index < 0) return undefined;
  if (kind === RECOVERED && taskId !== undefined) return { kind: 'recovered', app: index, taskId };
  if (kind === PROMOTE) return { kind: 'promote', app: index };
  return undefined;
}

/** Whether an instance is in the store's service: healthy and holding its data. */
function serving(run: StatefulRun, instance: Instance): boolean {
  return instance.healthy && !run.recovering.has(instance.taskId);
}

/**
 * Healthy instances of a version the load balancer may use: those not recovering their data.
 *
 * @example
 * ```ts
 * servingInstances(app, 'v1'); // app.healthy('v1') minus the healthy ones still recovering
 * ```
 */
export function servingInstances(app: AppState, version: string): number {
  const healthy = app.healthy(version);
  const run = runs.get(app);
  if (run === undefined || run.recovering.size === 0) return healthy;
  let recovering = 0;
  for (const [taskId, v] of run.recovering)
    if (v === version && app.instances.get(taskId)?.healthy === true) recovering++;
  return healthy - recovering;
}

/**
 * An instance's health changed (after the `instance-health` fact): a restarted instance of a
 * stateful app starts recovering at its first healthy moment; a primary/replica app loses its
 * primary when the primary leaves, or elects one when none is needed to wait for.
 *
 * @example
 * ```ts
 * statefulHealthChanged(app, instance, true, fx); // { fact: 'instance-recovery', phase: 'started' }, timer
 * ```
 */
export function statefulHealthChanged(app: AppState, instance: Instance, healthy: boolean, fx: Effects): void {
  const { state, replication } = app.spec;
  if (state === undefined && replication === undefined) return;
  const run = runOf(app);
  if (healthy && state !== undefined && instance.seq >= app.spec.instances && !run.begun.has(instance.taskId)) {
    run.begun.add(instance.taskId);
    run.recovering.set(instance.taskId, instance.version);
    fx.report({ fact: 'instance-recovery', appId: app.spec.id, taskId: instance.taskId, phase: 'started' });
    fx.timer(recoverySeconds(state), `${RECOVERED}|${app.index}|${instance.taskId}`);
  }
  if (replication === undefined) return;
  if (!healthy && run.primary === instance.taskId) {
    run.primary = undefined;
    run.promotionPending = true;
    fx.report({ fact: 'primary', appId: app.spec.id, taskId: null });
    fx.timer(replication.promotionDelaySeconds, `${PROMOTE}|${app.index}`);
  }
  elect(app, run, fx);
}

/**
 * A stateful timer fired: an instance finished recovering (it joins the load balancer), or a
 * promotion delay is over.
 *
 * @example
 * ```ts
 * statefulTimerFired(app, { kind: 'promote', app: 0 }, fx); // { fact: 'primary', taskId: 'db.v1.1' }
 * ```
 */
export function statefulTimerFired(
  app: AppState,
  timer: NonNullable<ReturnType<typeof statefulTimer>>,
  fx: Effects,
): void {
  const run = runOf(app);
  if (timer.kind === 'promote') run.promotionPending = false;
  else if (run.recovering.delete(timer.taskId)) {
    const instance = app.instances.get(timer.taskId);
    if (instance === undefined) run.begun.delete(timer.taskId);
    else {
      fx.report({ fact: 'instance-recovery', appId: app.spec.id, taskId: timer.taskId, phase: 'finished' });
      if (instance.healthy) fx.trafficChanged.add(app);
    }
  }
  elect(app, run, fx);
}

/**
 * Forgets an ended instance (its recovery, if it had begun, is over).
 *
 * @example
 * ```ts
 * statefulInstanceEnded(app, 'es.v1.7');
 * ```
 */
export function statefulInstanceEnded(app: AppState, taskId: string): void {
  const run = runs.get(app);
  if (run === undefined || run.recovering.has(taskId)) return;
  run.begun.delete(taskId);
}

/** Without a primary and nothing to wait for, the oldest serving instance becomes the primary. */
function elect(app: AppState, run: StatefulRun, fx: Effects): void {
  if (app.spec.replication === undefined || run.primary !== undefined || run.promotionPending) return;
  let chosen: Instance | undefined;
  for (const instance of app.instances.values())
    if (!instance.killing && serving(run, instance) && (chosen === undefined || instance.seq < chosen.seq))
      chosen = instance;
  if (chosen === undefined) return;
  run.primary = chosen.taskId;
  fx.report({ fact: 'primary', appId: app.spec.id, taskId: chosen.taskId });
}
