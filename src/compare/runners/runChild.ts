import { createDefaultRegistry } from '../../registry.ts';
import { runTask } from './runTask.ts';
import type { ChildReply, TaskRequest } from './childProtocol.ts';

/**
 * The entry of a run process (forked by `createProcessExecutor`): says it is ready, then runs each
 * task it is sent with the built-in plugins and replies with the report or the error's message.
 * It ends when its parent closes the channel or, in the middle of a run, when the parent is gone
 * (killed with SIGKILL, say), so that no run process outlives its sweep.
 * @module
 */

const registry = createDefaultRegistry();
const parent = process.ppid;
const reply = (message: ChildReply): void => {
  process.send?.(message);
};
/** Called every few thousand events of a run: a child whose parent died has been adopted by another process. */
const endIfOrphaned = (): void => {
  if (process.ppid !== parent) process.exit(1);
};

process.on('disconnect', () => process.exit(0));
process.on('message', (message: TaskRequest) => {
  try {
    reply({ kind: 'report', id: message.id, report: runTask(message.task, registry, endIfOrphaned) });
  } catch (error) {
    reply({ kind: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
reply({ kind: 'ready' });
