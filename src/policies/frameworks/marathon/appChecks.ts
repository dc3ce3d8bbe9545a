import { formatResources } from '../../../core/cluster/resources.ts';
import type { ScenarioIssue, ScenarioView } from '../../../core/plugins/definition.ts';
import { fitsSomeMachine } from '../../../core/scenario/resolve.ts';
import type { MarathonOptions } from './appSpec.ts';

/**
 * Cross-checks the apps against the scenario's cluster: an instance larger than every machine could
 * never run (Marathon would leave it waiting forever), which is almost always a typo in a scenario.
 *
 * @example
 * ```ts
 * const view = { topology: buildTopology(['r1'], [{ class: 'std', count: 2, resources: { cpus: 8, mem: 16384 } }]), frameworkIds: ['marathon'] };
 * marathonAppIssues(marathonOptions.parse({ apps: [{ id: 'db', instances: 1, resources: { cpus: 16 } }] }), view);
 * // [{ path: ['apps', 0, 'resources'], message: 'app "db": one instance needs cpus:16, more than any machine has (machines: cpus:8; mem:16384)' }]
 * ```
 */
export function marathonAppIssues(options: MarathonOptions, view: ScenarioView): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  // Distinct machine shapes, a few of them: enough to see the mismatch.
  const shapes = [...new Set(view.topology.machines.map((m) => formatResources(m.resources)))];
  const shown =
    shapes.length === 0 ? 'no machines' : shapes.slice(0, 3).join(' / ') + (shapes.length > 3 ? ' / …' : '');
  options.apps.forEach((app, i) => {
    if (fitsSomeMachine(app.resources, view.topology)) return;
    issues.push({
      path: ['apps', i, 'resources'],
      message: `app "${app.id}": one instance needs ${formatResources(app.resources)}, more than any machine has (machines: ${shown})`,
    });
  });
  return issues;
}
