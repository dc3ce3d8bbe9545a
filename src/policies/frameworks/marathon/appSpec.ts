import { z } from 'zod';
import type { Micros } from '../../../core/kernel/time.ts';
import { durationField, idField, resourcesField, strictObject } from '../../../core/scenario/fields.ts';
import { durationDistribution } from '../../../workloads/distributions.ts';
import { loadProfile, type LoadProfile } from '../../../workloads/profiles.ts';
import { DEFAULT_UNREACHABLE_STRATEGY, unreachableStrategySchema } from './unreachableStrategy.ts';
import { autoscaleSchema } from './autoscaling.ts';
import { backoffSchema, DEFAULT_BACKOFF } from './backoff.ts';
import { constraintSchema } from './constraints.ts';
import { DEFAULT_UPGRADE_STRATEGY, upgradeStrategySchema } from './deploymentPlan.ts';
import { failureModeSchema, healthCheckSchema } from './healthChecks.ts';
import { replicationSchema, stateSchema } from './statefulSpec.ts';

/**
 * The plain-data description of a Marathon app, as written in the `marathon` framework's options.
 * @module
 */

/**
 * A schema chosen by looking at the input, with that schema's own errors (a zod union would
 * report only "Invalid input" for an event or a rate with one wrong field).
 */
function chosenBy<T>(choose: (input: unknown) => z.ZodType<T, unknown> | string): z.ZodType<T, unknown> {
  return z.unknown().transform((input, ctx): T => {
    const schema = choose(input);
    if (typeof schema === 'string') {
      ctx.addIssue({ code: 'custom', message: schema });
      return z.NEVER;
    }
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      // Name the unknown field in the path, as the scenario loader does for direct errors.
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) path.push(issue.keys[0] as string);
      ctx.addIssue({ code: 'custom', message: issue.message, path });
    }
    return z.NEVER;
  });
}

const isObject = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input);

const profiledRate = strictObject({
  /** A day/night profile (src/workloads/profiles.ts); its maximum maps to `peakRps`. */
  profile: loadProfile,
  peakRps: z
    .number({ error: 'peakRps is a number of requests per second ≥ 0' })
    .nonnegative('peakRps must be ≥ 0')
    .finite(),
});

/**
 * An app's request rate: a constant, or `peakRps` scaled by a day/night profile.
 *
 * @example
 * ```ts
 * const steady: RateSpec = 200;
 * const daily: RateSpec = { profile: loadProfile.parse({ shape: 'sinusoid', peak: '14h', min: 0.2, max: 1 }), peakRps: 800 };
 * ```
 */
export type RateSpec = number | { readonly profile: LoadProfile; readonly peakRps: number };

const rateSchema: z.ZodType<RateSpec, unknown> = chosenBy<RateSpec>((input) =>
  typeof input === 'number'
    ? z.number().nonnegative('rps must be ≥ 0').finite()
    : isObject(input)
      ? profiledRate
      : 'rps is a number of requests per second ≥ 0, or { "profile": { "shape": … }, "peakRps": number }',
);

const loadSchema = strictObject({
  rps: rateSchema,
  /** Requests per second one healthy instance serves at full quality. */
  rpsPerInstance: z.number({ error: 'rpsPerInstance is a number > 0' }).positive('rpsPerInstance must be > 0').finite(),
  /** CPU an instance uses per request per second it serves, on top of `baseUsage.cpus`. */
  cpusPerRps: z
    .number({ error: 'cpusPerRps is a number ≥ 0' })
    .nonnegative('cpusPerRps must be ≥ 0')
    .finite()
    .optional(),
  /** What an idle instance uses (mem defaults to the allocation). */
  baseUsage: resourcesField.optional(),
});

/**
 * An app's load: its demand signal and what one instance serves and uses.
 *
 * @example
 * ```ts
 * const load: LoadSpec = { rps: 300, rpsPerInstance: 100, cpusPerRps: 0.005, baseUsage: { cpus: 0.1, mem: 256 } };
 * ```
 */
export type LoadSpec = z.output<typeof loadSchema>;

const canarySchema = strictObject({
  /** New instances started beside the old ones. */
  instances: z.number().int('canary instances is a whole number ≥ 1').min(1, 'canary instances must be ≥ 1').default(1),
  /** Seconds the healthy canaries run without traffic ("canary isolated"). */
  isolatedSeconds: z.number().nonnegative('isolatedSeconds must be ≥ 0').finite().default(300),
  /** Fraction of requests routed to the canaries in the partial phase. */
  trafficFraction: z
    .number()
    .gt(0, 'trafficFraction must be in (0, 1]')
    .max(1, 'trafficFraction must be in (0, 1]')
    .default(0.1),
  /** Seconds of the partial phase before the rolling upgrade. */
  partialSeconds: z.number().nonnegative('partialSeconds must be ≥ 0').finite().default(600),
  /** Roll back when the canaries' observed error rate (failed ÷ served requests) exceeds this fraction. */
  errorThreshold: z
    .number()
    .min(0, 'errorThreshold must be in [0, 1]')
    .max(1, 'errorThreshold must be in [0, 1]')
    .default(0.05),
  /** Requests the canaries must have served before their error rate is judged. */
  minRequests: z
    .number()
    .int('minRequests is a whole number ≥ 1')
    .min(1, 'minRequests is a whole number ≥ 1')
    .default(100),
});

