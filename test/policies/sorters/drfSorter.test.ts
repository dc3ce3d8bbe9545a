import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createDrfSorter, dominantShare } from '../../../src/policies/sorters/drfSorter.ts';
import { compareUtf8 } from '../../../src/policies/sorters/hierarchicalSorter.ts';
import type { Sorter } from '../../../src/core/plugins/sorter.ts';

/** A DRF sorter with the given active clients and one agent. */
function sorterWith(total: Record<string, number>, clients: readonly string[]): Sorter {
  const sorter = createDrfSorter();
  sorter.addAgent('agent1', total);
  for (const c of clients) {
    sorter.add(c);
    sorter.activate(c);
  }
  return sorter;
}

describe('DRF share', () => {
  it('is the max over resources of allocated / cluster total (sum of all agents)', () => {
    const sorter = sorterWith({ cpus: 10, mem: 100 }, ['x']);
    sorter.addAgent('agent2', { cpus: 10, mem: 100 });
    // total = <20 cpus, 200 mem>; x holds <2, 100>: max(2/20, 100/200) = 0.5
    sorter.allocated('x', 'agent1', { cpus: 2, mem: 100 });
    expect(sorter.share('x')).toBe(0.5);
    // Removing agent2 halves the total: max(2/10, 100/100) = 1
    sorter.removeAgent('agent2');
    expect(sorter.share('x')).toBe(1);
  });

  it('ignores resources missing from the total, and is 0 with no total at all', () => {
    const sorter = sorterWith({ cpus: 10 }, ['x']);
    sorter.allocated('x', 'agent1', { cpus: 1, gpus: 4 }); // no gpus in the cluster: 1/10 only
    expect(sorter.share('x')).toBe(0.1);
    const empty = createDrfSorter();
    empty.add('y');
    empty.allocated('y', 'nowhere', { cpus: 5 });
    expect(empty.share('y')).toBe(0);
  });

  it('leaves excluded resources out', () => {
    for (const [excluded, expected] of [
      [[], 1],
      [['gpus'], 0.1],
    ] as const) {
      const sorter = createDrfSorter({ excludedResources: excluded });
      sorter.addAgent('agent1', { cpus: 10, gpus: 4 });
      sorter.add('x');
      sorter.allocated('x', 'agent1', { cpus: 1, gpus: 4 }); // gpus 4/4 = 1, cpus 1/10
      expect(sorter.share('x')).toBe(expected);
    }
  });

  it('is divided by the weight, set before or after the client exists', () => {
    const sorter = sorterWith({ cpus: 10 }, ['a', 'b']);
    sorter.updateWeight('c', 4);
    sorter.add('c');
    sorter.activate('c');
    sorter.allocated('a', 'agent1', { cpus: 4 }); // 0.4
    sorter.allocated('b', 'agent1', { cpus: 3 }); // 0.3
    sorter.allocated('c', 'agent1', { cpus: 2 }); // 0.2 / 4 = 0.05
    expect(sorter.sort()).toEqual(['c', 'b', 'a']);
    sorter.updateWeight('a', 2); // 0.4 / 2 = 0.2 < 0.3
    expect(sorter.share('a')).toBe(0.2);
    expect(sorter.sort()).toEqual(['c', 'a', 'b']);
  });

  it('dominantShare takes the max fraction', () => {
    expect(dominantShare({ cpus: 3, mem: 1 }, ['cpus', 'mem'], [9, 18])).toBe(3 / 9);
    expect(dominantShare({}, [], [])).toBe(0);
  });
});

