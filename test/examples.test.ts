import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../src/core/scenario/resolve.ts';
import { createDefaultRegistry } from '../src/registry.ts';
import { runSimulation } from '../src/run.ts';

const EXAMPLES = new URL('../examples/', import.meta.url);
// Sweep files (sweep-*.json) are not scenarios: test/sweep/examples.test.ts checks them.
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.json') && !f.startsWith('sweep-'))
  .sort();

describe('examples/', () => {
  it('has examples', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s validates and runs, with work done by every framework', (file) => {
    const registry = createDefaultRegistry();
    // Named by its path, as the CLI does, so that its trace paths resolve against examples/.
    const path = fileURLToPath(new URL(file, EXAMPLES));
    const scenario = parseScenarioText(readFileSync(path, 'utf8'), registry, path);
    const report = runSimulation(scenario, { registry, wallClock: false });
    expect(report.eventsProcessed).toBeGreaterThan(0);
    for (const [id, f] of Object.entries(report.frameworks)) {
      if (scenario.workloads.some((w) => w.frameworkId === id)) expect(f.tasksLaunched, id).toBeGreaterThan(0);
    }
  });
});
