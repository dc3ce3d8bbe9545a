import type { Rng } from '../../../core/kernel/rng.ts';
import type { AppState, AppVersion } from './appState.ts';
import type { CanarySpec, DeploySpec, DeployStrategy } from './appSpec.ts';
import {
  canaryVerdict,
  countCanaryRequests,
  describeTally,
  newCanaryTally,
  percent,
  type CanaryTally,
} from './canaryObservation.ts';
import { deploymentFinished, nextDeploymentStep, type DeploymentState } from './deploymentPlan.ts';
import type { Effects } from './effects.ts';
import { killInstance } from './lifecycle.ts';
import { timerTag } from './timerTags.ts';

/**
 * Deployments of a new app version: rolling (Marathon's upgrade strategy), blue/green, and canary
 * (isolated → partial → rolling, or rolled back on errors). Each is a small state machine advanced
 * after every event that touches the app; it steers the app only through its per-version targets,
 * kills and traffic shares.
 * @module
 */

/**
 * Where a deployment stands.
 *
 * @example
 * ```ts
 * const stage: DeploymentStage = 'canary-partial';
 * ```
 */
export type DeploymentStage = 'rolling' | 'blue-green' | 'canary-isolated' | 'canary-partial';

/**
 * A deployment in progress.
 *
 * @example
 * ```ts
 * app.deployment?.stage; // 'canary-isolated' while the canaries run without traffic
 * ```
 */
export interface Deployment {
  readonly id: string;
  readonly from: AppVersion;
  readonly to: AppVersion;
  readonly strategy: DeployStrategy;
  readonly canary: CanarySpec;
  stage: DeploymentStage;
  /** The current stage's time (canary isolated) has passed. */
  stageTimeUp: boolean;
  /** When the canary started taking traffic (simulated second). */
  partialSince: number | undefined;
  /** The requests the canary served in the partial stage, counted (from the partial stage on). */
  tally: CanaryTally | undefined;
}

function reportPhase(
  app: AppState,
  d: Deployment,
  phase: 'started' | 'canary-isolated' | 'canary-partial' | 'rolling' | 'finished' | 'rolled-back',
  detail: string,
  fx: Effects,
): void {
  fx.report({ fact: 'deployment', appId: app.spec.id, deploymentId: d.id, phase, detail });
}

/** Keeps the old version at the app's size (canary and blue/green run beside a full old set). */
function keepOld(app: AppState, d: Deployment, nowSeconds: number, fx: Effects): void {
  app.setTarget(d.from.name, app.desired);
  for (const i of app.pickToKill(d.from.name, app.live(d.from.name) - app.desired))
    killInstance(app, i, 'scale-down', nowSeconds, fx);
}

/** Sets the new version's target, killing new instances above it (after a scale-down). */
function targetNew(app: AppState, d: Deployment, count: number, nowSeconds: number, fx: Effects): void {
  app.setTarget(d.to.name, count);
  for (const i of app.pickToKill(d.to.name, app.live(d.to.name) - count))
    killInstance(app, i, 'scale-down', nowSeconds, fx);
}

/**
 * Starts deploying a new version. A deployment still in progress is rolled back first (the new one
 * supersedes it); deploying the version already running does nothing. The new version starts with
 * no launch backoff.
 *
 * @example
 * ```ts
 * startDeployment(app, { version: 'v2', strategy: 'rolling', canary, errorRate: 0, failures: undefined }, 'web-deploy-1', 3600, fx);
 * app.deployment?.stage; // 'rolling'
 * ```
 */
export function startDeployment(app: AppState, spec: DeploySpec, id: string, nowSeconds: number, fx: Effects): void {
  if (app.deployment !== undefined) rollBack(app, `superseded by ${spec.version}`, nowSeconds, fx);
  if (spec.version === app.current.name) return;
  const to: AppVersion = {
    name: spec.version,
    errorRate: spec.errorRate,
    failures: spec.failures ?? app.spec.failures,
  };
  app.versions.set(to.name, to);
  app.resetBackoff(to.name);
  const first: DeploymentStage =
    spec.strategy === 'canary' ? 'canary-isolated' : spec.strategy === 'blue-green' ? 'blue-green' : 'rolling';
  const d: Deployment = {
    id,
    from: app.current,
    to,
    strategy: spec.strategy,
    canary: spec.canary,
    stage: first,
    stageTimeUp: false,
    partialSince: undefined,
    tally: undefined,
  };
  app.deployment = d;
  reportPhase(app, d, 'started', `${d.from.name} → ${to.name} (${spec.strategy})`, fx);
  if (first === 'canary-isolated') {
    app.trafficShares.set(to.name, 0);
    reportPhase(app, d, 'canary-isolated', `${spec.canary.instances} canary instance(s), no traffic`, fx);
    fx.timer(
      spec.canary.isolatedSeconds,
      timerTag({ kind: 'deployment', app: app.index, deploymentId: id, phase: first }),
    );
  } else if (first === 'blue-green') {
    // The green set takes no traffic until the switch.
    app.trafficShares.set(to.name, 0);
  } else {
    reportPhase(
      app,
      d,
      'rolling',
      `minimumHealthCapacity ${app.spec.upgradeStrategy.minimumHealthCapacity}, maximumOverCapacity ${app.spec.upgradeStrategy.maximumOverCapacity}`,
      fx,
    );
  }
  advanceDeployment(app, nowSeconds, fx);
}

