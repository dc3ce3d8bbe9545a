import type { Resources } from '../../../core/cluster/resources.ts';
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
import { AppState, type Instance } from './appState.ts';
import { advanceDeployment, canarySampled, deploymentTimer, observeCanary, startDeployment } from './deployment.ts';
import { forgetInstanceSpeed, setInstanceSpeed } from './cpuSpeed.ts';
import { Effects } from './effects.ts';
import { applyFailedCheck, runHealthCheck, startHealthChecks } from './health.ts';
import { instanceEnded, setInstanceHealth } from './lifecycle.ts';
import { appTraffic, reportTraffic, sendUsage } from './loadSampling.ts';
import { placeInstances, type StartupDelays } from './placement.ts';
import { forgetUnpersisted, reconcile } from './reconciliation.ts';
import { autoscaleApp, scaleApp } from './scaling.ts';
import { statefulInstanceEnded, statefulTimer, statefulTimerFired } from './stateful.ts';
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
  /** Apps changed since the last reply (their launch queue and waits are looked at again). */
  readonly #changed = new Set<AppState>();
  /** Apps with instances to launch, as of the last reply. */
  readonly #wanting = new Set<AppState>();
  /** Apps with a deployment in progress. */
  readonly #deploying = new Set<AppState>();
  readonly #startup: StartupDelays | undefined;
  /** Instances reported unreachable and not back yet. */
  readonly #unreachable = new Set<string>();
  /** Tasks given up on while unreachable: killed if they come back. */
  readonly #expunged = new Set<string>();
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
    for (const app of this.#apps) app.watch((changed) => this.#changed.add(changed));
    const delayed = options.startupDelay !== undefined || options.apps.some((a) => a.startupDelay !== undefined);
    this.#startup = delayed ? { fallback: options.startupDelay, rng: context.rng.fork('startup') } : undefined;
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
    fx.timer(this.#options.reconciliationInitialDelaySeconds, timerTag({ kind: 'reconcile' }));
    return this.#reply(fx, 0);
  }

  /** After a master failover: reconcile with the new master (it keeps what runs). */
  reregistered(): readonly FrameworkAction[] {
    const fx = new Effects();
    const before = this.#launchable();
    reconcile(this.#apps, fx);
    return this.#reply(fx, before);
  }

  /**
   * A new Marathon leader took over: it knows the instances its state store has (those launched
   * `stateStoreLagSeconds` or more before the old leader went down) and reconciles; the tasks it
   * forgot are reported running and killed as unknown, and replacements launched.
   */
  leaderFailedOver(downSinceSeconds: number): readonly FrameworkAction[] {
    const fx = new Effects();
    const before = this.#launchable();
    for (const taskId of forgetUnpersisted(this.#apps, downSinceSeconds - this.#options.stateStoreLagSeconds, fx))
      this.#appOfTask.delete(taskId);
    reconcile(this.#apps, fx);
    return this.#reply(fx, before);
  }

  resourceOffers(offers: readonly OfferView[]): readonly FrameworkAction[] {
    const fx = new Effects();
    const before = this.#launchable();
    const launches = placeInstances(inAppOrder(this.#wanting), offers, this.#now(), this.#startup);
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
    if (this.#expunged.has(status.taskId)) {
      if (status.state === 'running') return [{ kind: 'kill', taskId: status.taskId }];
      if (status.state !== 'starting' && status.state !== 'unreachable') this.#expunged.delete(status.taskId);
      return [];
    }
    const app = this.#appOfTask.get(status.taskId);
    const instance = app?.instances.get(status.taskId);
    // Marathon kills a task it does not know that is reported running (e.g. by reconciliation).
    if (app === undefined || instance === undefined)
      return status.state === 'running' ? [{ kind: 'kill', taskId: status.taskId }] : [];
    // Starting: `running` follows; Marathon waits for it (health checks start from running).
    if (status.state === 'starting') return [];
    const fx = new Effects();
    const before = this.#launchable();
    if (status.state !== 'unreachable') this.#unreachable.delete(status.taskId);
    if (status.state === 'running') {
      if (instance.running || instance.killing) return [];
      instance.running = true;
      startHealthChecks(app, instance, this.#nowMicros(), fx);
    } else if (status.state === 'unreachable') {
      // Partition-aware frameworks hear this instead of `lost`: the instance may come back.
      setInstanceHealth(app, instance, false, fx);
      this.#unreachable.add(status.taskId);
      const strategy = app.spec.unreachableStrategy;
      if (strategy !== 'disabled') {
        if (strategy.inactiveAfterSeconds === 0) this.#giveUp(app, instance, fx);
        else
          fx.timer(
            strategy.inactiveAfterSeconds,
            timerTag({ kind: 'unreachable', app: app.index, taskId: status.taskId }),
          );
      }
    } else {
      this.#appOfTask.delete(status.taskId);
      forgetInstanceSpeed(app, status.taskId);
      instanceEnded(app, instance, status.state, this.#now(), fx);
      statefulInstanceEnded(app, status.taskId);
    }
    return this.#reply(fx, before);
  }

  /** A running instance gets less (or again all) of the CPU it uses: it serves accordingly. */
  taskSpeed(taskId: string, speed: number): readonly FrameworkAction[] {
    const app = this.#appOfTask.get(taskId);
    if (app === undefined) return [];
    const fx = new Effects();
    const before = this.#launchable();
    setInstanceSpeed(app, taskId, speed, fx);
    return this.#reply(fx, before);
  }

  jobSubmitted(): readonly FrameworkAction[] {
    // Apps come from the options; workloads have nothing to submit to a service framework.
    return [];
  }

  timer(tag: string): readonly FrameworkAction[] {
    const stateful = statefulTimer(tag);
    const statefulApp = stateful === undefined ? undefined : this.#apps[stateful.app];
    if (stateful !== undefined && statefulApp !== undefined) {
      const fx = new Effects();
      const before = this.#launchable();
      statefulTimerFired(statefulApp, stateful, fx);
      return this.#reply(fx, before);
    }
    const timer = parseTimerTag(tag);
    if (timer === undefined) return [];
    const fx = new Effects();
    const before = this.#launchable();
    const now = this.#now();
    if (timer.kind === 'sample') {
      this.#sample(fx);
      return this.#reply(fx, before);
    }
    if (timer.kind === 'reconcile') {
      reconcile(this.#apps, fx);
      fx.timer(this.#options.reconciliationIntervalSeconds, timerTag({ kind: 'reconcile' }));
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
      case 'unreachable': {
        const instance = app.instances.get(timer.taskId);
        if (instance !== undefined && this.#unreachable.has(timer.taskId)) this.#giveUp(app, instance, fx);
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

  /**
   * An unreachable instance is given up on: a replacement is wanted (no backoff: the instance did
   * not fail), and the task is killed if its agent comes back with it. Marathon would let an
   * instance that returns between `inactiveAfterSeconds` and `expungeAfterSeconds` keep running;
   * here it is killed from `inactiveAfterSeconds` on (the same with the defaults, both 0).
   */
  #giveUp(app: AppState, instance: Instance, fx: Effects): void {
    this.#unreachable.delete(instance.taskId);
    this.#appOfTask.delete(instance.taskId);
    this.#expunged.add(instance.taskId);
    instanceEnded(app, instance, 'lost', this.#now(), fx);
  }

  pendingTasks(): number {
    let total = 0;
    for (const app of this.#wanting) total += app.totalNeed();
    return total;
  }

  /** The resources of the largest instance waiting to launch (most CPUs, then memory). */
  pendingTaskShape(): Resources | undefined {
    let largest: Resources | undefined;
    for (const app of this.#wanting)
      if (app.totalNeed() > 0 && (largest === undefined || isLarger(app.spec.resources, largest)))
        largest = app.spec.resources;
    return largest;
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
    this.#track();
    for (const app of inAppOrder(this.#deploying)) advanceDeployment(app, now, fx);
    for (const app of fx.trafficChanged) {
      const split = appTraffic(app, this.#nowMicros());
      if (split === undefined) continue;
      observeCanary(app, split.perInstanceRps, now, this.#requests);
      reportTraffic(app, split, false, fx);
    }
    // Waits change only with what an app wants or has: only changed apps are looked at.
    for (const app of this.#changed) {
      for (const version of app.targetVersions())
        if (app.need(version) > 0 && !app.waitingSince.has(version)) app.waitingSince.set(version, now);
      for (const version of app.waitingSince.keys()) if (app.need(version) === 0) app.waitingSince.delete(version);
    }
    this.#track();
    this.#changed.clear();
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
    for (const app of this.#wanting) total += app.launchableNeed(now);
    return total;
  }

  /** Brings the sets of wanting and deploying apps up to date with the apps changed since. */
  #track(): void {
    for (const app of this.#changed) {
      if (app.totalNeed() > 0) this.#wanting.add(app);
      else this.#wanting.delete(app);
      if (app.deployment !== undefined) this.#deploying.add(app);
      else this.#deploying.delete(app);
    }
  }

  #now(): number {
    return this.#context.nowSeconds();
  }

  #nowMicros(): Micros {
    return secondsToMicros(this.#context.nowSeconds());
  }
}

/** Apps in the options' order (the order every pass over the apps keeps, for determinism). */
function inAppOrder(apps: ReadonlySet<AppState>): AppState[] {
  return [...apps].sort((a, b) => a.index - b.index);
}

/** More CPUs, or as many and more memory. */
function isLarger(a: Resources, b: Resources): boolean {
  const [ac, bc] = [a['cpus'] ?? 0, b['cpus'] ?? 0];
  return ac > bc || (ac === bc && (a['mem'] ?? 0) > (b['mem'] ?? 0));
}