/**
 * A canary's settings (the seed teams' "canary isolated" → "canary partial" → full rollout).
 *
 * @example
 * ```ts
 * const canary: CanarySpec = { instances: 1, isolatedSeconds: 300, trafficFraction: 0.1, partialSeconds: 600, errorThreshold: 0.05, minRequests: 100 };
 * ```
 */
export type CanarySpec = z.output<typeof canarySchema>;

const DEFAULT_CANARY: CanarySpec = canarySchema.parse({});

/**
 * How a new version replaces the old: `rolling` (Marathon's upgrade strategy), `blue-green` (a full
 * new set beside the old, then switch) or `canary` (a few new instances first).
 *
 * @example
 * ```ts
 * const strategy: DeployStrategy = 'canary';
 * ```
 */
export type DeployStrategy = 'rolling' | 'blue-green' | 'canary';

const deployFields = strictObject({
  version: idField,
  strategy: z
    .enum(['rolling', 'blue-green', 'canary'], { error: 'strategy is "rolling", "blue-green" or "canary"' })
    .optional(),
  canary: canarySchema.optional(),
  /** Probability that the new version fails a request it serves (drawn per request). */
  errorRate: z.number().min(0, 'errorRate must be in [0, 1]').max(1, 'errorRate must be in [0, 1]').default(0),
  /** When the new version's health checks fail (default: the app's `failures`). */
  failures: failureModeSchema.optional(),
}).transform((d, ctx) => {
  if (d.canary !== undefined && d.strategy !== undefined && d.strategy !== 'canary') {
    ctx.addIssue({
      code: 'custom',
      message: `canary settings need "strategy": "canary", not "${d.strategy}"`,
      path: ['canary'],
    });
    return z.NEVER;
  }
  const strategy: DeployStrategy = d.strategy ?? (d.canary === undefined ? 'rolling' : 'canary');
  return {
    version: d.version,
    strategy,
    canary: d.canary ?? DEFAULT_CANARY,
    errorRate: d.errorRate,
    failures: d.failures,
  };
});

/**
 * A deployment of a new version, as parsed.
 *
 * @example
 * ```ts
 * const deploy: DeploySpec = { version: 'v2', strategy: 'rolling', canary: DEFAULT_CANARY, errorRate: 0, failures: undefined };
 * ```
 */
export type DeploySpec = z.output<typeof deployFields>;

const scaleEvent = strictObject({
  at: durationField,
  scale: z.number().int('scale is a whole number ≥ 0').nonnegative('scale must be ≥ 0'),
});
const deployEvent = strictObject({ at: durationField, deploy: deployFields });

/**
 * Something that happens to an app at a time (µs since the start): a scale change or a deployment.
 *
 * @example
 * ```ts
 * const events: AppEvent[] = [{ at: 7_200_000_000, scale: 3000 }];
 * ```
 */
export type AppEvent =
  { readonly at: Micros; readonly scale: number } | { readonly at: Micros; readonly deploy: DeploySpec };

const eventSchema: z.ZodType<AppEvent, unknown> = chosenBy<AppEvent>((input) => {
  if (isObject(input) && 'scale' in input && !('deploy' in input)) return scaleEvent;
  if (isObject(input) && 'deploy' in input && !('scale' in input)) return deployEvent;
  return 'an event is { "at": "2h", "scale": 3000 } or { "at": "3h", "deploy": { "version": "v2", … } }';
});