/**
 * Moves the app's deployment on after anything changed (an instance launched, became healthy,
 * failed or ended; a scale change; a stage's time being up).
 *
 * @example
 * ```ts
 * advanceDeployment(app, nowSeconds, fx); // e.g. kills an old instance now that a new one is healthy
 * ```
 */
export function advanceDeployment(app: AppState, nowSeconds: number, fx: Effects): void {
  const d = app.deployment;
  if (d === undefined) return;
  switch (d.stage) {
    case 'rolling':
      return advanceRolling(app, d, nowSeconds, fx);
    case 'blue-green': {
      keepOld(app, d, nowSeconds, fx);
      targetNew(app, d, app.desired, nowSeconds, fx);
      if (app.healthy(d.to.name) < app.desired) return;
      for (const i of app.pickToKill(d.from.name, app.live(d.from.name)))
        killInstance(app, i, 'deployment', nowSeconds, fx);
      return finish(app, d, `switched to ${d.to.name}; ${d.from.name} killed`, fx);
    }
    case 'canary-isolated':
    case 'canary-partial': {
      keepOld(app, d, nowSeconds, fx);
      targetNew(app, d, d.canary.instances, nowSeconds, fx);
      if (d.stage === 'canary-isolated' && d.stageTimeUp && app.healthy(d.to.name) >= d.canary.instances) {
        d.stage = 'canary-partial';
        d.stageTimeUp = false;
        d.partialSince = nowSeconds;
        d.tally = newCanaryTally(nowSeconds);
        app.trafficShares.set(d.to.name, d.canary.trafficFraction);
        fx.trafficChanged.add(app);
        reportPhase(app, d, 'canary-partial', `${percent(d.canary.trafficFraction)} of requests to ${d.to.name}`, fx);
        fx.timer(
          d.canary.partialSeconds,
          timerTag({ kind: 'deployment', app: app.index, deploymentId: d.id, phase: d.stage }),
        );
      }
      return;
    }
  }
}

function advanceRolling(app: AppState, d: Deployment, nowSeconds: number, fx: Effects): void {
  const from = d.from.name;
  const to = d.to.name;
  targetNew(app, d, Math.min(app.target(to), app.desired), nowSeconds, fx);
  // A step changes the counts the next step depends on (kills free capacity): repeat until stable.
  for (let round = 0; round < 4; round++) {
    const state: DeploymentState = {
      target: app.desired,
      oldRunning: app.live(from),
      oldHealthy: app.healthy(from),
      newRunning: Math.max(app.target(to), app.live(to)),
      newHealthy: app.healthy(to),
      oldKilling: app.killing(from),
    };
    if (deploymentFinished(state)) return finish(app, d, `${app.healthy(to)} healthy ${to} instance(s)`, fx);
    const step = nextDeploymentStep(app.spec.upgradeStrategy, state);
    if (step.startNew === 0 && step.killOld === 0) break;
    if (step.startNew > 0) app.setTarget(to, state.newRunning + step.startNew);
    for (const i of app.pickToKill(from, step.killOld)) killInstance(app, i, 'deployment', nowSeconds, fx);
  }
  // Old instances that end during a rolling upgrade are not replaced: new ones take their place.
  app.setTarget(from, app.live(from));
}

function finish(app: AppState, d: Deployment, detail: string, fx: Effects): void {
  app.deployment = undefined;
  app.current = d.to;
  app.trafficShares.clear();
  app.setTarget(d.from.name, 0);
  app.setTarget(d.to.name, app.desired);
  fx.trafficChanged.add(app);
  reportPhase(app, d, 'finished', detail, fx);
  fx.report({ fact: 'app', appId: app.spec.id, desired: app.desired, version: d.to.name });
}

