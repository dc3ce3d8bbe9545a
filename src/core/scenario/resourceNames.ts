import type { LocatedIssue } from './issues.ts';

/**
 * The resource names with a meaning of their own (as in Mesos); any other name is a custom scalar.
 *
 * @example
 * ```ts
 * STANDARD_RESOURCES.includes('mem'); // true
 * ```
 */
export const STANDARD_RESOURCES: readonly string[] = ['cpus', 'mem', 'disk', 'gpus'];

/** Names other tools use for a standard resource. */
const ALIASES: Readonly<Record<string, string>> = {
  cpu: 'cpus',
  core: 'cpus',
  cores: 'cpus',
  vcpu: 'cpus',
  vcpus: 'cpus',
  memory: 'mem',
  ram: 'mem',
  disks: 'disk',
  storage: 'disk',
  gpu: 'gpus',
};

/** Mesos's port ranges: a scalar of that name is a custom resource, not ports. */
const PORTS = ['port', 'ports'];

/**
 * Why a custom resource name looks like a mistake, or undefined when it does not: a known alias of
 * a standard name (`cpu`, `memory`, `ram`, `disks`, `gpu`, …), a standard name in other letter
 * case (`CPUs`), or one edit (a letter wrong, missing, extra, or two swapped) after the same first
 * letter from one (`cpsu`, `disc`; not `tpus`); or `port`/`ports`, which clustersim does not model
 * as Mesos's port ranges.
 *
 * @example
 * ```ts
 * resourceNameHint('cpu');  // 'did you mean "cpus"? …'
 * resourceNameHint('cpus'); // undefined: standard
 * resourceNameHint('licenses'); // undefined: a custom resource
 * ```
 */
export function resourceNameHint(name: string): string | undefined {
  if (STANDARD_RESOURCES.includes(name)) return undefined;
  const lower = name.toLowerCase();
  if (PORTS.includes(lower))
    return `clustersim does not model Mesos's port ranges, so "${name}" counts as a custom scalar resource`;
  const meant =
    ALIASES[lower] ??
    STANDARD_RESOURCES.find(
      (standard) => lower.length >= 3 && lower[0] === standard[0] && editDistanceAtMostOne(lower, standard),
    );
  if (meant === undefined) return undefined;
  return `did you mean "${meant}"? "${name}" is not a standard resource (${STANDARD_RESOURCES.join(', ')}), so it counts as a custom one`;
}

/** Whether b is a, or a with one letter changed, removed, added, or two neighbours swapped. */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const rest = (x: string, from: number): string => x.slice(from);
  if (a.length === b.length) {
    if (rest(a, i + 1) === rest(b, i + 1)) return true; // one letter changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && rest(a, i + 2) === rest(b, i + 2); // swapped
  }
  return a.length > b.length ? rest(a, i + 1) === rest(b, i) : rest(a, i) === rest(b, i + 1);
}

/**
 * Warnings for resource names in a scenario that look like misspelt standard ones (see
 * {@link resourceNameHint}), each at the JSON path of the name. Resource vectors are the objects
 * whose values are all numbers (after validation, only resource vectors are).
 *
 * @example
 * ```ts
 * resourceNameWarnings({ topology: { machines: [{ class: 'm', count: 1, resources: { cpu: 8 } }] } });
 * // [{ path: ['topology', 'machines', 0, 'resources', 'cpu'], message: 'did you mean "cpus"? …' }]
 * ```
 */
export function resourceNameWarnings(input: unknown): LocatedIssue[] {
  const warnings: LocatedIssue[] = [];
  const visit = (value: unknown, path: readonly (string | number)[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const entries = Object.entries(value);
    if (entries.length > 0 && entries.every(([, amount]) => typeof amount === 'number')) {
      for (const [name] of entries) {
        const hint = resourceNameHint(name);
        if (hint !== undefined) warnings.push({ path: [...path, name], message: hint });
      }
      return;
    }
    for (const [key, field] of entries) visit(field, [...path, key]);
  };
  visit(input, []);
  return warnings;
}
