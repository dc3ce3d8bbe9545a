import { z } from 'zod';
import type { Resources } from '../../core/cluster/resources.ts';
import { strictObject } from '../../core/scenario/fields.ts';
import type { RowSource } from './alibabaFields.ts';
import { openAlibabaRows } from './alibabaFiles.ts';
import { containerOptionFields } from './alibaba2018Containers.ts';
import { readAlibaba2018ContainerApps } from './alibaba2018ContainerMeta.ts';

const { file: _file, ...fields } = containerOptionFields;

const options = strictObject({
  ...fields,
  /**
   * `all-at-start` (default): every app starts with all its instances. `scale-up`: an app first seen
   * after the window's start starts with 0 instances and scales up to its count at that time (a
   * Marathon `events` entry), so services appear when they did in the trace.
   */
  arrivals: z.enum(['all-at-start', 'scale-up']).default('all-at-start'),
  /** Prepended to every app id (Marathon ids use letters, digits, `.`, `_`, `-`). */
  idPrefix: z.string().default(''),
});

/**
 * Options of {@link alibaba2018Apps}, as written (the same as the `alibaba-2018-containers`
 * workload's, without `file` and `sampleFraction`, plus `arrivals` and `idPrefix`).
 *
 * @example
 * ```ts
 * const options: Alibaba2018AppOptions = { arrivals: 'scale-up', timeWindow: { to: '1d' }, statuses: ['started'] };
 * ```
 */
export type Alibaba2018AppOptions = z.input<typeof options>;

/**
 * A Marathon app entry, as written in the `marathon` framework's `apps` option.
 *
 * @example
 * ```ts
 * const app: TraceMarathonApp = { id: 'app_5052', instances: 0, resources: { cpus: 4, mem: 1560 }, events: [{ at: 3600, scale: 12 }] };
 * ```
 */
export interface TraceMarathonApp {
  readonly id: string;
  readonly instances: number;
  readonly resources: Resources;
  /** With `arrivals: 'scale-up'`: the scale-up when the app appears (at in simulated seconds). */
  readonly events?: readonly { readonly at: number; readonly scale: number }[];
}

/**
 * The online services of an Alibaba 2018 `container_meta.csv` as Marathon apps: one app per deploy
 * unit (`app_du`), with as many instances as it has distinct containers and the most common
 * request among them (see readAlibaba2018ContainerApps), in order of first appearance. Put them in
 * a `marathon` framework's options: `{ "scheduler": "marathon", "options": { "apps": apps } }`.
 *
 * @example
 * ```ts
 * const { apps, skippedRows } = alibaba2018Apps('data/container_meta.csv', { statuses: ['started'] });
 * const framework = { id: 'services', scheduler: 'marathon', options: { apps } };
 * ```
 */
export function alibaba2018Apps(
  file: string,
  appOptions: Alibaba2018AppOptions = {},
  rows?: RowSource,
): { apps: TraceMarathonApp[]; skippedRows: number } {
  const opts = options.parse(appOptions);
  const { apps, skippedRows } = readAlibaba2018ContainerApps(rows ?? openAlibabaRows(file), file, opts);
  return {
    apps: apps.map((app) => {
      const id = `${opts.idPrefix}${app.id}`;
      const at = (app.firstSeen - opts.timeWindow.from) * opts.timeScale;
      if (opts.arrivals === 'scale-up' && at > 0) return { id, instances: 0, resources: app.resources, events: [{ at, scale: app.instances }] };
      return { id, instances: app.instances, resources: app.resources };
    }),
    skippedRows,
  };
}
