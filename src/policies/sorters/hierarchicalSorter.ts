/**
 * Internal machinery shared by every sorter: Mesos's client tree ("/"-separated paths, virtual
 * leaves, active/inactive clients), allocation and agent bookkeeping, and the pre-order walk. Only
 * the sibling order differs between sorters ({@link SiblingOrder}): by a fair share (DRF, asset
 * fairness) or by a weighted shuffle (random). Public entry points: `createDrfSorter`,
 * `createAssetFairnessSorter`, `createRandomSorter`.
 * @module
 */
import type { Resources } from '../../core/cluster/resources.ts';
import type { SharedResource, SharedUpdate, Sorter } from '../../core/plugins/sorter.ts';
import type { ShareFunction } from './drfSorter.ts';
import type { WeightedShuffle } from './randomSorter.ts';
import {
  NO_RESOURCES,
  addResources,
  fitsWithin,
  formatResources,
  isEmptyResources,
} from '../../core/cluster/resources.ts';
import {
  isNormalizedResources,
  normalizeResources,
  resourceProblem,
  subtractResources,
} from '../../core/cluster/resources.ts';

/**
 * How siblings are ordered. `fair-share`: share ascending, then allocation count, then path bytes
 * (Mesos's DRF comparator). `weighted-random`: a fresh weighted shuffle on every `sort()`.
 *
 * @example
 * ```ts
 * const order: SiblingOrder = { kind: 'fair-share', share: dominantShare };
 * ```
 */
export type SiblingOrder =
  | { readonly kind: 'fair-share'; readonly share: ShareFunction }
  | { readonly kind: 'weighted-random'; readonly shuffle: WeightedShuffle };

type NodeKind = 'active' | 'inactive' | 'internal';

/** How many copies of one shared resource a subtree holds, and its amounts. */
interface SharedCopies {
  count: number;
  readonly resources: Resources;
}

const NO_SHARED: readonly SharedResource[] = Object.freeze([]);

const sharedKey = (agentId: string, id: string): string => `${agentId}\u0000${id}`;

/** One node of the client tree. Clients are always leaves; the root is internal. */
interface TreeNode {
  name: string; // edge label; "." for a virtual leaf
  path: string; // full path, "a/." for a virtual leaf: the key for weights and tie-breaks
  readonly clientPath: string; // the client a leaf stands for ("a" for "a/.")
  kind: NodeKind;
  parent: TreeNode | undefined;
  children: Map<string, TreeNode>;
  competing: TreeNode[]; // internal children and active leaves, in sibling order
  byAgent: Map<string, Resources>; // per-agent allocation, kept for leaves only
  allocated: Resources; // the whole subtree's, inactive clients included (as Mesos counts it)
  count: number; // allocated() calls in the subtree; never decremented
  /** Copies of shared resources held in the subtree, by agent and id; each counts once in `allocated`. */
  shared: Map<string, SharedCopies> | undefined;
  share: number;
  shareStale: boolean;
  orderStale: boolean; // this node's sibling order, or something below it, must be recomputed
}

function newNode(
  name: string,
  path: string,
  clientPath: string,
  kind: NodeKind,
  parent: TreeNode | undefined,
): TreeNode {
  return {
    name,
    path,
    clientPath,
    kind,
    parent,
    children: new Map(),
    competing: [],
    byAgent: new Map(),
    allocated: NO_RESOURCES,
    count: 0,
    shared: undefined,
    share: 0,
    shareStale: true,
    orderStale: false,
  };
}

/** UTF-16 order equals UTF-8 byte order except that surrogates (code points ≥ U+10000) must rank above U+E000–U+FFFF. */
function utf8Rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Compares two well-formed strings by their UTF-8 bytes (as C++ `std::string` compares paths in
 * Mesos), without encoding them.
 *
 * @example
 * ```ts
 * compareUtf8('framework10', 'framework2') < 0; // true
 * compareUtf8('\uFF21', '😀') < 0;              // true, though '\uFF21' > '😀' in UTF-16
 * ```
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