/**
 * Abandons the deployment: the new version's instances are killed and the old version is kept at
 * the app's size (relaunching any it lost).
 *
 * @example
 * ```ts
 * rollBack(app, 'error rate 0.2 > threshold 0.05', nowSeconds, fx);
 * app.deployment; // undefined
 * ```
 */
export function rollBack(app: AppState, reason: string, nowSeconds: number, fx: Effects): void {
  const d = app.deployment;
  if (d === undefined) return;
  for (const i of app.pickToKill(d.to.name, app.live(d.to.name))) killInstance(app, i, 'rollback', nowSeconds, fx);
  app.deployment = undefined;
  app.setTarget(d.to.name, 0);
  app.trafficShares.clear();
  keepOld(app, d, nowSeconds, fx);
  fx.trafficChanged.add(app);
  reportPhase(app, d, 'rolled-back', `${reason}; ${d.to.name} killed, ${d.from.name} kept`, fx);
}

/**
 * A deployment stage's timer fired: the isolated canaries may now take traffic; at the end of the
 * partial stage the canary is judged on the requests it served (`canaryVerdict`; an app without a
 * load model has none and is judged on health alone) — rolled back, or the rolling upgrade
 * starts. Stale timers (another deployment, another stage) are ignored.
 *
 * @example
 * ```ts
 * deploymentTimer(app, 'web-deploy-1', 'canary-partial', nowSeconds, fx);
 * ```
 */
export function deploymentTimer(
  app: AppState,
  deploymentId: string,
  stage: string,
  nowSeconds: number,
  fx: Effects,
): void {
  const d = app.deployment;
  if (d === undefined || d.id !== deploymentId || d.stage !== stage) return;
  if (d.stage === 'canary-isolated') {
    d.stageTimeUp = true;
    return advanceDeployment(app, nowSeconds, fx);
  }
  if (d.stage !== 'canary-partial' || d.tally === undefined) return;
  // Without a load model there are no requests to judge: the canary is judged on its health alone.
  const detail = app.spec.load === undefined ? 'no load modelled, judged on health' : describeTally(d.tally, d.canary);
  if (app.spec.load !== undefined && canaryVerdict(d.tally, d.canary, true) === 'roll-back')
    return rollBack(app, detail, nowSeconds, fx);
  d.stage = 'rolling';
  app.trafficShares.clear();
  fx.trafficChanged.add(app);
  reportPhase(app, d, 'rolling', `canary passed: ${detail}`, fx);
  advanceRolling(app, d, nowSeconds, fx);
}

/**
 * Counts the requests the app's canary served up to now (see `countCanaryRequests`) and notes the
 * rate it receives from now on: called at every load sample, whenever the app's routing or healthy
 * instances change, and before the partial stage's timer is handled. Does nothing outside a
 * canary's partial stage.
 *
 * @example
 * ```ts
 * observeCanary(app, appTraffic(app, nowMicros)?.perInstanceRps, nowSeconds, rng);
 * ```
 */
export function observeCanary(
  app: AppState,
  perInstanceRps: ReadonlyMap<string, number> | undefined,
  nowSeconds: number,
  rng: Rng,
): void {
  const d = app.deployment;
  if (d === undefined || d.stage !== 'canary-partial' || d.tally === undefined) return;
  const rps = (perInstanceRps?.get(d.to.name) ?? 0) * app.healthy(d.to.name);
  countCanaryRequests(d.tally, nowSeconds, d.to.errorRate, rps, rng);
}

/**
 * The load was sampled (and the canary's requests counted): monitoring judges the canary on the
 * requests it has served so far in the partial stage, and rolls it back as soon as it has served
 * `minRequests` with an observed error rate above `errorThreshold` (`canaryVerdict`).
 *
 * @example
 * ```ts
 * canarySampled(app, nowSeconds, fx); // rolls back a canary that failed 612 of 3000 requests against a 5 % threshold
 * ```
 */
export function canarySampled(app: AppState, nowSeconds: number, fx: Effects): void {
  const d = app.deployment;
  if (d === undefined || d.stage !== 'canary-partial' || d.tally === undefined) return;
  if (canaryVerdict(d.tally, d.canary, false) === 'roll-back')
    rollBack(app, describeTally(d.tally, d.canary), nowSeconds, fx);
}