describe('DRF order and tie-breaks', () => {
  it('puts "framework10" before "framework2" on equal shares and counts (byte order)', () => {
    const sorter = sorterWith({ cpus: 9, mem: 18 }, ['framework2', 'framework10']);
    expect(sorter.sort()).toEqual(['framework10', 'framework2']);
    sorter.allocated('framework10', 'agent1', { cpus: 3, mem: 1 }); // share 1/3 > 0
    expect(sorter.sort()).toEqual(['framework2', 'framework10']);
  });

  it('compares paths as UTF-8 bytes, not UTF-16 units or locale', () => {
    // "Zeta" (0x5A) < "alpha" (0x61) in bytes; U+FF21 is EF BC A1, U+1F600 is F0 9F 98 80, but in
    // UTF-16 the emoji (D83D DE00) sorts first.
    const sorter = sorterWith({ cpus: 1 }, ['😀', 'alpha', '\uFF21', 'Zeta']);
    expect(sorter.sort()).toEqual(['Zeta', 'alpha', '\uFF21', '😀']);
    expect(['😀', '\uFF21'].sort()).toEqual(['😀', '\uFF21']); // what plain `<` would give
  });

  it('breaks equal shares by allocation count, which unallocating does not decrement', () => {
    const sorter = sorterWith({ cpus: 10 }, ['a', 'b']);
    sorter.allocated('a', 'agent1', { cpus: 1 });
    sorter.unallocated('a', 'agent1', { cpus: 1 });
    // Both shares are 0; a was allocated to once, b never: b first although "a" < "b".
    expect(sorter.share('a')).toBe(0);
    expect(sorter.sort()).toEqual(['b', 'a']);
  });

  it('ranks by share before count', () => {
    const sorter = sorterWith({ cpus: 100 }, ['a', 'b']);
    for (let i = 0; i < 5; i++) sorter.allocated('a', 'agent1', { cpus: 1 }); // 0.05, count 5
    sorter.allocated('b', 'agent1', { cpus: 6 }); // 0.06, count 1
    expect(sorter.sort()).toEqual(['a', 'b']);
  });

  it('matches Buffer byte comparison on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))));
      }),
      { seed: 1103, numRuns: 300 },
    );
  });
});

