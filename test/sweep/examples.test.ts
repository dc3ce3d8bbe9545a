import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/registry.ts';
import { loadSweepFile } from '../../src/sweep/loadSweepFile.ts';
import { planSweep } from '../../src/sweep/plan.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const files = readdirSync(EXAMPLES)
  .filter((f) => f.startsWith('sweep-') && f.endsWith('.json'))
  .sort();

describe('examples/sweep-*.json', () => {
  it('has sweep examples', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s loads and plans', (file) => {
    const registry = createDefaultRegistry();
    const plan = planSweep(loadSweepFile(`${EXAMPLES}${file}`, registry), registry);
    expect(plan.runs.length).toBe(plan.points.length * plan.variants.length * plan.replications.length);
    expect(plan.runs.length).toBeGreaterThan(0);
  });
});
