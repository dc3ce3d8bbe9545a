import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/core/scenario/issues.ts';
import { runSimulation } from '../../src/run.ts';
import { smallScenario } from '../fixtures/scenarios.ts';

const withVariants = (): Record<string, unknown> => ({
  ...smallScenario(),
  horizon: '10m',
  variants: { static: {}, shared: { allocator: { policy: 'drf' } } },
});

describe('runSimulation and scenario variants', () => {
  it('runs the named setup of a scenario with variants', () => {
    expect(runSimulation(withVariants() as never, { variant: 'shared', wallClock: false }).allocator).toBe('drf');
    expect(runSimulation(withVariants() as never, { variant: 'static', wallClock: false }).allocator).toBe(
      'static-partition',
    );
  });

  it('refuses to run one without naming a setup, instead of silently running the base scenario', () => {
    expect(() => runSimulation(withVariants() as never)).toThrow(ScenarioError);
    expect(() => runSimulation(withVariants() as never)).toThrow(
      'the scenario has variants (static, shared): name the one to run with the variant option, or run them all with compare()',
    );
    expect(() => runSimulation(withVariants() as never, { variant: 'shard' })).toThrow(
      'unknown variant "shard"; variants: static, shared',
    );
    expect(() => runSimulation(smallScenario() as never, { variant: 'static' })).toThrow(
      'the scenario has no variants, so it has no setup "static"',
    );
  });
});