describe('hierarchical DRF', () => {
  function engOps(): Sorter {
    const sorter = sorterWith({ cpus: 100, mem: 1000 }, ['eng/ads', 'eng/search', 'ops/web']);
    sorter.allocated('eng/ads', 'agent1', { cpus: 10 }); // 0.1
    sorter.allocated('eng/search', 'agent1', { mem: 300 }); // 0.3
    sorter.allocated('ops/web', 'agent1', { cpus: 20 }); // 0.2
    return sorter;
  }

  it('orders siblings by subtree share and lists leaves pre-order', () => {
    // eng holds <10 cpus, 300 mem>: max(0.1, 0.3) = 0.3 > ops 0.2, so ops goes first even though
    // eng/ads alone (0.1) is the smallest leaf; a flat sorter would say ads, web, search.
    expect(engOps().sort()).toEqual(['ops/web', 'eng/ads', 'eng/search']);
  });

  it('scales a whole subtree by the weight of its root path', () => {
    const sorter = engOps();
    sorter.updateWeight('eng', 2); // eng: 0.3 / 2 = 0.15 < 0.2
    expect(sorter.sort()).toEqual(['eng/ads', 'eng/search', 'ops/web']);
    expect(sorter.share('eng/ads')).toBe(0.1); // a leaf's own share uses its own path's weight
    sorter.updateWeight('ops/db', 10); // before ops/db exists
    sorter.add('ops/db');
    sorter.activate('ops/db');
    sorter.allocated('ops/db', 'agent1', { cpus: 50 });
    expect(sorter.share('ops/db')).toBe(0.05);
    // ops: <70 cpus> = 0.7 > eng 0.15; inside ops: db 0.05 < web 0.2
    expect(sorter.sort()).toEqual(['eng/ads', 'eng/search', 'ops/db', 'ops/web']);
  });

  it("keeps inactive clients out of the list but in their ancestors' shares", () => {
    const sorter = sorterWith({ cpus: 100 }, ['eng/a', 'eng/b', 'ops/x']);
    sorter.allocated('eng/a', 'agent1', { cpus: 50 });
    sorter.allocated('ops/x', 'agent1', { cpus: 20 });
    sorter.deactivate('eng/a');
    // eng still holds eng/a's 50 cpus (0.5 > 0.2), so ops/x comes before the idle eng/b.
    expect(sorter.sort()).toEqual(['ops/x', 'eng/b']);
    expect(sorter.allocation('eng/a').get('agent1')).toEqual({ cpus: 50 });
    expect(sorter.share('eng/a')).toBe(0.5);
    sorter.activate('eng/a');
    expect(sorter.sort()).toEqual(['ops/x', 'eng/b', 'eng/a']);
  });

  it("recomputes a reactivated client's share after the total changed while it was inactive", () => {
    const sorter = sorterWith({ cpus: 8 }, ['x', 'y']);
    sorter.allocated('x', 'agent1', { cpus: 4 }); // 0.5
    sorter.allocated('y', 'agent1', { cpus: 5 }); // 0.625
    expect(sorter.sort()).toEqual(['x', 'y']);
    sorter.deactivate('x');
    sorter.addAgent('agent2', { cpus: 8 }); // total 16: x 0.25, y 0.3125
    sorter.allocated('y', 'agent1', { cpus: 3 }); // y: 8 / 16 = 0.5 > x 0.25
    expect(sorter.sort()).toEqual(['y']);
    sorter.activate('x');
    expect(sorter.sort()).toEqual(['x', 'y']);
  });

  it('represents "a" as the virtual leaf "a/." with weight 1 once "a/c" exists', () => {
    const sorter = sorterWith({ cpus: 100 }, ['a', 'b']);
    sorter.allocated('a', 'agent1', { cpus: 30 }); // 0.3
    sorter.allocated('b', 'agent1', { cpus: 20 }); // 0.2
    expect(sorter.sort()).toEqual(['b', 'a']);
    sorter.updateWeight('a', 3); // a: 0.1
    expect(sorter.share('a')).toBeCloseTo(0.1, 15);
    expect(sorter.sort()).toEqual(['a', 'b']);
    sorter.add('a/c');
    sorter.activate('a/c');
    // Subtree a: 30 cpus / weight 3 = 0.1 < b 0.2. Inside it "a/." (weight 1: 0.3) follows a/c (0).
    expect(sorter.share('a')).toBe(0.3);
    expect(sorter.sort()).toEqual(['a/c', 'a', 'b']);
    sorter.allocated('a/c', 'agent1', { cpus: 20 }); // subtree a: 50 / 3 ≈ 0.167 < 0.2; a/c 0.2 < a/. 0.3
    expect(sorter.sort()).toEqual(['a/c', 'a', 'b']);
    sorter.allocated('a/c', 'agent1', { cpus: 20 }); // subtree a: 70 / 3 ≈ 0.233 > 0.2; a/c 0.4 > a/. 0.3
    expect(sorter.sort()).toEqual(['b', 'a', 'a/c']);
    sorter.remove('a/c'); // "a" folds back into a plain leaf: 30 / 3 = 0.1
    expect(sorter.share('a')).toBeCloseTo(0.1, 15);
    expect(sorter.sort()).toEqual(['a', 'b']);
  });

  it('adds "a/." under an existing internal node when "a" is added after "a/b"', () => {
    const sorter = sorterWith({ cpus: 10 }, ['a/b', 'a']);
    sorter.allocated('a/b', 'agent1', { cpus: 1 });
    expect(sorter.sort()).toEqual(['a', 'a/b']); // "a/." (0) before a/b (0.1)
    sorter.remove('a/b');
    expect(sorter.sort()).toEqual(['a']);
    expect(sorter.allocation('a').size).toBe(0);
  });

  it("lets a folded client keep its subtree's allocation count (as Mesos does)", () => {
    const sorter = sorterWith({ cpus: 100 }, ['a', 'b']);
    sorter.allocated('a', 'agent1', { cpus: 10 }); // a: 0.1, count 1
    sorter.add('a/c');
    sorter.allocated('a/c', 'agent1', { cpus: 10 }); // internal a: count 2
    sorter.remove('a/c'); // a folds back: 0.1, count 2
    sorter.allocated('b', 'agent1', { cpus: 10 }); // b: 0.1, count 1
    // Equal shares; a's count (2) includes a/c's allocation, so b (1) goes first.
    expect(sorter.sort()).toEqual(['b', 'a']);
  });

  it('prunes internal nodes left empty by remove()', () => {
    const sorter = sorterWith({ cpus: 10 }, ['x/y/z', 'w']);
    sorter.allocated('x/y/z', 'agent1', { cpus: 5 });
    sorter.remove('x/y/z');
    sorter.add('x');
    sorter.activate('x');
    // A fresh "x" starts from share 0 and count 0: "w" and "x" tie, byte order decides.
    expect(sorter.share('x')).toBe(0);
    expect(sorter.sort()).toEqual(['w', 'x']);
  });
});

