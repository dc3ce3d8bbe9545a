import os from 'node:os';

/**
 * One line describing where a bench ran: CPU model, core count, node version, total memory, OS.
 *
 * @example
 * ```ts
 * describeMachine(); // 'AMD EPYC …, 2 cores, node v20.20.2, 23.5 GiB RAM, linux x64'
 * ```
 */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${model}, ${cpus.length} cores, node ${process.version}, ${memory} GiB RAM, ${os.platform()} ${os.arch()}`;
}
