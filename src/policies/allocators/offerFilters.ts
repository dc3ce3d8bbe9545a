import { fitsWithin, subtractClamped, type Resources } from '../../core/cluster/resources.ts';
import type { Micros } from '../../core/kernel/time.ts';
import { containsNonScalar, isEmptyNonScalar, type NonScalarResources } from './mesos/resourceValues.ts';

interface Filter {
  readonly resources: Resources;
  /** The reserved parts of `resources`, by reservation role (absent: all unreserved). */
  readonly reserved: ReadonlyMap<string, Resources> | undefined;
  /** Range resources declined (absent: none). */
  readonly ranges: NonScalarResources | undefined;
  readonly expiresAt: Micros;
  /** Number of batch allocation runs started when the filter was made. */
  readonly batchRunsAtCreation: number;
}

/** The last offer a filter list held back, and the filter that did (see {@link OfferFilters.blockedAgain}). */
interface LastBlock {
  readonly offer: Resources;
  readonly filter: Filter;
}

/**
 * The filters of one (framework, role, agent), with the last offer they held back: a list
 * replaced (expired filters dropped) or removed forgets it.
 */
interface FilterList extends Array<Filter> {
  lastBlock?: LastBlock;
}

/**
 * Options of a filter table.
 *
 * @example
 * ```ts
 * const options: OfferFiltersOptions = { skipRepeatedBlocks: false }; // every pair checked in full
 * ```
 */
export interface OfferFiltersOptions {
  /**
   * Whether {@link OfferFilters.blockedAgain} may answer true (default true). Off, it always
   * answers false and every pair is checked in full: the offers are the same either way, which
   * is what a comparison of the two needs.
   */
  readonly skipRepeatedBlocks?: boolean;
}

/** Mesos's `Filters.refuse_seconds` default, used for a negative value. */
const DEFAULT_REFUSE_SECONDS = 5;
/** Mesos caps a filter at 365 days. */
const MAX_REFUSE_SECONDS = 365 * 24 * 3600;

/**
 * Mesos's decline filters ("refuse these resources on this agent for a while"), a set per
 * (framework, role, agent): each decline adds one. An offer is blocked when the declined resources
 * of some live filter contain the whole new offer; a filter lasts max(refuseSeconds,
 * allocationInterval) — a negative refuseSeconds means Mesos's 5 s default, more than 365 days
 * means 365 days, 0 installs none — and it always survives the first batch allocation run after it
 * was made.
 *
 * @example
 * ```ts
 * const filters = createOfferFilters(1_000_000);
 * filters.add('fw', '*', 'm1', { cpus: 4 }, 5, 0);
 * filters.blocks('fw', '*', 'm1', { cpus: 2 }, 1_000_000, true); // true
 * ```
 */
export interface OfferFilters {
  /** Adds a filter; `refuseSeconds` 0 installs none, a negative one means 5 s. */
  add(
    frameworkId: string,
    role: string,
    agentId: string,
    declined: Resources,
    refuseSeconds: number,
    now: Micros,
    declinedReserved?: ReadonlyMap<string, Resources>,
    declinedRanges?: NonScalarResources,
  ): void;
  /**
   * True when a live filter holds back this offer, in a batch run (`inBatchRun`) or a triggered
   * one. Containment respects reservations: reserved parts are contained only in the same
   * reservation's declined part, unreserved ones only in the declined unreserved part.
   */
  blocks(
    frameworkId: string,
    role: string,
    agentId: string,
    offer: Resources,
    now: Micros,
    inBatchRun: boolean,
    offerReserved?: ReadonlyMap<string, Resources>,
    offerRanges?: NonScalarResources,
  ): boolean;
  /**
   * True when the last {@link OfferFilters.blocks} call for this (framework, role, agent) that
   * returned true was for this very `offer` object (with no reserved or range parts) and the
   * filter that held it back is still live: `blocks` would return true again, so the caller may
   * skip computing the offer. False whenever that is not known (the caller then asks `blocks`).
   * Resources are immutable values, so the same object means the same amounts.
   */
  blockedAgain(
    frameworkId: string,
    role: string,
    agentId: string,
    offer: Resources,
    now: Micros,
    inBatchRun: boolean,
  ): boolean;
  /** How many times {@link OfferFilters.blockedAgain} answered true. */
  readonly repeatedBlocksSkipped: number;
  /** Tells the filters a batch allocation run starts (for the survival rule). */
  batchRunStarted(): void;
  /** Removes a framework's filters in the given roles (all roles when undefined). */
  clear(frameworkId: string, roles?: readonly string[]): void;
  /** Removes every filter on an agent. */
  clearAgent(agentId: string): void;
  /** Live filters of a role, one entry per filter: framework and agent ids with their expiry. */
  active(role: string, now: Micros): { frameworkId: string; agentId: string; expiresAt: Micros }[];
}

/**
 * Creates an empty filter table for a master with this allocation interval.
 *
 * @example
 * ```ts
 * const filters = createOfferFilters(1_000_000);
 * ```
 */