describe('allocation bookkeeping', () => {
  it('keeps per-agent allocations through allocated, update and unallocated', () => {
    const sorter = sorterWith({ cpus: 10, mem: 100 }, ['x']);
    sorter.addAgent('agent2', { cpus: 10, mem: 100 });
    sorter.allocated('x', 'agent1', { cpus: 1 });
    sorter.allocated('x', 'agent2', { cpus: 2 });
    sorter.allocated('x', 'agent1', { mem: 5 });
    expect([...sorter.allocation('x')]).toEqual([
      ['agent1', { cpus: 1, mem: 5 }],
      ['agent2', { cpus: 2 }],
    ]);
    sorter.unallocated('x', 'agent2', { cpus: 2 });
    expect([...sorter.allocation('x').keys()]).toEqual(['agent1']);
    sorter.update('x', 'agent1', { cpus: 1 }, { cpus: 3 }); // total <20, 200>: max(3/20, 5/200)
    expect(sorter.allocation('x').get('agent1')).toEqual({ cpus: 3, mem: 5 });
    expect(sorter.share('x')).toBe(3 / 20);
  });

  it('returns a fresh array from sort()', () => {
    const sorter = sorterWith({ cpus: 1 }, ['a', 'b']);
    sorter.sort().reverse();
    expect(sorter.sort()).toEqual(['a', 'b']);
  });

  it('sums fixed-point amounts exactly', () => {
    const sorter = sorterWith({ cpus: 0.3 }, ['x']);
    sorter.allocated('x', 'agent1', { cpus: 0.1 });
    sorter.allocated('x', 'agent1', { cpus: 0.2 });
    expect(sorter.share('x')).toBe(1);
  });
});

describe('misuse', () => {
  it('throws clear errors', () => {
    const sorter = sorterWith({ cpus: 10 }, ['x']);
    sorter.allocated('x', 'agent1', { cpus: 2 });
    expect(() => sorter.add('x')).toThrow(/already added/);
    expect(() => sorter.allocated('nope', 'agent1', { cpus: 1 })).toThrow(/unknown client "nope"/);
    expect(() => sorter.activate('nope')).toThrow(/unknown client/);
    expect(() => sorter.share('nope')).toThrow(/unknown client/);
    expect(() => sorter.remove('nope')).toThrow(/unknown client/);
    expect(() => sorter.unallocated('x', 'agent1', { cpus: 3 })).toThrow(/holds only cpus:2/);
    expect(() => sorter.unallocated('x', 'agent9', { cpus: 1 })).toThrow(/holds only \{\}/);
    expect(() => sorter.allocated('x', 'agent1', { cpus: -1 })).toThrow(/cpus is -1/);
    expect(() => sorter.addAgent('agent1', { cpus: 1 })).toThrow(/already added/);
    expect(() => sorter.removeAgent('agent9')).toThrow(/unknown agent/);
    for (const w of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => sorter.updateWeight('x', w)).toThrow(/finite number > 0/);
    }
    for (const p of ['', 'a//b', '/a', 'a/', 'a/./b', '.', 'x\uD800']) {
      expect(() => sorter.add(p)).toThrow(/invalid client path/);
    }
    // Misuse leaves the state untouched.
    expect(sorter.allocation('x').get('agent1')).toEqual({ cpus: 2 });
    expect(sorter.sort()).toEqual(['x']);
  });
});

/**
 * A deliberately naive model of Mesos's DRF sorter: it keeps only the clients (allocation per agent,
 * active flag) and two counters, and rebuilds the tree and every share from scratch on each sort.
 * Count rules (Mesos): a node's count is the number of allocated() calls in its subtree since the
 * node was created, never decremented; an internal node created by splitting leaf "a" starts from
 * the leaf's count; a client folded back into a leaf takes over its internal node's count.
 */
