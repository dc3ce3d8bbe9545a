import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../../src/core/scenario/issues.ts';
import { resolveScenario } from '../../../src/core/scenario/resolve.ts';
import { createDefaultRegistry } from '../../../src/registry.ts';
import { smallScenario } from '../../fixtures/scenarios.ts';

const registry = createDefaultRegistry();

function problems(change: (s: Record<string, any>) => void): string[] {
  const s = smallScenario() as Record<string, any>;
  change(s);
  try {
    resolveScenario(s, registry);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('CPU isolation options', () => {
  it('default to CPU shares (no CFS quota) and carry a machine class’s own setting to its machines', () => {
    const s = smallScenario() as Record<string, any>;
    expect(resolveScenario(s, registry).master.cfsQuota).toBe(false);
    s['topology'].machines[0].cfsQuota = true;
    const machines = resolveScenario(s, registry).topology.machines;
    expect(machines.length).toBeGreaterThan(0);
    for (const m of machines) expect(m.cfsQuota).toBe(true);
  });

  it('reject a non-boolean cfsQuota at its path', () => {
    expect(problems((s) => (s['master'] = { cfsQuota: 'yes' }))).toEqual([
      expect.stringMatching(/^\$\.master\.cfsQuota: .*boolean/),
    ]);
    expect(problems((s) => (s['topology'].machines[0].cfsQuota = 1))).toEqual([
      expect.stringMatching(/^\$\.topology\.machines\[0\]\.cfsQuota: .*boolean/),
    ]);
  });
});
