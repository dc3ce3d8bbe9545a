import type { Resources } from '../../../core/cluster/resources.ts';
import type { FrameworkAction, FrameworkFact } from '../../../core/plugins/framework.ts';
import type { AppState } from './appState.ts';

/**
 * What one callback of the Marathon scheduler decides, collected in order: the actions for the
 * master, and which apps' traffic must be recomputed before replying.
 *
 * @example
 * ```ts
 * const fx = new Effects();
 * fx.timer(60, 'sample');
 * fx.report({ fact: 'app', appId: 'web', desired: 3, version: 'v1' });
 * fx.actions.length; // 2
 * ```
 */
export class Effects {
  readonly actions: FrameworkAction[] = [];
  /** Apps whose healthy instances or routing changed: their traffic fact is due. */
  readonly trafficChanged = new Set<AppState>();

  report(fact: FrameworkFact): void {
    this.actions.push({ kind: 'report', fact });
  }

  kill(taskId: string): void {
    this.actions.push({ kind: 'kill', taskId });
  }

  timer(afterSeconds: number, tag: string): void {
    this.actions.push({ kind: 'timer', afterSeconds: Math.max(0, afterSeconds), tag });
  }

  usage(taskId: string, usage: Resources): void {
    this.actions.push({ kind: 'usage', taskId, usage });
  }

  push(action: FrameworkAction): void {
    this.actions.push(action);
  }
}