class NaiveDrf {
  readonly clients = new Map<
    string,
    { active: boolean; byAgent: Map<string, Record<string, number>>; leafCount: number }
  >();
  readonly prefixCount = new Map<string, number>();
  readonly agents = new Map<string, Record<string, number>>();
  readonly weights = new Map<string, number>();

  static prefixes(path: string): string[] {
    const parts = path.split('/');
    return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  }

  under(p: string): string[] {
    return [...this.clients.keys()].filter((c) => c === p || c.startsWith(`${p}/`));
  }

  add(path: string): void {
    for (const p of NaiveDrf.prefixes(path)) if (this.under(p).length === 0) this.prefixCount.set(p, 0);
    this.clients.set(path, { active: false, byAgent: new Map(), leafCount: 0 });
  }

  remove(path: string): void {
    this.clients.delete(path);
    for (const p of NaiveDrf.prefixes(path)) {
      const rest = this.under(p);
      if (rest.length === 0) this.prefixCount.delete(p);
      else if (rest.length === 1 && rest[0] === p) this.clients.get(p)!.leafCount = this.prefixCount.get(p)!;
    }
  }

  allocated(path: string, agent: string, r: Record<string, number>): void {
    const c = this.clients.get(path)!;
    const held = c.byAgent.get(agent) ?? {};
    for (const [k, v] of Object.entries(r)) held[k] = (held[k] ?? 0) + v;
    if (Object.keys(held).length > 0) c.byAgent.set(agent, held); // empty allocations are not listed
    c.leafCount += 1;
    for (const p of NaiveDrf.prefixes(path)) this.prefixCount.set(p, this.prefixCount.get(p)! + 1);
  }

  total(): Record<string, number> {
    const t: Record<string, number> = {};
    for (const a of this.agents.values()) for (const [k, v] of Object.entries(a)) t[k] = (t[k] ?? 0) + v;
    return t;
  }

  rawShare(clients: readonly string[]): number {
    const total = this.total();
    const sum: Record<string, number> = {};
    for (const c of clients) {
      for (const r of this.clients.get(c)!.byAgent.values())
        for (const [k, v] of Object.entries(r)) sum[k] = (sum[k] ?? 0) + v;
    }
    let share = 0;
    for (const [k, t] of Object.entries(total)) if (t > 0) share = Math.max(share, (sum[k] ?? 0) / t);
    return share;
  }

  share(path: string): number {
    const hasChildren = this.under(path).length > 1;
    return this.rawShare([path]) / (hasChildren ? 1 : (this.weights.get(path) ?? 1));
  }

  sort(prefix = ''): string[] {
    const below = [...this.clients.keys()].filter((c) => prefix === '' || c.startsWith(`${prefix}/`));
    type Entry = { path: string; share: number; count: number; emit: () => string[] };
    const entries: Entry[] = [];
    if (prefix !== '' && this.clients.has(prefix) && this.clients.get(prefix)!.active) {
      const c = this.clients.get(prefix)!;
      entries.push({ path: `${prefix}/.`, share: this.rawShare([prefix]), count: c.leafCount, emit: () => [prefix] });
    }
    const names = new Set(below.map((c) => c.slice(prefix === '' ? 0 : prefix.length + 1).split('/')[0]!));
    for (const name of names) {
      const p = prefix === '' ? name : `${prefix}/${name}`;
      const sub = this.under(p);
      const w = this.weights.get(p) ?? 1;
      if (sub.length === 1 && sub[0] === p) {
        const c = this.clients.get(p)!;
        if (c.active) entries.push({ path: p, share: this.rawShare([p]) / w, count: c.leafCount, emit: () => [p] });
      } else {
        entries.push({
          path: p,
          share: this.rawShare(sub) / w,
          count: this.prefixCount.get(p)!,
          emit: () => this.sort(p),
        });
      }
    }
    entries.sort(
      (a, b) => a.share - b.share || a.count - b.count || Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)),
    );
    return entries.flatMap((e) => e.emit());
  }
}

