import { normalizeResources, type Resources } from '../../core/cluster/resources.ts';
import { RowFields, type RowSource } from './alibabaFields.ts';
import { forEachRow } from './alibabaFiles.ts';
import type { TimeWindow } from './alibabaReplay.ts';

/**
 * Alibaba cluster-trace-v2018 `container_meta.csv` (no header; several rows per container, one
 * per status change) aggregated into services: one per deploy unit (`app_du`).
 * @module
 */

const COLUMNS = ['container_id', 'machine_id', 'time_stamp', 'app_du', 'status', 'cpu_request', 'cpu_limit', 'mem_size'] as const;

/**
 * A deploy unit of the trace as a service.
 *
 * @example
 * ```ts
 * const app: TraceApp = { id: 'app_5052', firstSeen: 0, instances: 12, resources: { cpus: 4, mem: 1560 }, shapes: 1 };
 * ```
 */
export interface TraceApp {
  /** The `app_du`. */
  readonly id: string;
  /** Trace time (s) of its first container's first row. */
  readonly firstSeen: number;
  /** Distinct containers. */
  readonly instances: number;
  /** Resources of one instance: the most common shape among its containers (ties: the first met). */
  readonly resources: Resources;
  /** Distinct container shapes (1 when every instance asked for the same). */
  readonly shapes: number;
}

/**
 * How container rows become apps.
 *
 * @example
 * ```ts
 * const options: ContainerAppOptions = { timeWindow: { from: 0, to: Infinity }, cpu: 'request', cpuUnit: 0.01, memUnit: 1000, resourceScale: 1, skipBadRows: false };
 * ```
 */
export interface ContainerAppOptions {
  /** Containers whose first row is at or after `timeWindow.to` are left out. */
  readonly timeWindow: TimeWindow;
  /** Which column is the instance's cpus: `cpu_request` (default in the plugins) or `cpu_limit`. */
  readonly cpu: 'request' | 'limit';
  /** Cores per unit of the cpu column (100 = 1 core). */
  readonly cpuUnit: number;
  /** MB per unit of mem_size (normalized to [0, 100]). */
  readonly memUnit: number;
  readonly resourceScale: number;
  /** Only rows with these statuses count (default: all rows). */
  readonly statuses?: readonly string[] | undefined;
  readonly skipBadRows: boolean;
}

/**
 * Reads a whole `container_meta.csv` (one pass; memory grows with containers and apps, not rows)
 * into apps ordered by first appearance (time, then file order). Each container counts once, for
 * the app and shape of its first counted row. Throws a TraceError at `file:line` for a wrong column
 * count or a missing or non-numeric time, cpu or memory.
 *
 * @example
 * ```ts
 * const { apps } = readAlibaba2018ContainerApps(openAlibabaRows(file), file, options);
 * apps[0]; // { id: 'app_5052', firstSeen: 0, instances: 12, resources: { cpus: 4, mem: 1560 }, shapes: 1 }
 * ```
 */
export function readAlibaba2018ContainerApps(rows: RowSource, file: string, options: ContainerAppOptions): { apps: TraceApp[]; skippedRows: number } {
  const fields = new RowFields(file, COLUMNS);
  const statuses = options.statuses === undefined ? undefined : new Set(options.statuses);
  const seen = new Set<string>();
  const apps = new Map<string, { firstSeen: number; line: number; instances: number; shapes: Map<string, { count: number; resources: Resources }> }>();
  const skippedRows = forEachRow(rows, options.skipBadRows, (row) => {
    fields.expectColumns(row);
    const container = fields.text(row, 0);
    const time = fields.integer(row, 2);
    const appId = fields.text(row, 3);
    const status = fields.text(row, 4);
    const cpu = fields.number(row, options.cpu === 'request' ? 5 : 6, 0);
    const mem = fields.number(row, 7, 0);
    if (seen.has(container) || (statuses !== undefined && !statuses.has(status)) || time >= options.timeWindow.to) return;
    seen.add(container);
    const resources = normalizeResources({ cpus: cpu * options.cpuUnit * options.resourceScale, mem: mem * options.memUnit * options.resourceScale });
    let app = apps.get(appId);
    if (app === undefined) {
      app = { firstSeen: time, line: row.line, instances: 0, shapes: new Map() };
      apps.set(appId, app);
    }
    app.firstSeen = Math.min(app.firstSeen, time);
    app.instances++;
    const key = JSON.stringify(resources);
    const shape = app.shapes.get(key);
    if (shape === undefined) app.shapes.set(key, { count: 1, resources });
    else shape.count++;
  });
  const ordered = [...apps.entries()].sort(([, a], [, b]) => a.firstSeen - b.firstSeen || a.line - b.line);
  return {
    apps: ordered.map(([id, app]) => {
      let best: { count: number; resources: Resources } | undefined;
      for (const shape of app.shapes.values()) if (best === undefined || shape.count > best.count) best = shape;
      return { id, firstSeen: app.firstSeen, instances: app.instances, resources: best?.resources ?? {}, shapes: app.shapes.size };
    }),
    skippedRows,
  };
}