export function createOfferFilters(allocationInterval: Micros, options: OfferFiltersOptions = {}): OfferFilters {
  const skipRepeatedBlocks = options.skipRepeatedBlocks ?? true;
  let skipped = 0;
  // framework → role → agent → filters; Maps keep insertion order, so listings are deterministic.
  const table = new Map<string, Map<string, Map<string, FilterList>>>();
  let batchRuns = 0;
  // batchRuns counts batch runs started. During the first batch run after a filter was made it is
  // one more than when the filter was made; the filter holds through that run even if its time is
  // up, and not after it.
  const live = (filter: Filter, now: Micros, inBatchRun: boolean): boolean =>
    now < filter.expiresAt || (inBatchRun && batchRuns === filter.batchRunsAtCreation + 1);
  return {
    add(frameworkId, role, agentId, declined, refuseSeconds, now, declinedReserved, declinedRanges) {
      if (refuseSeconds === 0) return;
      const seconds = refuseSeconds < 0 ? DEFAULT_REFUSE_SECONDS : Math.min(refuseSeconds, MAX_REFUSE_SECONDS);
      const duration = Math.max(Math.round(seconds * 1_000_000), allocationInterval);
      let roles = table.get(frameworkId);
      if (roles === undefined) table.set(frameworkId, (roles = new Map<string, Map<string, FilterList>>()));
      let agents = roles.get(role);
      if (agents === undefined) roles.set(role, (agents = new Map<string, FilterList>()));
      const reserved = declinedReserved !== undefined && declinedReserved.size > 0 ? declinedReserved : undefined;
      const ranges = declinedRanges !== undefined && !isEmptyNonScalar(declinedRanges) ? declinedRanges : undefined;
      const filter = {
        resources: declined,
        reserved,
        ranges,
        expiresAt: now + duration,
        batchRunsAtCreation: batchRuns,
      };
      const filters = agents.get(agentId);
      if (filters === undefined) agents.set(agentId, [filter]);
      else filters.push(filter);
    },
    blocks(frameworkId, role, agentId, offer, now, inBatchRun, offerReserved, offerRanges) {
      const agents = table.get(frameworkId)?.get(role);
      const filters = agents?.get(agentId);
      if (agents === undefined || filters === undefined) return false;
      let blocker: Filter | undefined;
      let expired = 0;
      for (const filter of filters) {
        if (live(filter, now, inBatchRun)) {
          if (
            blocker === undefined &&
            contains(filter, offer, offerReserved) &&
            (offerRanges === undefined ||
              isEmptyNonScalar(offerRanges) ||
              containsNonScalar(filter.ranges ?? {}, offerRanges))
          )
            blocker = filter;
        }
        // Expired for good only once its first batch run has passed.
        else if (batchRuns > filter.batchRunsAtCreation) expired++;
      }
      let list = filters;
      if (expired > 0) {
        list = filters.filter((f) => live(f, now, inBatchRun) || batchRuns <= f.batchRunsAtCreation);
        if (list.length === 0) agents.delete(agentId);
        else agents.set(agentId, list);
      }
      if (blocker === undefined) return false;
      const plain =
        (offerReserved === undefined || offerReserved.size === 0) &&
        (offerRanges === undefined || isEmptyNonScalar(offerRanges));
      if (plain) list.lastBlock = { offer, filter: blocker };
      return true;
    },
    blockedAgain(frameworkId, role, agentId, offer, now, inBatchRun) {
      if (!skipRepeatedBlocks) return false;
      const filters = table.get(frameworkId)?.get(role)?.get(agentId);
      if (filters === undefined) return false;
      const last = filters.lastBlock;
      // The blocking filter is still in this list: lists only grow, or are replaced or removed.
      if (last === undefined || last.offer !== offer || !live(last.filter, now, inBatchRun)) return false;
      skipped++;
      return true;
    },
    get repeatedBlocksSkipped() {
      return skipped;
    },
    batchRunStarted() {
      batchRuns++;
    },
    clear(frameworkId, roles) {
      const byRole = table.get(frameworkId);
      if (byRole === undefined) return;
      if (roles === undefined) table.delete(frameworkId);
      else for (const role of roles) byRole.delete(role);
    },
    clearAgent(agentId) {
      for (const byRole of table.values()) for (const agents of byRole.values()) agents.delete(agentId);
    },
    active(role, now) {
      const out: { frameworkId: string; agentId: string; expiresAt: Micros }[] = [];
      for (const [frameworkId, byRole] of table) {
        for (const [agentId, filters] of byRole.get(role) ?? []) {
          for (const filter of filters)
            if (live(filter, now, false) || batchRuns === filter.batchRunsAtCreation)
              out.push({ frameworkId, agentId, expiresAt: filter.expiresAt });
        }
      }
      return out;
    },
  };
}

/** Mesos's `Resources::contains` for a filter: reserved and unreserved amounts never mix. */
function contains(
  filter: Filter,
  offer: Resources,
  offerReserved: ReadonlyMap<string, Resources> | undefined,
): boolean {
  const offerHasReserved = offerReserved !== undefined && offerReserved.size > 0;
  if (filter.reserved === undefined && !offerHasReserved) return fitsWithin(offer, filter.resources);
  let offerUnreserved = offer;
  for (const [owner, amount] of offerReserved ?? []) {
    if (!fitsWithin(amount, filter.reserved?.get(owner) ?? {})) return false;
    offerUnreserved = subtractClamped(offerUnreserved, amount);
  }
  let declinedUnreserved = filter.resources;
  for (const amount of filter.reserved?.values() ?? [])
    declinedUnreserved = subtractClamped(declinedUnreserved, amount);
  return fitsWithin(offerUnreserved, declinedUnreserved);
}