const PATHS = ['a', 'a/x', 'a/x/z', 'a/y', 'b', 'c/d', 'c/d/e', 'framework10', 'framework2'] as const;
const AGENTS = ['agent1', 'agent2', 'agent3'] as const;
const operation = fc.oneof(
  {
    arbitrary: fc.record({ kind: fc.constant('add'), path: fc.constantFrom(...PATHS), activate: fc.boolean() }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('remove', 'activate', 'deactivate'),
      path: fc.constantFrom(...PATHS),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('allocated'),
      path: fc.constantFrom(...PATHS),
      agent: fc.constantFrom(...AGENTS),
      cpus: fc.constantFrom(0, 1, 2, 4),
      mem: fc.constantFrom(0, 16, 32), // coarse, so shares and counts tie
    }),
    weight: 4,
  },
  fc.record({ kind: fc.constant('unallocated'), path: fc.constantFrom(...PATHS), agent: fc.constantFrom(...AGENTS) }),
  {
    arbitrary: fc.record({
      kind: fc.constant('weight'),
      path: fc.constantFrom(...PATHS, 'c'),
      weight: fc.integer({ min: 1, max: 4 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('addAgent'),
      agent: fc.constantFrom(...AGENTS),
      cpus: fc.constantFrom(0, 8, 16),
      mem: fc.constantFrom(0, 64, 128),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('removeAgent'), agent: fc.constantFrom(...AGENTS) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'sort' as const }), weight: 3 },
);

describe('against a naive model', () => {
  it('agrees on order, shares and allocations for random call sequences', () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 20, maxLength: 120 }), (ops) => {
        const sorter = createDrfSorter();
        const model = new NaiveDrf();
        sorter.addAgent('agent1', { cpus: 16, mem: 128 });
        model.agents.set('agent1', { cpus: 16, mem: 128 });
        const check = (): void => {
          expect(sorter.sort()).toEqual(model.sort());
          for (const [path, c] of model.clients) {
            expect(sorter.share(path)).toBe(model.share(path));
            expect(new Map(sorter.allocation(path))).toEqual(c.byAgent);
          }
        };
        for (const op of ops) {
          const known = 'path' in op && model.clients.has(op.path);
          switch (op.kind) {
            case 'add':
              if (known) {
                expect(() => sorter.add(op.path)).toThrow(/already added/);
                break;
              }
              sorter.add(op.path);
              model.add(op.path);
              if (op.activate) sorter.activate(op.path);
              model.clients.get(op.path)!.active = op.activate;
              break;
            case 'remove':
            case 'activate':
            case 'deactivate':
              if (!known) {
                expect(() => sorter[op.kind](op.path)).toThrow(/unknown client/);
                break;
              }
              sorter[op.kind](op.path);
              if (op.kind === 'remove') model.remove(op.path);
              else model.clients.get(op.path)!.active = op.kind === 'activate';
              break;
            case 'allocated': {
              const r = Object.fromEntries(Object.entries({ cpus: op.cpus, mem: op.mem }).filter(([, v]) => v > 0));
              if (!known) break;
              sorter.allocated(op.path, op.agent, r);
              model.allocated(op.path, op.agent, r);
              break;
            }
            case 'unallocated': {
              const held = known ? model.clients.get(op.path)!.byAgent.get(op.agent) : undefined;
              if (held === undefined) break;
              sorter.unallocated(op.path, op.agent, held);
              model.clients.get(op.path)!.byAgent.delete(op.agent);
              break;
            }
            case 'weight':
              sorter.updateWeight(op.path, op.weight);
              model.weights.set(op.path, op.weight);
              break;
            case 'addAgent': {
              const r = Object.fromEntries(Object.entries({ cpus: op.cpus, mem: op.mem }).filter(([, v]) => v > 0));
              if (model.agents.has(op.agent)) expect(() => sorter.addAgent(op.agent, r)).toThrow(/already added/);
              else {
                sorter.addAgent(op.agent, r);
                model.agents.set(op.agent, r);
              }
              break;
            }
            case 'removeAgent':
              if (!model.agents.has(op.agent)) expect(() => sorter.removeAgent(op.agent)).toThrow(/unknown agent/);
              else {
                sorter.removeAgent(op.agent);
                model.agents.delete(op.agent);
              }
              break;
            case 'sort':
              check();
              break;
          }
        }
        check();
      }),
      { seed: 2207, numRuns: 500 },
    );
  });
});
