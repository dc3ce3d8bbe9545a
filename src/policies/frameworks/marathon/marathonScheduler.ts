import { microsToSeconds, secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import type {
  FrameworkAction,
  FrameworkContext,
  FrameworkScheduler,
  OfferView,
  TaskStatus,
} from '../../../core/plugins/framework.ts';
import type { Rng } from '../../../core/kernel/rng.ts';
import type { MarathonOptions } from './appSpec.ts';
import { AppState } from './appState.ts';
import { advanceDeployment, canarySampled, deploymentTimer, observeCanary, startDeployment } from './deployment.ts';
import { Effects } from './effects.ts';
import { applyFailedCheck, runHealthCheck, startHealthChecks } from './health.ts';
import { instanceEnded, killInstance, setInstanceHealth } from './lifecycle.ts';
import { appTraffic, reportTraffic, sendUsage } from './loadSampling.ts';
import { placeInstances } from './placement.ts';
import { autoscaleApp, scaleApp } from './scaling.ts';
import { parseTimerTag, timerTag } from './timerTags.ts';

/**
 * The Marathon scheduler: keeps each app at its instance count on the offers it gets, checks its
 * instances' health, relaunches lost and failed ones after the launch backoff, scales, deploys new
 * versions, and reports the apps' facts (desired instances and version, instance health, traffic,
 * deployment phases) for availability metrics.
 *
 * @example
 * ```ts
 * const scheduler = new MarathonScheduler(marathonFramework.options.parse({ apps: [{ id: 'web', instances: 3, resources: { cpus: 1 } }] }), context);
 * scheduler.registered(); // [report app web: desired 3, version v1, revive]
 * scheduler.pendingTasks(); // 3
 * ```
 */
export class MarathonScheduler implements FrameworkScheduler {
  readonly #options: MarathonOptions;
  readonly #context: FrameworkContext;
  readonly #apps: AppState[];
  readonly #appById: ReadonlyMap<string, AppState>;
  readonly #appOfTask = new Map<string, AppState>();
  readonly #health: Rng;
  /** Draws whether each request a canary serves fails. */
  readonly #requests: Rng;
  #suppressed = false;
  #deployments = 0;

  constructor(options: MarathonOptions, context: FrameworkContext) {
    this.#options = options;
    this.#context = context;
    this.#apps = options.apps.map((spec, i) => new AppState(spec, i));
    this.#appById = new Map(this.#apps.map((app) => [app.spec.id, app]));
    this.#health = context.rng.fork('health');
    this.#requests = context.rng.fork('requests');
  }

  registered(): readonly FrameworkAction[] {
    const fx = new Effects();
    for (const app of this.#apps) {
      fx.report({ fact: 'app', appId: app.spec.id, desired: app.desired, version: app.current.name });
      app.setTarget(app.current.name, app.desired);
      app.spec.events.forEach((event, i) =>
        fx.timer(microsToSeconds(event.at), timerTag({ kind: 'event', app: app.index, event: i })),
      );
    }
    if (this.#apps.some((app) => app.spec.load !== undefined)) this.#sample(fx);
    return this.#reply(fx, 0);
  }

  /** After a master failover: reconcile — or, when faulty, restart every instance. */
  reregistered(): readonly FrameworkAction[] {
    const fx = new Effects();
    const before = this.#launchable();
    if (this.#options.reconciliation === 'faulty') {
      for (const app of this.#apps) {
        for (const instance of [...app.instances.values()]) {
          if (!instance.killing) killInstance(app, instance, 'reconciliation', this.#now(), fx);
        }
      }
    }
    return this.#reply(fx, before);
  }

  resourceOffers(offers: readonly OfferView[]): readonly FrameworkAction[] {
    const fx = new Effects();
    const before = this.#launchable();
    const launches = placeInstances(this.#apps, offers, this.#now());
    const refuseSeconds = this.#options.refuseSeconds;
    offers.forEach((offer, i) => {
      const tasks = launches[i] ?? [];
      for (const t of tasks) this.#appOfTask.set(t.taskId, this.#appById.get(t.appId ?? '') as AppState);
      fx.push(
        tasks.length > 0
          ? { kind: 'accept', offerId: offer.offerId, launches: tasks, refuseSeconds }
          : { kind: 'decline', offerId: offer.offerId, refuseSeconds },
      );
    });
    return this.#reply(fx, before);
  }

  statusUpdate(status: TaskStatus): readonly FrameworkAction[] {
    const app = this.#appOfTask.get(status.taskId);
    const instance = app?.instances.get(status.taskId);
    if (app === undefined || instance === undefined) return [];
    const fx = new Effects();
    const before = this.#launchable();
    if (status.state === 'running') {
      if (instance.running || instance.killing) return [];
      instance.running = true;
      startHealthChecks(app, instance, this.#nowMicros(), fx);
    } else if (status.state === 'unreachable') {
      // Partition-aware frameworks hear this instead of `lost`: the instance may come back.
      setInstanceHealth(app, instance, false, fx);
    } else {
      this.#appOfTask.delete(status.taskId);
      instanceEnded(app, instance, status.state, this.#now(), fx);
    }
    return this.#reply(fx, before);
  }

  jobSubmitted(): readonly FrameworkAction[] {
    // Apps come from the options; workloads have nothing to submit to a service framework.
    return [];
  }

  timer(tag: string): readonly FrameworkAction[] {
    const timer = parseTimerTag(tag);
    if (timer === undefined) return [];
    const fx = new Effects();
    const before = this.#launchable();
    const now = this.#now();
    if (timer.kind === 'sample') {
      this.#sample(fx);
      return this.#reply(fx, before);
    }
    const app = this.#apps[timer.app];
    if (app === undefined) return [];
    switch (timer.kind) {
      case 'event': {
        const event = app.spec.events[timer.event];
        if (event === undefined) break;
        if ('scale' in event) scaleApp(app, event.scale, now, fx);
        else startDeployment(app, event.deploy, `${app.spec.id}-deploy-${++this.#deployments}`, now, fx);
        break;
      }
      case 'health-check':
      case 'health-verdict': {
        const instance = app.instances.get(timer.taskId);
        if (instance === undefined) break;
        if (timer.kind === 'health-check') runHealthCheck(app, instance, this.#health, this.#nowMicros(), fx);
        else applyFailedCheck(app, instance, this.#nowMicros(), fx);
        break;
      }
      case 'backoff':
        // Nothing to change: the reply revives offers now that the launches may go ahead.
        break;
      case 'deployment':
        observeCanary(app, appTraffic(app, this.#nowMicros())?.perInstanceRps, now, this.#requests);
        deploymentTimer(app, timer.deploymentId, timer.phase, now, fx);
        break;
    }
    return this.#reply(fx, before);
  }

  pendingTasks(): number {
    let total = 0;
    for (const app of this.#apps) total += app.totalNeed();
    return total;
  }

  /** Samples every app's load: traffic facts, usage, autoscaling, canary monitoring; and the next sample. */
  #sample(fx: Effects): void {
    const now = this.#now();
    for (const app of this.#apps) {
      const split = appTraffic(app, this.#nowMicros());
      if (split === undefined) continue;
      reportTraffic(app, split, true, fx);
      sendUsage(app, split, fx);
      autoscaleApp(app, split.demandRps, now, fx);
      observeCanary(app, split.perInstanceRps, now, this.#requests);
      canarySampled(app, now, fx);
    }
    fx.timer(this.#options.sampleSeconds, timerTag({ kind: 'sample' }));
  }

  /**
   * Finishes a callback: deployments move on, changed traffic is reported, and offers are revived
   * when there is more to launch than before (or suppressed when there is nothing to launch).
   */
  #reply(fx: Effects, launchableBefore: number): FrameworkAction[] {
    const now = this.#now();
    for (const app of this.#apps) if (app.deployment !== undefined) advanceDeployment(app, now, fx);
    for (const app of fx.trafficChanged) {
      const split = appTraffic(app, this.#nowMicros());
      if (split === undefined) continue;
      observeCanary(app, split.perInstanceRps, now, this.#requests);
      reportTraffic(app, split, false, fx);
    }
    for (const app of this.#apps) {
      for (const version of app.targetVersions())
        if (app.need(version) > 0 && !app.waitingSince.has(version)) app.waitingSince.set(version, now);
      for (const version of app.waitingSince.keys()) if (app.need(version) === 0) app.waitingSince.delete(version);
    }
    const launchable = this.#launchable();
    if (launchable > 0 && (this.#suppressed || launchable > launchableBefore)) {
      this.#suppressed = false;
      fx.push({ kind: 'revive' });
    } else if (launchable === 0 && !this.#suppressed) {
      this.#suppressed = true;
      fx.push({ kind: 'suppress' });
    }
    return fx.actions;
  }

  #launchable(): number {
    const now = this.#now();
    let total = 0;
    for (const app of this.#apps) total += app.launchableNeed(now);
    return total;
  }

  #now(): number {
    return this.#context.nowSeconds();
  }

  #nowMicros(): Micros {
    return secondsToMicros(this.#context.nowSeconds());
  }
}
