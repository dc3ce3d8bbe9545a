import { fitsWithin, subtractResources, type Resources } from '../../../core/cluster/resources.ts';
import type { Rng } from '../../../core/kernel/rng.ts';
import type { OfferView, TaskLaunch } from '../../../core/plugins/framework.ts';
import type { Sampler } from '../../../workloads/distributions.ts';
import type { AppState } from './appState.ts';
import { PlacementChecker } from './constraints.ts';
import { instanceUsage, tracksUsage } from './traffic.ts';

/**
 * Placing the instances the apps want on the offers of one round.
 * @module
 */

/** The first version of the app with instances to launch that the backoff lets through. */
function launchableVersion(app: AppState, nowSeconds: number): string | undefined {
  for (const version of app.targetVersions()) {
    if (app.need(version) > 0 && app.mayLaunch(version, nowSeconds)) return version;
  }
  return undefined;
}

function launchOf(app: AppState, taskId: string, version: string, startup: StartupDelays | undefined): TaskLaunch {
  const { spec } = app;
  const ready = app.waitingSince.get(version);
  const delay = startup === undefined ? undefined : (spec.startupDelay ?? startup.fallback);
  return {
    taskId,
    resources: spec.resources,
    appId: spec.id,
    ...(ready === undefined ? {} : { readySinceSeconds: ready }),
    ...(spec.killGraceSeconds > 0 ? { killGraceSeconds: spec.killGraceSeconds } : {}),
    ...(delay === undefined || startup === undefined ? {} : { startupSeconds: Math.max(0, delay(startup.rng)) }),
    // An idle instance's use; it follows the load from the next sample on.
    ...(tracksUsage(spec.load) ? { usage: instanceUsage(spec.load, spec.resources, 0) } : {}),
  };
}

/**
 * Where instances' start-up delays come from: the framework's default delay (apps may set their
 * own) and the random stream the delays are drawn from.
 *
 * @example
 * ```ts
 * const startup: StartupDelays = { fallback: durationDistribution.parse('20s'), rng: createRng(1).fork('startup') };
 * placeInstances(apps, offers, 0, startup); // every launch has startupSeconds: 20
 * ```
 */
export interface StartupDelays {
  readonly fallback: Sampler | undefined;
  readonly rng: Rng;
}

/**
 * Places the apps' wanted instances on `offers` and records them in the apps' state as launching.
 * Round-robin: each pass gives every offer at most one instance of each app (in the apps' order),
 * so an app's instances spread over the offered machines;
 * passes repeat until nothing more fits. An instance goes only where its resources fit and every
 * constraint allows it, counting the instances placed earlier in the round.
 *
 * @example
 * ```ts
 * const launches = placeInstances(apps, offers, 0);
 * launches[0]; // the TaskLaunches for offers[0] (empty: decline it)
 * ```
 */
export function placeInstances(
  apps: readonly AppState[],
  offers: readonly OfferView[],
  nowSeconds: number,
  startup?: StartupDelays,
): TaskLaunch[][] {
  const launches: TaskLaunch[][] = offers.map(() => []);
  const remaining: Resources[] = offers.map((o) => o.resources);
  let wanting = apps.filter((app) => app.launchableNeed(nowSeconds) > 0);
  // Built on first use per app: it tallies the app's placed instances by constraint field.
  const checkers = new Map<AppState, PlacementChecker>();
  const checkerOf = (app: AppState): PlacementChecker => {
    let checker = checkers.get(app);
    if (checker === undefined) {
      checker = new PlacementChecker(app.spec.constraints, app.placedAttributes());
      checkers.set(app, checker);
    }
    return checker;
  };
  let progress = wanting.length > 0;
  while (progress) {
    progress = false;
    for (let i = 0; i < offers.length && wanting.length > 0; i++) {
      const offer = offers[i] as OfferView;
      let satisfied = false;
      for (const app of wanting) {
        const version = launchableVersion(app, nowSeconds);
        if (version === undefined) {
          // Nothing more to launch this round: it leaves the scan (the others keep their order).
          satisfied = true;
          continue;
        }
        const free = remaining[i] as Resources;
        if (!fitsWithin(app.spec.resources, free)) continue;
        const constrained = app.spec.constraints.length > 0;
        if (constrained && !checkerOf(app).allows(offer.attributes)) continue;
        const { taskId, seq } = app.nextTaskId(version);
        app.addInstance({
          taskId,
          version,
          seq,
          agentId: offer.agentId,
          attributes: offer.attributes,
          launchedAt: nowSeconds,
          running: false,
          healthy: false,
          killing: false,
          health: undefined,
          lastUsage: undefined,
        });
        if (constrained) checkerOf(app).add(offer.attributes);
        remaining[i] = subtractResources(free, app.spec.resources);
        (launches[i] as TaskLaunch[]).push(launchOf(app, taskId, version, startup));
        progress = true;
      }
      if (satisfied) wanting = wanting.filter((app) => launchableVersion(app, nowSeconds) !== undefined);
    }
  }
  return launches;
}