function compareFair(a: TreeNode, b: TreeNode): number {
  if (a.share !== b.share) return a.share < b.share ? -1 : 1;
  if (a.count !== b.count) return a.count - b.count;
  return compareUtf8(a.path, b.path);
}

/** Adds one copy of a shared resource to a node; returns its amounts if it is the node's first copy. */
function addCopy(node: TreeNode, key: string, copy: SharedResource): Resources {
  node.shared ??= new Map<string, SharedCopies>();
  const copies = node.shared.get(key);
  if (copies !== undefined) {
    copies.count += 1;
    return NO_RESOURCES;
  }
  node.shared.set(key, { count: 1, resources: copy.resources });
  return copy.resources;
}

/** Drops copies of a shared resource from a node; returns its amounts if none is left there. */
function dropCopies(node: TreeNode, key: string, count: number, resources: Resources): Resources {
  const copies = node.shared?.get(key);
  if (copies === undefined) return NO_RESOURCES;
  copies.count -= count;
  if (copies.count > 0) return NO_RESOURCES;
  node.shared?.delete(key);
  return resources;
}

function cloneCopies(shared: Map<string, SharedCopies> | undefined): Map<string, SharedCopies> | undefined {
  return shared === undefined ? undefined : new Map([...shared].map(([k, c]) => [k, { ...c }]));
}

/**
 * `from − before + after`. Adding nothing to a normalized vector gives the same vector, so with
 * nothing after (every unallocated()) that step is skipped.
 */
function replaced(from: Resources, before: Resources, after: Resources): Resources {
  const left = subtractResources(from, before);
  return after === NO_RESOURCES ? left : addResources(left, after);
}

const compareByPath = (a: TreeNode, b: TreeNode): number => compareUtf8(a.path, b.path);

/** Inserts `node` into the fair-ordered `list` after its last predecessor. */
function insertSorted(list: TreeNode[], node: TreeNode): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareFair(list[mid] ?? node, node) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, node);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkPath(path: string, what: string): void {
  const ok =
    typeof path === 'string' &&
    path.length > 0 &&
    !LONE_SURROGATE.test(path) &&
    path.split('/').every((segment) => segment !== '' && segment !== '.');
  if (!ok) throw new Error(`invalid ${what} ${JSON.stringify(path)}: expected "/"-separated names, none empty or "."`);
}

/** Validates a vector; normalizes it when it will be compared (addResources normalizes by itself). */
function checkResources(resources: Resources, where: string, normalize = true): Resources {
  const problem = resourceProblem(resources);
  if (problem !== undefined) throw new RangeError(`${where}: ${problem}`);
  return normalize ? normalizeResources(resources) : resources;
}

/**
 * {@link checkResources} for an amount used once and not kept: an already normalized vector is
 * returned as it is instead of copied.
 */
function checkTransient(resources: Resources, which: 'old' | 'new', path: string, agentId: string): Resources {
  const problem = resourceProblem(resources);
  if (problem !== undefined) throw new RangeError(`${which} allocation of "${path}" on agent "${agentId}": ${problem}`);
  return isNormalizedResources(resources) ? resources : normalizeResources(resources);
}

/**
 * Builds a {@link Sorter} over Mesos's client tree with the given sibling order. Shares are cached
 * per node and recomputed only for subtrees touched since the last `sort()` (all of them when the
 * cluster total or a weight changes).
 *
 * @example
 * ```ts
 * const sorter = createHierarchicalSorter({ kind: 'fair-share', share: dominantShare }, ['gpus']);
 * sorter.addAgent('a1', { cpus: 4, mem: 4096 });
 * sorter.add('eng/ads'); sorter.activate('eng/ads');
 * sorter.sort(); // ['eng/ads']
 * ```
 */
export function createHierarchicalSorter(order: SiblingOrder, excludedResources: readonly string[] = []): Sorter {
  return new HierarchicalSorter(order, excludedResources);
}

