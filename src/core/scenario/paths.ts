import { isAbsolute, join } from 'node:path';

/**
 * Whether a scenario field names a file: `file`, or a camelCase name ending in `File`
 * (`machinesFile`). Plugins name their path options this way so that scenarios can be moved.
 *
 * @example
 * ```ts
 * isFileField('file');         // true
 * isFileField('machinesFile'); // true
 * isFileField('profile');      // false
 * ```
 */
export function isFileField(key: string): boolean {
  return key === 'file' || /[a-z0-9]File$/.test(key);
}

/**
 * A copy of a scenario input in which every relative path in a file field (see
 * {@link isFileField}), at any depth, is joined to `baseDir`; absolute paths and everything else
 * stay as they are. Scenario files resolve their paths against their own folder this way.
 *
 * @example
 * ```ts
 * resolveScenarioPaths({ workloads: [{ options: { file: '../traces/a.csv' } }] }, 'examples');
 * // { workloads: [{ options: { file: 'traces/a.csv' } }] }
 * ```
 */
export function resolveScenarioPaths(input: unknown, baseDir: string): unknown {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] =
        typeof field === 'string' && isFileField(key) && field !== '' && !isAbsolute(field)
          ? join(baseDir, field)
          : visit(field);
    }
    return out;
  };
  return visit(input);
}
