/**
 * Replays of Mesos's weighted-shuffle and random sorter tests (src/tests/sorter_tests.cpp,
 * `WeightedShuffleTest`, `RandomSorterTest`) with fixed seeds.
 *
 * Mesos draws 1,000 (or 10,000) orders and allows ±0.05 around a table of position probabilities
 * rounded to two decimals. Here the table is first checked against the exact probabilities
 * (worked out below by enumerating every order, sampling without replacement in proportion to
 * weight), and the observed frequencies are compared with the exact ones over N = 20,000 draws
 * with a tolerance of 0.02: a frequency's standard deviation is at most √(0.25/N) ≈ 0.0035, so 0.02
 * is ≥ 5.6 standard deviations and a correct implementation misses one of the 25 cells with
 * probability below 25 × 2·10⁻⁸ = 5·10⁻⁷ (normal approximation of the binomial).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createRandomSorter, weightedShuffle } from '../../../../src/policies/sorters/randomSorter.ts';

const DRAWS = 20_000;
const TOLERANCE = 0.02;

/** Every order of `items`, with its probability when drawn one by one in proportion to weight. */
function exactOrders(items: readonly number[], weights: readonly number[]): { order: number[]; p: number }[] {
  if (items.length === 0) return [{ order: [], p: 1 }];
  const total = weights.reduce((a, b) => a + b, 0);
  return items.flatMap((item, i) => {
    const rest = items.filter((_, j) => j !== i);
    const restWeights = weights.filter((_, j) => j !== i);
    return exactOrders(rest, restWeights).map(({ order, p }) => ({
      order: [item, ...order],
      p: ((weights[i] ?? 0) / total) * p,
    }));
  });
}

/** Adds `amount` to matrix[row][column]. */
function addAt(matrix: number[][], row: number, column: number, amount: number): void {
  const cells = matrix[row];
  if (cells === undefined || cells[column] === undefined) throw new RangeError(`no cell [${row}][${column}]`);
  cells[column] += amount;
}

/** matrix[item][position] = probability, from a list of orders with probabilities. */
function positionMatrix(orders: readonly { order: readonly number[]; p: number }[], size: number): number[][] {
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const { order, p } of orders) order.forEach((item, position) => addAt(matrix, item, position, p));
  return matrix;
}

/** matrix[item][position] = observed frequency over `draws` orders. */
function observedMatrix(draw: () => readonly number[], size: number, draws: number): number[][] {
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let run = 0; run < draws; run++) {
    draw().forEach((item, position) => addAt(counts, item, position, 1));
  }
  return counts.map((row) => row.map((c) => c / draws));
}

/** Largest absolute difference between two matrices of the same shape. */
function maxDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let worst = 0;
  a.forEach((row, i) => row.forEach((x, j) => (worst = Math.max(worst, Math.abs(x - (b[i]?.[j] ?? Infinity))))));
  return worst;
}

/** Mesos's table for five items of weights 1..5: row = item, column = position. */
const MESOS_FIVE = [
  [0.07, 0.08, 0.12, 0.2, 0.54],
  [0.13, 0.16, 0.2, 0.28, 0.23],
  [0.2, 0.22, 0.24, 0.22, 0.12],
  [0.27, 0.26, 0.23, 0.17, 0.07],
  [0.33, 0.28, 0.21, 0.13, 0.04],
];
const FIVE_EXACT = positionMatrix(exactOrders([0, 1, 2, 3, 4], [1, 2, 3, 4, 5]), 5);

describe('WeightedShuffleTest and RandomSorterTest replayed (mesos src/tests/sorter_tests.cpp)', () => {
  it("Mesos's rounded table for weights 1..5 is the exact weighted-sampling distribution", () => {
    expect(FIVE_EXACT[4]?.[0]).toBeCloseTo(5 / 15, 12); // the heaviest item first: 5/15
    expect(maxDifference(MESOS_FIVE, FIVE_EXACT)).toBeLessThanOrEqual(0.006); // two-decimal rounding
  });

  it('WeightedShuffleTest.ProbabilityDistribution', () => {
    const prng = seedrandom.alea('weighted-shuffle');
    const observed = observedMatrix(
      () => weightedShuffle([0, 1, 2, 3, 4], [1, 2, 3, 4, 5], () => prng.double()),
      5,
      DRAWS,
    );
    expect(maxDifference(observed, FIVE_EXACT)).toBeLessThan(TOLERANCE);
  });

  it('RandomSorterTest.ProbabilityDistribution', () => {
    const sorter = createRandomSorter({ seed: 11 });
    for (let i = 0; i < 5; i++) {
      sorter.add(String(i));
      sorter.activate(String(i));
      sorter.updateWeight(String(i), i + 1);
    }
    const observed = observedMatrix(() => sorter.sort().map(Number), 5, DRAWS);
    expect(maxDifference(observed, FIVE_EXACT)).toBeLessThan(TOLERANCE);
  });

  // DIFFERENCE: Mesos's random sorter (sorter/random/sorter.cpp, updateRelativeWeights) gives each
  // active leaf a relative weight — the product, down its path, of weight / (weight + active
  // siblings' weights) — and then draws ONE weighted shuffle over all leaves, so a subtree's leaves
  // need not be contiguous (c/e can come first and c/d last). clustersim's random sorter shuffles
  // level by level and keeps every subtree contiguous. With the tree below, Mesos puts "a" in
  // second place with probability 0.15; clustersim with 2/9 ≈ 0.22 (a's only neighbour inside its
  // subtree is a/b), and the observed matrix misses the Mesos one by about 0.18.
  it('RandomSorterTest.HierarchicalProbabilityDistribution', () => {
    // Clients a (0), a/b (1), c/d (2), c/e (3); weights a 1, a/b 2, c 2, c/d 1, c/e 2. Relative
    // weights: a = 1/3·1/3 = 1/9 (the virtual leaf "a" against a/b inside a), a/b = 1/3·2/3 = 2/9,
    // c/d = 2/3·1/3 = 2/9, c/e = 2/3·2/3 = 4/9; then one shuffle in proportion to those.
    const clients = ['a', 'a/b', 'c/d', 'c/e'];
    const exact = positionMatrix(exactOrders([0, 1, 2, 3], [1, 2, 2, 4]), 4);
    const mesos = [
      [0.11, 0.15, 0.23, 0.51],
      [0.22, 0.27, 0.3, 0.21],
      [0.22, 0.27, 0.3, 0.21],
      [0.44, 0.31, 0.18, 0.07],
    ];
    expect(maxDifference(mesos, exact)).toBeLessThanOrEqual(0.006); // our reading of Mesos is its table

    const sorter = createRandomSorter({ seed: 12 });
    for (const c of clients) {
      sorter.add(c);
      sorter.activate(c);
    }
    for (const [path, weight] of [
      ['a', 1],
      ['a/b', 2],
      ['c', 2],
      ['c/d', 1],
      ['c/e', 2],
    ] as const) {
      sorter.updateWeight(path, weight);
    }
    const observed = observedMatrix(() => sorter.sort().map((c) => clients.indexOf(c)), 4, DRAWS);
    expect(maxDifference(observed, exact)).toBeLessThan(TOLERANCE);
  });
});
