/**
 * One step of a path into a scenario: an object field or an array index.
 *
 * @example
 * ```ts
 * const path: readonly JsonPathSegment[] = ['frameworks', 0, 'options'];
 * ```
 */
export type JsonPathSegment = string | number;

const NAME = '[A-Za-z_$][A-Za-z0-9_$-]*';
const PATH = new RegExp(`^${NAME}(?:\\.${NAME}|\\[\\d+\\])*$`);
const TOKEN = new RegExp(`${NAME}|\\[\\d+\\]`, 'g');

/**
 * Parses a path into a scenario written as fields joined by dots, with array indexes in brackets:
 * `master.allocationInterval`, `frameworks[0].options.offerTimeout`,
 * `topology.machines[1].count`. Throws a `RangeError` that says what is accepted.
 *
 * @example
 * ```ts
 * parseJsonPath('topology.machines[1].count'); // ['topology', 'machines', 1, 'count']
 * ```
 */
export function parseJsonPath(text: string): JsonPathSegment[] {
  if (!PATH.test(text)) {
    throw new RangeError(
      `"${text}" is not a path into the scenario; write fields joined by dots and array indexes in brackets, e.g. "master.allocationInterval" or "topology.machines[0].count"`,
    );
  }
  return [...text.matchAll(TOKEN)].map(([token]) => (token.startsWith('[') ? Number(token.slice(1, -1)) : token));
}

/**
 * A copy of `root` with the value at `path` replaced by `value`; missing fields on the way are
 * created as objects, so an option the scenario leaves at its default can be set. Throws a
 * `RangeError` when the path goes through something that is not an object (or, for an index, an
 * array long enough).
 *
 * @example
 * ```ts
 * withValueAt({ master: {} }, ['master', 'allocationInterval'], '5s'); // { master: { allocationInterval: '5s' } }
 * ```
 */
export function withValueAt(root: unknown, path: readonly JsonPathSegment[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (typeof head === 'number') {
    if (!Array.isArray(root))
      throw new RangeError(`[${head}] indexes a list, but here the scenario has ${describe(root)}`);
    if (head >= root.length)
      throw new RangeError(
        `[${head}] is past the end of a list of ${root.length} entr${root.length === 1 ? 'y' : 'ies'}`,
      );
    const copy: unknown[] = [...(root as unknown[])];
    copy[head] = withValueAt(copy[head], rest, value);
    return copy;
  }
  if (root !== undefined && (root === null || typeof root !== 'object' || Array.isArray(root)))
    throw new RangeError(`"${head}" names a field, but here the scenario has ${describe(root)}`);
  const object = (root ?? {}) as Record<string, unknown>;
  return { ...object, [head]: withValueAt(object[head], rest, value) };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${JSON.stringify(value)})`;
}
