import { existsSync } from 'node:fs';
import type { ScenarioIssue } from '../core/plugins/definition.ts';

/**
 * How trace paths are read, for messages about a file that cannot be found.
 *
 * @example
 * ```ts
 * `no such file "a.csv" (${RELATIVE_PATHS})`;
 * ```
 */
export const RELATIVE_PATHS =
  "relative paths are resolved against the scenario file's folder, or the working directory for a scenario given as an object";

/**
 * The problem with a trace option `file` that names no file (none when it exists), for a
 * plugin's `check`.
 *
 * @example
 * ```ts
 * missingFileIssues('traces/none.csv'); // [{ path: ['file'], message: 'no such file "traces/none.csv" (…)' }]
 * ```
 */
export function missingFileIssues(file: string): ScenarioIssue[] {
  return existsSync(file) ? [] : [{ path: ['file'], message: `no such file "${file}" (${RELATIVE_PATHS})` }];
}
