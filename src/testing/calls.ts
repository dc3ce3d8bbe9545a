/**
 * Allocator call sequences as plain data, and their replay through anything that speaks the
 * standalone allocator API (Mesos's call names, a manual clock). Replay is state-aware: calls that
 * make no sense at that point (an unknown framework, a second agent with a used id, a decline with
 * nothing outstanding) are skipped, so any generated sequence is valid for any allocator.
 * @module
 */
import { isEmptyResources, scaleResources, subtractClamped, type Resources } from '../core/cluster/resources.ts';
import type { MesosAllocatorApi, StandaloneOffer } from '../policies/allocators/mesos/standalone.ts';

/**
 * One call to an allocator, as data. `recoverResources` names an outstanding offer by position
 * (modulo the number outstanding, oldest first) and gives back all of what is left of it, or half.
 *
 * @example
 * ```ts
 * const calls: AllocatorCall[] = [
 *   { kind: 'addAgent', agentId: 'a1', resources: { cpus: 4, mem: 1024 } },
 *   { kind: 'addFramework', frameworkId: 'f1', roles: ['eng/ads'], active: true },
 *   { kind: 'advance', seconds: 0 },
 *   { kind: 'recoverResources', offer: 0, half: false, refuseSeconds: 5 },
 * ];
 * ```
 */
export type AllocatorCall =
  | {
      readonly kind: 'addAgent';
      readonly agentId: string;
      readonly resources: Resources;
      readonly reserved?: Readonly<Record<string, Resources>>;
    }
  | { readonly kind: 'removeAgent'; readonly agentId: string }
  | {
      readonly kind: 'addFramework';
      readonly frameworkId: string;
      readonly roles: readonly string[];
      readonly active: boolean;
    }
  | { readonly kind: 'activateFramework' | 'deactivateFramework'; readonly frameworkId: string }
  | { readonly kind: 'suppress' | 'revive'; readonly frameworkId: string; readonly roles?: readonly string[] }
  | {
      readonly kind: 'recoverResources';
      readonly offer: number;
      readonly half: boolean;
      readonly refuseSeconds?: number;
    }
  | { readonly kind: 'updateWeight'; readonly role: string; readonly weight: number }
  | { readonly kind: 'advance'; readonly seconds: number };

/**
 * A call as it was applied: `recoverResources` resolved to concrete ids and resources, and
 * `suppress`/`revive` roles narrowed to the framework's own.
 *
 * @example
 * ```ts
 * const applied: AppliedCall = { kind: 'recoverResources', frameworkId: 'f1', agentId: 'a1', role: 'eng', resources: { cpus: 2 }, refuseSeconds: 5 };
 * ```
 */
export type AppliedCall =
  | Exclude<AllocatorCall, { readonly kind: 'recoverResources' | 'advance' }>
  | {
      readonly kind: 'recoverResources';
      readonly frameworkId: string;
      readonly agentId: string;
      readonly role: string;
      readonly resources: Resources;
      readonly refuseSeconds?: number;
    };

/**
 * What a replay observed, in order: applied calls, and allocation runs with the offers each made.
 * `at` is in seconds. A batch run is reported even when it made no offer; a triggered run only
 * when it made one.
 *
 * @example
 * ```ts
 * const e: ReplayEvent = { kind: 'run', callIndex: 2, at: 1, batch: true, offers: [] };
 * const c: ReplayEvent = { kind: 'call', callIndex: 3, at: 1, call: { kind: 'removeAgent', agentId: 'a1' } };
 * ```
 */
export type ReplayEvent =
  | { readonly kind: 'call'; readonly callIndex: number; readonly at: number; readonly call: AppliedCall }
  | {
      readonly kind: 'run';
      readonly callIndex: number;
      readonly at: number;
      readonly batch: boolean;
      readonly offers: readonly StandaloneOffer[];
    };

/**
 * The part of the standalone allocator API a replay uses; implement it to test your own allocator.
 *
 * @example
 * ```ts
 * import { createMesosAllocator } from '../policies/allocators/mesos/standalone.ts';
 * const allocator: ReplayableAllocator = createMesosAllocator();
 * ```
 */
export type ReplayableAllocator = Pick<
  MesosAllocatorApi,
  | 'addAgent'
  | 'removeAgent'
  | 'addFramework'
  | 'activateFramework'
  | 'deactivateFramework'
  | 'suppress'
  | 'revive'
  | 'recoverResources'
  | 'updateWeight'
  | 'advance'
  | 'offers'
>;

/**
 * Options of {@link replayCalls}.
 *
 * @example
 * ```ts
 * const options: ReplayOptions = { allocationInterval: 1 };
 * ```
 */
export interface ReplayOptions {
  /**
   * The allocator's batch interval in seconds (default 1). Advances are cut at batch times so that
   * each allocation run's offers are read separately (the offers list alone does not show where
   * one run ends and the next begins).
   */
  readonly allocationInterval?: number;
}

interface Outstanding {
  readonly frameworkId: string;
  readonly role: string;
  readonly agentId: string;
  left: Resources;
}

const MICROS = 1_000_000;

