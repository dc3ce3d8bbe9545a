import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { resolveVariants } from '../../../src/core/scenario/variants.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

const registry = createDefaultRegistry();

const problems = (input: unknown): string[] => {
  try {
    resolveVariants(input, registry);
    return [];
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
};

describe('scenario variants', () => {
  it('resolves each variant as the base with the named top-level fields replaced', () => {
    const variants = resolveVariants(
      { ...smallScenario(), variants: { shared: { allocator: { policy: 'drf' } }, long: { horizon: '2h' } } },
      registry,
    );
    expect(
      variants.map((v) => [v.variant, v.scenario.name, v.scenario.allocator.plugin.name, v.scenario.horizon / 3.6e9]),
    ).toEqual([
      ['shared', 'small/shared', 'drf', 1],
      ['long', 'small/long', 'static-partition', 2],
    ]);
  });

  it('without variants, is the scenario itself', () => {
    expect(resolveVariants(smallScenario(), registry).map((v) => v.variant)).toEqual(['small']);
  });

  it('reports problems inside a variant at its own path', () => {
    expect(problems({ ...smallScenario(), variants: { bad: { allocator: { policy: 'nope' } } } })).toEqual([
      expect.stringMatching(/^\$\.variants\.bad\.allocator\.policy: unknown allocator "nope"/),
    ]);
    expect(problems({ ...smallScenario(), variants: { odd: { name: 'x' } } })).toEqual([
      expect.stringMatching(/^\$\.variants\.odd\.name: a variant may replace description, seed, horizon, topology/),
    ]);
  });
});
