import type { Resources } from '../../../core/cluster/resources.ts';
import { secondsToMicros, type Micros } from '../../../core/kernel/time.ts';
import type { AppSpec } from './appSpec.ts';
import { launchDelaySeconds } from './backoff.ts';
import type { Deployment } from './deployment.ts';
import type { FailureMode, InstanceHealth } from './healthChecks.ts';

/**
 * The run-time state of one Marathon app: its instances, how many of each version it wants, its
 * launch backoff and its deployment. Counts are kept incrementally because an app may have
 * thousands of instances and placement asks for them once per offer.
 * @module
 */

/**
 * One version of an app and how it behaves (scenario data).
 *
 * @example
 * ```ts
 * const bad: AppVersion = { name: 'v2', errorRate: 0.2, failures: undefined };
 * ```
 */
export interface AppVersion {
  readonly name: string;
  /** Fraction of the requests it serves that fail. */
  readonly errorRate: number;
  /** When its health checks fail. */
  readonly failures: FailureMode | undefined;
}

/**
 * One launched instance (a task) of an app.
 *
 * @example
 * ```ts
 * const instance: Instance | undefined = app.instances.get('web.v1.0');
 * instance?.healthy; // true once a health check passed
 * ```
 */
export interface Instance {
  readonly taskId: string;
  readonly version: string;
  /** Launch order within the app (scale-down kills the newest first). */
  readonly seq: number;
  readonly agentId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Simulated second the scheduler decided to launch it (what its state store records). */
  readonly launchedAt: number;
  /** The master said it runs. */
  running: boolean;
  /** In the load balancer: running and passing its health checks. */
  healthy: boolean;
  /** Ordered killed; it still holds its resources until it ends. */
  killing: boolean;
  health: InstanceHealth | undefined;
  /** The last usage sent to the master (undefined: its launch usage). */
  lastUsage: Resources | undefined;
}

const bump = (counts: Map<string, number>, key: string, by: number): void => {
  const next = (counts.get(key) ?? 0) + by;
  if (next === 0) counts.delete(key);
  else counts.set(key, next);
};

/**
 * An app's state. `target(version)` is how many live (not killing) instances of a version it
 * keeps; the difference to the live count is what it still has to launch.
 *
 * @example
 * ```ts
 * const app = new AppState(spec, 0);
 * app.setTarget('v1', 3);
 * app.need('v1'); // 3: nothing launched yet
 * ```
 */
export class AppState {
  readonly spec: AppSpec;
  /** Position in the options' `apps` (used in timer tags). */
  readonly index: number;
  desired: number;
  /** The version serving (the old one during a deployment). */
  current: AppVersion;
  readonly versions = new Map<string, AppVersion>();
  /** Every instance not yet ended, including those being killed. */
  readonly instances = new Map<string, Instance>();
  /** Explicit traffic fractions by version (a canary's); 0 = no traffic; absent = by healthy count. */
  readonly trafficShares = new Map<string, number>();
  /** Simulated second of the last scaling change (autoscaling cooldown). */
  lastScaleAt = -Infinity;
  /** The last traffic fact reported, as a key (to skip repeating it between samples). */
  lastTraffic: string | undefined;
  /** Since when each version has been waiting for a launch (for wait-time metrics). */
  readonly waitingSince = new Map<string, number>();
  readonly #targets = new Map<string, number>();
  readonly #live = new Map<string, number>();
  readonly #healthy = new Map<string, number>();
  readonly #killing = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  /** In µs: the backoff timer fires at exactly this time, and float seconds could miss it. */
  readonly #launchAllowedAt = new Map<string, Micros>();
  #seq = 0;
  #deployment: Deployment | undefined;
  #onChange: ((app: AppState) => void) | undefined;

  constructor(spec: AppSpec, index: number) {
    this.spec = spec;
    this.index = index;
    this.desired = spec.instances;
    this.current = { name: spec.version, errorRate: 0, failures: spec.failures };
    this.versions.set(spec.version, this.current);
  }

  /**
   * Calls `listener` after every change of what the app wants or has (targets, instances, backoff,
   * deployment), so that a scheduler with thousands of apps looks again only at those that changed.
   */
  watch(listener: (app: AppState) => void): void {
    this.#onChange = listener;
  }

  /** The deployment in progress, if any. */
  get deployment(): Deployment | undefined {
    return this.#deployment;
  }

  set deployment(deployment: Deployment | undefined) {
    this.#deployment = deployment;
    this.#changed();
  }