/**
 * Replays calls through an allocator whose clock starts at 0, and returns what happened. Each
 * `advance` is split into `advance(0)` (the pending triggered run, if any) and one step per batch
 * time it crosses, so every run's offers come out on their own.
 *
 * @example
 * ```ts
 * import { createMesosAllocator } from '../policies/allocators/mesos/standalone.ts';
 * const log = replayCalls(createMesosAllocator(), [
 *   { kind: 'addAgent', agentId: 'a1', resources: { cpus: 2 } },
 *   { kind: 'addFramework', frameworkId: 'f1', roles: ['r'], active: true },
 *   { kind: 'advance', seconds: 1 },
 * ]);
 * log.filter((e) => e.kind === 'run').length; // 2: the triggered run at 0 and the batch run at 1
 * ```
 */
export function replayCalls(
  allocator: ReplayableAllocator,
  calls: readonly AllocatorCall[],
  options: ReplayOptions = {},
): ReplayEvent[] {
  const interval = Math.round((options.allocationInterval ?? 1) * MICROS);
  if (!(interval > 0))
    throw new RangeError(`allocationInterval must be > 0 seconds, got ${options.allocationInterval}`);
  const events: ReplayEvent[] = [];
  const agents = new Set<string>();
  const usedAgentIds = new Set<string>();
  const frameworkRoles = new Map<string, readonly string[]>();
  let outstanding: Outstanding[] = [];
  let now = 0;

  const readOffers = (callIndex: number, at: number, batch: boolean): void => {
    const offers = allocator.offers();
    for (const o of offers)
      outstanding.push({ frameworkId: o.frameworkId, role: o.role, agentId: o.agentId, left: o.resources });
    if (batch || offers.length > 0) events.push({ kind: 'run', callIndex, at: at / MICROS, batch, offers });
  };
  const applied = (callIndex: number, call: AppliedCall): void =>
    void events.push({ kind: 'call', callIndex, at: now / MICROS, call });

  calls.forEach((call, callIndex) => {
    try {
      replayOne(call, callIndex);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`replaying call #${callIndex} ${JSON.stringify(call)}: ${message}`, { cause: error });
    }
  });
  return events;

  function replayOne(call: AllocatorCall, callIndex: number): void {
    switch (call.kind) {
      case 'addAgent': {
        if (usedAgentIds.has(call.agentId)) return;
        usedAgentIds.add(call.agentId);
        agents.add(call.agentId);
        allocator.addAgent(
          call.agentId,
          call.reserved === undefined
            ? { resources: call.resources }
            : { resources: call.resources, reserved: call.reserved },
        );
        return applied(callIndex, call);
      }
      case 'removeAgent': {
        if (!agents.delete(call.agentId)) return;
        allocator.removeAgent(call.agentId);
        outstanding = outstanding.filter((o) => o.agentId !== call.agentId);
        return applied(callIndex, call);
      }
      case 'addFramework': {
        if (frameworkRoles.has(call.frameworkId) || call.roles.length === 0) return;
        frameworkRoles.set(call.frameworkId, call.roles);
        allocator.addFramework(call.frameworkId, { roles: call.roles, active: call.active });
        return applied(callIndex, call);
      }
      case 'activateFramework':
      case 'deactivateFramework': {
        if (!frameworkRoles.has(call.frameworkId)) return;
        if (call.kind === 'activateFramework') allocator.activateFramework(call.frameworkId);
        else allocator.deactivateFramework(call.frameworkId);
        return applied(callIndex, call);
      }
      case 'suppress':
      case 'revive': {
        const own = frameworkRoles.get(call.frameworkId);
        if (own === undefined) return;
        const roles = call.roles?.filter((r) => own.includes(r));
        if (roles !== undefined && roles.length === 0) return;
        if (call.kind === 'suppress') allocator.suppress(call.frameworkId, roles);
        else allocator.revive(call.frameworkId, roles);
        return applied(
          callIndex,
          roles === undefined
            ? { kind: call.kind, frameworkId: call.frameworkId }
            : { kind: call.kind, frameworkId: call.frameworkId, roles },
        );
      }
      case 'recoverResources': {
        const offer = outstanding[Math.abs(Math.trunc(call.offer)) % Math.max(1, outstanding.length)];
        if (offer === undefined) return;
        const half = call.half ? scaleResources(offer.left, 0.5) : offer.left;
        const resources = isEmptyResources(half) ? offer.left : half;
        offer.left = subtractClamped(offer.left, resources);
        if (isEmptyResources(offer.left)) outstanding = outstanding.filter((o) => o !== offer);
        allocator.recoverResources(offer.frameworkId, offer.agentId, offer.role, resources, call.refuseSeconds);
        const base = {
          kind: 'recoverResources',
          frameworkId: offer.frameworkId,
          agentId: offer.agentId,
          role: offer.role,
          resources,
        } as const;
        return applied(
          callIndex,
          call.refuseSeconds === undefined ? base : { ...base, refuseSeconds: call.refuseSeconds },
        );
      }
      case 'updateWeight': {
        if (!(Number.isFinite(call.weight) && call.weight > 0)) return;
        allocator.updateWeight(call.role, call.weight);
        return applied(callIndex, call);
      }
      case 'advance': {
        if (!(Number.isFinite(call.seconds) && call.seconds >= 0)) return;
        const target = now + Math.round(call.seconds * MICROS);
        allocator.advance(0);
        readOffers(callIndex, now, false);
        for (let batch = (Math.floor(now / interval) + 1) * interval; batch <= target; batch += interval) {
          allocator.advance((batch - now) / MICROS);
          now = batch;
          readOffers(callIndex, now, true);
        }
        if (target > now) {
          allocator.advance((target - now) / MICROS);
          now = target;
          readOffers(callIndex, now, false);
        }
        return;
      }
    }
  }
}
