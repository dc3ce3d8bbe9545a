import type { FrameworkPlugin } from '../../../core/plugins/framework.ts';
import { marathonAppIssues } from './appChecks.ts';
import { marathonOptions, type MarathonOptions } from './appSpec.ts';
import { MarathonScheduler } from './marathonScheduler.ts';

/**
 * The `marathon` framework: long-running services the Marathon way. Apps are plain data in the
 * options — instances, resources, constraints, health checks and their failure mode, launch
 * backoff, kill grace period, load (a constant or day/night request rate), autoscaling, upgrade
 * strategy, and events (scale changes, deployments: rolling, blue/green, canary). It reports `app`,
 * `instance-health`, `traffic` and `deployment` facts, and the instances' usage as it follows load.
 *
 * @example
 * ```json
 * { "id": "marathon", "scheduler": "marathon", "options": { "apps": [
 *   { "id": "web", "instances": 3, "resources": { "cpus": 1, "mem": 1024 }, "constraints": [["hostname", "UNIQUE"]],
 *     "healthCheck": { "gracePeriodSeconds": 30, "intervalSeconds": 10 },
 *     "load": { "rps": 300, "rpsPerInstance": 150 },
 *     "events": [{ "at": "1h", "deploy": { "version": "v2", "strategy": "canary" } }] } ] } }
 * ```
 */
export const marathonFramework: FrameworkPlugin<MarathonOptions> = {
  name: 'marathon',
  description:
    'services: instance counts, constraints, health checks, backoff, scaling, rolling/blue-green/canary deployments',
  options: marathonOptions,
  check: marathonAppIssues,
  create: (options, context) => new MarathonScheduler(options, context),
};
