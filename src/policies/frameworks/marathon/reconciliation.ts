import type { AppState } from './appState.ts';
import type { Effects } from './effects.ts';
import { setInstanceHealth } from './lifecycle.ts';

/**
 * Marathon's side of task reconciliation and of a leader failover: what it asks the master, and
 * what a new leader knows when it starts from a lagging state store.
 * @module
 */

/**
 * Asks the master about the instances it knows (explicit), then about every task (implicit), as
 * Marathon's reconciliation does; the master's answers arrive as status updates.
 *
 * @example
 * ```ts
 * reconcile(apps, fx); // fx.actions: [{ kind: 'reconcile', taskIds: ['web.v1.0', …] }, { kind: 'reconcile' }]
 * ```
 */
export function reconcile(apps: readonly AppState[], fx: Effects): void {
  const taskIds: string[] = [];
  for (const app of apps) for (const taskId of app.instances.keys()) taskIds.push(taskId);
  fx.push({ kind: 'reconcile', taskIds });
  fx.push({ kind: 'reconcile' });
}

/**
 * A new leader loads its state store, which holds the instances launched up to `knownUntil`
 * (simulated seconds): the instances launched later are forgotten — they leave the load balancer
 * and no longer count, so the app launches replacements. Returns the forgotten task ids (the
 * tasks themselves keep running until reconciliation reports them and the leader kills them).
 *
 * @example
 * ```ts
 * forgetUnpersisted(apps, 3570, fx); // ['es.v1.4'] when es.v1.4 was launched at 3590
 * ```
 */
export function forgetUnpersisted(apps: readonly AppState[], knownUntil: number, fx: Effects): string[] {
  const forgotten: string[] = [];
  for (const app of apps) {
    for (const instance of [...app.instances.values()]) {
      if (instance.launchedAt <= knownUntil) continue;
      setInstanceHealth(app, instance, false, fx);
      app.remove(instance);
      fx.trafficChanged.add(app);
      forgotten.push(instance.taskId);
    }
  }
  return forgotten;
}