  target(version: string): number {
    return this.#targets.get(version) ?? 0;
  }

  setTarget(version: string, count: number): void {
    if (count <= 0) this.#targets.delete(version);
    else this.#targets.set(version, count);
    this.#changed();
  }

  /** Versions with a target, in the order they got one. */
  targetVersions(): string[] {
    return [...this.#targets.keys()];
  }

  /** Instances of a version running or launching, not ordered killed. */
  live(version: string): number {
    return this.#live.get(version) ?? 0;
  }

  healthy(version: string): number {
    return this.#healthy.get(version) ?? 0;
  }

  killing(version: string): number {
    return this.#killing.get(version) ?? 0;
  }

  /** Instances of a version still to launch. */
  need(version: string): number {
    return Math.max(0, this.target(version) - this.live(version));
  }

  /** Instances of every version still to launch (Marathon's launch queue for this app). */
  totalNeed(): number {
    let total = 0;
    for (const version of this.#targets.keys()) total += this.need(version);
    return total;
  }

  /** Instances it may launch now: wanted and not held back by the launch backoff. */
  launchableNeed(nowSeconds: number): number {
    let total = 0;
    for (const version of this.#targets.keys()) if (this.mayLaunch(version, nowSeconds)) total += this.need(version);
    return total;
  }

  mayLaunch(version: string, nowSeconds: number): boolean {
    return secondsToMicros(nowSeconds) >= (this.#launchAllowedAt.get(version) ?? -Infinity);
  }

  /** A fresh task id: app, version and launch number, e.g. `web.v2.17`. */
  nextTaskId(version: string): { taskId: string; seq: number } {
    const seq = this.#seq++;
    return { taskId: `${this.spec.id}.${version}.${seq}`, seq };
  }

  addInstance(instance: Instance): void {
    this.instances.set(instance.taskId, instance);
    bump(this.#live, instance.version, 1);
    this.#changed();
  }

  /** Marks an instance healthy or not; returns whether that changed. */
  setHealthy(instance: Instance, healthy: boolean): boolean {
    if (instance.healthy === healthy || instance.killing) return false;
    instance.healthy = healthy;
    bump(this.#healthy, instance.version, healthy ? 1 : -1);
    return true;
  }

  /** The instance is ordered killed: it leaves the live and healthy counts now. */
  markKilling(instance: Instance): void {
    if (instance.killing) return;
    this.setHealthy(instance, false);
    instance.killing = true;
    bump(this.#live, instance.version, -1);
    bump(this.#killing, instance.version, 1);
    this.#changed();
  }

  /** The instance ended. */
  remove(instance: Instance): void {
    if (!this.instances.delete(instance.taskId)) return;
    if (instance.killing) bump(this.#killing, instance.version, -1);
    else {
      this.setHealthy(instance, false);
      bump(this.#live, instance.version, -1);
    }
    this.#changed();
  }

  /**
   * One more failure of a version (Marathon's backoff grows): launches of it wait
   * `launchDelaySeconds` from now. Returns that delay.
   */
  recordFailure(version: string, nowSeconds: number): number {
    const failures = (this.#failures.get(version) ?? 0) + 1;
    this.#failures.set(version, failures);
    const delay = launchDelaySeconds(this.spec.backoff, failures);
    this.#launchAllowedAt.set(version, secondsToMicros(nowSeconds) + secondsToMicros(delay));
    this.#changed();
    return delay;
  }

  /** A new version starts without backoff (Marathon resets the delay on a new app version). */
  resetBackoff(version: string): void {
    this.#failures.delete(version);
    this.#launchAllowedAt.delete(version);
    this.#changed();
  }

  /**
   * Which `count` live instances of a version to kill: unhealthy before healthy, not yet running
   * before running, newest first (so a scale-down keeps the instances that proved themselves).
   */
  pickToKill(version: string, count: number): Instance[] {
    if (count <= 0) return [];
    const candidates = [...this.instances.values()].filter((i) => i.version === version && !i.killing);
    candidates.sort(
      (a, b) => Number(a.healthy) - Number(b.healthy) || Number(a.running) - Number(b.running) || b.seq - a.seq,
    );
    return candidates.slice(0, count);
  }

  #changed(): void {
    this.#onChange?.(this);
  }

  /** Machine attributes of the live instances, for placement constraints. */
  placedAttributes(): Readonly<Record<string, string>>[] {
    const out: Readonly<Record<string, string>>[] = [];
    for (const i of this.instances.values()) if (!i.killing) out.push(i.attributes);
    return out;
  }
}