class HierarchicalSorter implements Sorter {
  readonly #order: SiblingOrder;
  readonly #excluded: ReadonlySet<string>;
  readonly #root = newNode('', '', '', 'internal', undefined);
  readonly #clients = new Map<string, TreeNode>();
  /** Weights by path; may name paths not (yet) in the tree, as in Mesos. */
  readonly #weights = new Map<string, number>();
  readonly #agents = new Map<string, Resources>();
  #total: Resources = NO_RESOURCES;
  #shareNames: string[] = [];
  #shareTotals: number[] = [];
  /** Every cached share is stale (the total or a weight changed). */
  #allSharesStale = false;
  #cachedOrder: string[] | undefined;

  constructor(order: SiblingOrder, excludedResources: readonly string[]) {
    this.#order = order;
    this.#excluded = new Set(excludedResources);
  }

  add(path: string): void {
    checkPath(path, 'client path');
    if (this.#clients.has(path)) throw new Error(`client "${path}" was already added`);
    const segments = path.split('/');
    let current = this.#root;
    let created: TreeNode | undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] ?? '';
      const existing = current.children.get(segment);
      if (existing !== undefined) {
        current = existing;
        continue;
      }
      // A client gaining a child becomes an internal node holding its old allocation and count;
      // the client itself moves below it as the virtual leaf "<path>/.".
      if (current.kind !== 'internal') current = this.#splitLeaf(current);
      const childPath = current === this.#root ? segment : `${current.path}/${segment}`;
      const kind: NodeKind = i === segments.length - 1 ? 'inactive' : 'internal';
      created = newNode(segment, childPath, childPath, kind, current);
      this.#attach(created);
      current = created;
    }
    // The path already existed as an internal node ("a" added after "a/b"): add "a/." below it.
    const leaf = created ?? this.#attach(newNode('.', `${current.path}/.`, path, 'inactive', current));
    this.#clients.set(path, leaf);
    this.#markOrder(leaf.parent);
  }

  remove(path: string): void {
    const leaf = this.#find(path);
    this.#clients.delete(path);
    // Shared resources leave an ancestor's allocation only with their last copy in its subtree.
    let nonShared = leaf.allocated;
    for (const copies of leaf.shared?.values() ?? []) nonShared = subtractResources(nonShared, copies.resources);
    for (let n = leaf.parent; n !== undefined && n !== this.#root; n = n.parent) {
      let amount = nonShared;
      for (const [key, copies] of leaf.shared ?? [])
        amount = addResources(amount, dropCopies(n, key, copies.count, copies.resources));
      n.allocated = subtractResources(n.allocated, amount);
      n.shareStale = true;
    }
    const parent = leaf.parent ?? this.#root;
    this.#detach(leaf);
    // Prune internal nodes left empty; fold a lone virtual leaf back into its parent. Like Mesos,
    // the folded client keeps the internal node's allocation count, which includes the removed
    // sibling's allocations.
    for (let n = parent; n !== this.#root;) {
      const up = n.parent ?? this.#root;
      const only = n.children.size === 1 ? n.children.get('.') : undefined;
      if (n.children.size === 0) this.#detach(n);
      else if (only !== undefined) this.#foldVirtualLeaf(n, only);
      n = up;
    }
    this.#markOrder(parent);
  }

  activate(path: string): void {
    const leaf = this.#find(path);
    if (leaf.kind !== 'inactive') return;
    leaf.kind = 'active';
    leaf.shareStale = true;
    leaf.parent?.competing.push(leaf);
    this.#markOrder(leaf.parent);
  }

  deactivate(path: string): void {
    const leaf = this.#find(path);
    if (leaf.kind !== 'active') return;
    leaf.kind = 'inactive';
    this.#dropCompeting(leaf);
    this.#markOrder(leaf.parent);
  }

  updateWeight(path: string, weight: number): void {
    checkPath(path, 'weight path');
    if (!(weight > 0) || !Number.isFinite(weight)) {
      throw new RangeError(`weight of "${path}" must be a finite number > 0, got ${weight}`);
    }
    this.#weights.set(path, weight);
    this.#invalidateAllShares();
  }

  addAgent(agentId: string, total: Resources): void {
    if (this.#agents.has(agentId)) throw new Error(`agent "${agentId}" was already added`);
    const resources = checkResources(total, `total of agent "${agentId}"`);
    this.#agents.set(agentId, resources);
    this.#setTotal(addResources(this.#total, resources));
  }

  removeAgent(agentId: string): void {
    const resources = this.#agents.get(agentId);
    if (resources === undefined) throw new Error(`unknown agent "${agentId}"`);
    this.#agents.delete(agentId);
    // Allocations on the agent stay until unallocated(), as in Mesos (the allocator recovers them).
    this.#setTotal(subtractResources(this.#total, resources));
  }

  allocated(path: string, agentId: string, resources: Resources, shared?: readonly SharedResource[]): void {
    const leaf = this.#find(path);
    const problem = resourceProblem(resources);
    if (problem !== undefined) throw new RangeError(`allocation to "${path}" on agent "${agentId}": ${problem}`);
    const amount = resources;
    const copies = shared ?? NO_SHARED;
    for (const copy of copies) checkResources(copy.resources, `shared resource "${copy.id}" of "${path}"`);
    for (let n: TreeNode | undefined = leaf; n !== undefined && n !== this.#root; n = n.parent) {
      // A shared resource counts in a node when the node's subtree gets its first copy.
      let added = amount;
      for (const copy of copies) added = addResources(added, addCopy(n, sharedKey(agentId, copy.id), copy));
      if (n === leaf) {
        // A first allocation on the agent (most are) is kept as given when it is already normalized.
        const held = leaf.byAgent.get(agentId);
        const next =
          held === undefined && isNormalizedResources(added) ? added : addResources(held ?? NO_RESOURCES, added);
        this.#setAgentAllocation(leaf, agentId, next);
      }
      n.allocated = addResources(n.allocated, added);
      n.count += 1;
      n.shareStale = true;
    }
    this.#markOrder(leaf.parent);
  }

  unallocated(path: string, agentId: string, resources: Resources, shared?: readonly SharedResource[]): void {
    this.update(path, agentId, resources, NO_RESOURCES, shared === undefined ? undefined : { removed: shared });
  }

  /** Throws unless the leaf holds at least the listed copies of shared resources on the agent. */
  #checkCopies(leaf: TreeNode, path: string, agentId: string, copies: readonly SharedResource[]): void {
    const wanted = new Map<string, number>();
    for (const copy of copies) wanted.set(copy.id, (wanted.get(copy.id) ?? 0) + 1);
    for (const [id, count] of wanted) {
      const held = leaf.shared?.get(sharedKey(agentId, id))?.count ?? 0;
      if (held < count)
        throw new Error(
          `cannot take ${count} copies of shared resource "${id}" back from "${path}" on agent "${agentId}": it holds ${held}`,
        );
    }
  }

  /**
   * Adds and drops copies of shared resources in the leaf and its ancestors: a node's allocation
   * gains a resource with the subtree's first copy and loses it with the last.
   */
  #shiftCopies(
    leaf: TreeNode,
    agentId: string,
    added: readonly SharedResource[],
    removed: readonly SharedResource[],
  ): void {
    for (const copy of added) checkResources(copy.resources, `shared resource "${copy.id}" of "${leaf.path}"`);
    for (let n: TreeNode | undefined = leaf; n !== undefined && n !== this.#root; n = n.parent) {
      let gained = NO_RESOURCES;
      for (const copy of added) gained = addResources(gained, addCopy(n, sharedKey(agentId, copy.id), copy));
      let dropped = NO_RESOURCES;
      for (const copy of removed)
        dropped = addResources(dropped, dropCopies(n, sharedKey(agentId, copy.id), 1, copy.resources));
      if (isEmptyResources(gained) && isEmptyResources(dropped)) continue;
      if (n === leaf)
        this.#setAgentAllocation(
          leaf,
          agentId,
          addResources(subtractResources(leaf.byAgent.get(agentId) ?? NO_RESOURCES, dropped), gained),
        );
      n.allocated = addResources(subtractResources(n.allocated, dropped), gained);
      n.shareStale = true;
    }
  }

  update(path: string, agentId: string, oldResources: Resources, newResources: Resources, shared?: SharedUpdate): void {
    const leaf = this.#find(path);
    const removed = shared?.removed ?? NO_SHARED;
    const added = shared?.added ?? NO_SHARED;
    if (removed.length > 0) this.#checkCopies(leaf, path, agentId, removed);
    const before = checkTransient(oldResources, 'old', path, agentId);
    const after = newResources === NO_RESOURCES ? NO_RESOURCES : checkTransient(newResources, 'new', path, agentId);
    const held = leaf.byAgent.get(agentId) ?? NO_RESOURCES;
    if (!fitsWithin(before, held)) {
      const what = `${formatResources(before)} back from "${path}" on agent "${agentId}"`;
      throw new Error(`cannot take ${what}: it holds only ${formatResources(held)}`);
    }
    // Everything held there back (a decline): nothing is left, with no vector to compute.
    const allBack = after === NO_RESOURCES && fitsWithin(held, before);
    this.#setAgentAllocation(leaf, agentId, allBack ? NO_RESOURCES : replaced(held, before, after));
    for (let n: TreeNode | undefined = leaf; n !== undefined && n !== this.#root; n = n.parent) {
      n.allocated = replaced(n.allocated, before, after);
      n.shareStale = true;
    }
    if (removed.length > 0 || added.length > 0) this.#shiftCopies(leaf, agentId, added, removed);
    this.#markOrder(leaf.parent);
  }

  sort(): string[] {
    if (this.#order.kind === 'weighted-random') {
      // Siblings are kept in path order so that draws do not depend on earlier shuffles.
      if (this.#root.orderStale) this.#refresh(this.#root, false);
      const out: string[] = [];
      this.#shuffleInto(this.#root, this.#order.shuffle, out);
      return out;
    }
    if (this.#allSharesStale || this.#root.orderStale) {
      this.#refresh(this.#root, this.#allSharesStale);
      this.#allSharesStale = false;
    }
    if (this.#cachedOrder === undefined) {
      const out: string[] = [];
      this.#collect(this.#root, out);
      this.#cachedOrder = out;
    }
    return this.#cachedOrder.slice();
  }

  /** A live read-only view (do not keep it across removals; copy it for a snapshot). */
  allocation(path: string): ReadonlyMap<string, Resources> {
    return this.#find(path).byAgent;
  }

  share(path: string): number {
    const leaf = this.#find(path);
    // The random sorter computes no shares, like Mesos's RandomSorter.
    return this.#order.kind === 'fair-share' ? this.#computeShare(leaf, this.#order.share) : 0;
  }

  contains(path: string): boolean {
    return this.#clients.has(path);
  }

  count(): number {
    return this.#clients.size;
  }

  #find(path: string): TreeNode {
    const leaf = this.#clients.get(path);
    if (leaf === undefined) throw new Error(`unknown client "${path}"`);
    return leaf;
  }

  #weightOf(node: TreeNode): number {
    return this.#weights.get(node.path) ?? 1;
  }

  #computeShare(node: TreeNode, share: ShareFunction): number {
    return share(node.allocated, this.#shareNames, this.#shareTotals) / this.#weightOf(node);
  }

  #setTotal(total: Resources): void {
    this.#total = total;
    this.#shareNames = Object.keys(total)
      .filter((n) => (total[n] ?? 0) > 0 && !this.#excluded.has(n))
      .sort(compareUtf8);
    this.#shareTotals = this.#shareNames.map((n) => total[n] ?? 0);
    this.#invalidateAllShares();
  }

  #invalidateAllShares(): void {
    this.#allSharesStale = true;
    this.#cachedOrder = undefined;
  }

  #setAgentAllocation(leaf: TreeNode, agentId: string, resources: Resources): void {
    if (isEmptyResources(resources)) leaf.byAgent.delete(agentId);
    else leaf.byAgent.set(agentId, resources);
  }

  #markOrder(from: TreeNode | undefined): void {
    this.#cachedOrder = undefined;
    for (let n = from; n !== undefined; n = n.parent) n.orderStale = true;
  }

  /** Links a node under its parent; returns it. */
  #attach(node: TreeNode): TreeNode {
    const parent = node.parent ?? this.#root;
    parent.children.set(node.name, node);
    if (node.kind !== 'inactive') parent.competing.push(node);
    return node;
  }

  #detach(node: TreeNode): void {
    node.parent?.children.delete(node.name);
    this.#dropCompeting(node);
  }

  #dropCompeting(node: TreeNode): void {
    const siblings = node.parent?.competing ?? [];
    if (siblings.includes(node)) siblings.splice(siblings.indexOf(node), 1);
  }

  #splitLeaf(leaf: TreeNode): TreeNode {
    const internal = newNode(leaf.name, leaf.path, leaf.path, 'internal', leaf.parent);
    internal.allocated = leaf.allocated;
    internal.count = leaf.count;
    internal.shared = cloneCopies(leaf.shared);
    this.#detach(leaf);
    this.#attach(internal);
    leaf.name = '.';
    leaf.path = `${internal.path}/.`;
    leaf.parent = internal;
    leaf.shareStale = true;
    this.#attach(leaf);
    this.#markOrder(internal);
    return internal;
  }

  #foldVirtualLeaf(node: TreeNode, leaf: TreeNode): void {
    this.#detach(node);
    node.kind = leaf.kind;
    node.byAgent = leaf.byAgent;
    node.shared = leaf.shared;
    node.children = new Map();
    node.competing = [];
    this.#attach(node); // its share is already marked stale: it is an ancestor of the removed client
    this.#clients.set(leaf.clientPath, node);
  }

  /**
   * Recomputes stale shares (all of them when `everything`) and restores sibling order, top-down.
   * Children whose share is still valid kept their keys, so they are still in order; the few that
   * changed (usually one, after an allocation) are binary-inserted instead of re-sorting the list.
   */
  #refresh(node: TreeNode, everything: boolean): void {
    const order = this.#order;
    const list = node.competing;
    if (order.kind === 'weighted-random') {
      for (const child of list) if (child.kind === 'internal' && child.orderStale) this.#refresh(child, false);
      list.sort(compareByPath);
      node.orderStale = false;
      return;
    }
    let moved: TreeNode[] | undefined;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const child = list[i];
      if (child === undefined) continue;
      if (everything || child.shareStale) {
        child.share = this.#computeShare(child, order.share);
        child.shareStale = false;
        (moved ??= []).push(child);
      } else {
        list[kept++] = child;
      }
      if (child.kind === 'internal' && (everything || child.orderStale)) this.#refresh(child, everything);
    }
    if (moved !== undefined) {
      list.length = kept;
      if (moved.length > 8) {
        list.push(...moved);
        list.sort(compareFair);
      } else {
        for (const child of moved) insertSorted(list, child);
      }
    }
    node.orderStale = false;
  }

  #collect(node: TreeNode, out: string[]): void {
    for (const child of node.competing) {
      if (child.kind === 'active') out.push(child.clientPath);
      else this.#collect(child, out);
    }
  }

  /**
   * Mesos's random sorter: one weighted shuffle over all active leaves, each weighted by the product
   * of its relative weights (its weight over its competing siblings' total) on the path from the
   * root, so a subtree's leaves need not be adjacent. Leaves are listed in path order.
   */
  #shuffleInto(node: TreeNode, shuffle: WeightedShuffle, out: string[]): void {
    const leaves: string[] = [];
    const weights: number[] = [];
    this.#relativeWeights(node, 1, leaves, weights);
    for (const leaf of shuffle(leaves, weights)) out.push(leaf);
  }

  #relativeWeights(node: TreeNode, factor: number, leaves: string[], weights: number[]): void {
    let total = 0;
    for (const child of node.competing) total += this.#weightOf(child);
    for (const child of node.competing) {
      const weight = (factor * this.#weightOf(child)) / total;
      if (child.kind === 'active') {
        leaves.push(child.clientPath);
        weights.push(weight);
      } else this.#relativeWeights(child, weight, leaves, weights);
    }
  }
}
