// A script-style notebook: run examples/static-partitions.json at three seeds and compare.
// Run: npx tsx notebooks/quickstart.ts
import { readFileSync } from 'node:fs';
import { runSimulation, type ScenarioInput } from '../src/index.ts';

const scenario = JSON.parse(
  readFileSync(new URL('../examples/static-partitions.json', import.meta.url), 'utf8'),
) as ScenarioInput;

const rows = [1, 2, 3].map((seed) => {
  const report = runSimulation(scenario, { seed, wallClock: false });
  return {
    seed,
    'cpu util %': +((report.utilization.allocated['cpus'] ?? 0) * 100).toFixed(1),
    'etl wait p95 s': +(report.frameworks['etl']?.taskWaitSeconds.p95 ?? 0).toFixed(1),
    'analytics jobs done': report.frameworks['analytics']?.jobsCompleted ?? 0,
  };
});
console.table(rows);