const appSchema = strictObject({
  id: idField,
  /** Name of the version running at the start. */
  version: idField.default('v1'),
  instances: z
    .number({ error: 'instances is a whole number ≥ 0' })
    .int('instances must be a whole number')
    .nonnegative('instances must be ≥ 0'),
  /** Resources of one instance. */
  resources: resourcesField,
  constraints: z.array(constraintSchema).default([]),
  /** Without a health check an instance counts as healthy once it runs. */
  healthCheck: healthCheckSchema.optional(),
  /** When the app's health checks fail (default: never). */
  failures: failureModeSchema.optional(),
  /**
   * Seconds from running until the service answers (a JVM starting, caches loading): its health
   * checks are refused — failing at once — until then.
   */
  warmupSeconds: z
    .number({ error: 'warmupSeconds is a number of seconds ≥ 0' })
    .nonnegative('warmupSeconds must be ≥ 0')
    .finite()
    .default(0),
  backoff: backoffSchema.default(DEFAULT_BACKOFF),
  /**
   * Time from an instance's launch until it runs (fetching, image pull, container start): a
   * duration or a distribution of durations, drawn per instance. The instance is STAGING
   * meanwhile — it holds its resources, does not serve, and its health checks start once it runs.
   * Default: the framework's `startupDelay`, else none.
   */
  startupDelay: durationDistribution.optional(),
  /**
   * What to do with an instance whose agent is unreachable (heard only when the framework is
   * PARTITION_AWARE). Marathon's default: replace it at once, kill it if it comes back.
   */
  unreachableStrategy: unreachableStrategySchema.default(DEFAULT_UNREACHABLE_STRATEGY),
  /** Seconds between a kill and the instance's end (Marathon's taskKillGracePeriodSeconds). */
  killGraceSeconds: z.number().nonnegative('killGraceSeconds must be ≥ 0').finite().default(0),
  load: loadSchema.optional(),
  autoscale: autoscaleSchema.optional(),
  upgradeStrategy: upgradeStrategySchema.default(DEFAULT_UPGRADE_STRATEGY),
  events: z.array(eventSchema).default([]),
  /** A data store: a restarted instance serves only once it has recovered its data. */
  state: stateSchema.optional(),
  /** A primary/replica store: a replica is promoted when the primary fails. */
  replication: replicationSchema.optional(),
});

/**
 * One app, as parsed (durations in µs, defaults filled in).
 *
 * @example
 * ```ts
 * const app: AppSpec = marathonFramework.options.parse({ apps: [{ id: 'web', instances: 3, resources: { cpus: 1 } }] }).apps[0]!;
 * app.version; // 'v1'
 * ```
 */
export type AppSpec = z.output<typeof appSchema>;

/**
 * The `marathon` framework's options: the apps it runs, and Marathon's offer handling.
 *
 * @example
 * ```ts
 * marathonOptions.parse({ apps: [{ id: 'web', instances: 3, resources: { cpus: 1, mem: 512 }, constraints: [['hostname', 'UNIQUE']] }] });
 * ```
 */
export const marathonOptions = strictObject({
  apps: z.array(appSchema),
  /**
   * Filter on declined offers (and the unused part of accepted ones): Marathon's
   * `--decline_offer_duration`, 120 s. Marathon revives whenever it has new instances to launch.
   */
  refuseSeconds: z.number().nonnegative('refuseSeconds must be ≥ 0').finite().default(120),
  /** The start-up delay of apps that do not set their own `startupDelay` (default: none). */
  startupDelay: durationDistribution.optional(),
  /** Seconds between samples of the apps' load (traffic facts, usage, autoscaling). */
  sampleSeconds: z.number().positive('sampleSeconds must be > 0').finite().default(60),
  /**
   * Seconds between Marathon's periodic task reconciliations (explicit for the tasks it knows,
   * then implicit): `--reconciliation_interval`, 600000 ms by default since Marathon 1.0.
   */
  reconciliationIntervalSeconds: z.number().positive('reconciliationIntervalSeconds must be > 0').finite().default(600),
  /** Seconds before the first periodic reconciliation: `--reconciliation_initial_delay`, 15000 ms. */
  reconciliationInitialDelaySeconds: z
    .number()
    .nonnegative('reconciliationInitialDelaySeconds must be ≥ 0')
    .finite()
    .default(15),
  /**
   * How far behind its state store is, in seconds: a new leader taking over after a scheduler
   * failover knows only the instances launched at least this long before the old leader went
   * down, and kills the others when reconciliation reports them running (Marathon kills tasks it
   * does not know). 0, the default, is a store written before every launch: nothing is lost. A
   * positive lag models the Marathon bug in which a new leader killed healthy tasks.
   */
  stateStoreLagSeconds: z.number().nonnegative('stateStoreLagSeconds must be ≥ 0').finite().default(0),
}).superRefine((options, ctx) => {
  const seen = new Set<string>();
  options.apps.forEach((app, i) => {
    if (seen.has(app.id))
      ctx.addIssue({ code: 'custom', message: `duplicate app id "${app.id}"`, path: ['apps', i, 'id'] });
    seen.add(app.id);
    if (app.autoscale !== undefined && app.load === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `app "${app.id}": autoscale needs a "load" to scale from`,
        path: ['apps', i, 'autoscale'],
      });
    }
  });
});

/**
 * The options as parsed.
 *
 * @example
 * ```ts
 * const options: MarathonOptions = marathonOptions.parse({ apps: [] });
 * options.refuseSeconds; // 120
 * ```
 */
export type MarathonOptions = z.output<typeof marathonOptions>;
