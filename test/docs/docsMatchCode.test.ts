import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/registry.ts';

/**
 * Cheap checks that pages listing things of the code (record kinds, benches, exports, policies)
 * still list what the code has.
 */

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The names in backticks in the first column of a page's table rows. */
function firstColumnNames(page: string): Set<string> {
  const names = new Set<string>();
  for (const line of page.split('\n')) {
    const cell = /^\| ([^|]+) \|/.exec(line)?.[1] ?? '';
    for (const match of cell.matchAll(/`([^`]+)`/g)) names.add(match[1] as string);
  }
  return names;
}

/** The names an entry point exports, from api/public-api.md (`type X` → `X`). */
function exportsOf(entry: string): Set<string> {
  const api = read('api/public-api.md');
  const start = api.indexOf(`## ${entry}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = api.indexOf('\n## ', start + 1);
  const section = api.slice(start, end === -1 ? undefined : end);
  return new Set([...section.matchAll(/^- `(?:type )?([^`]+)`$/gm)].map((m) => m[1] as string));
}

describe('docs/determinism.md', () => {
  it('lists every record kind of the event log, and no other', () => {
    const kinds = [...read('src/core/simulation/records.ts').matchAll(/readonly kind: '([a-z-]+)'/g)].map(
      (m) => m[1] as string,
    );
    expect(kinds.length).toBeGreaterThan(20);
    const listed = firstColumnNames(read('docs/determinism.md'));
    expect(kinds.filter((kind) => !listed.has(kind))).toEqual([]);
    expect([...listed].filter((name) => !kinds.includes(name))).toEqual([]);
  });
});

describe('bench/README.md', () => {
  const page = read('bench/README.md');

  it('lists every bench that bench/run.ts runs', () => {
    const benches = /const BENCHES = \[([^\]]*)\]/.exec(read('bench/run.ts'))?.[1]?.match(/[a-z-]+/g) ?? [];
    expect(benches.length).toBeGreaterThan(0);
    const listed = firstColumnNames(page);
    expect(benches.filter((bench) => !listed.has(bench))).toEqual([]);
    expect(page).toContain(`--only ${benches.join('\\|')}`);
  });

  it('describes every file of bench/', () => {
    const files = readdirSync(new URL('../../bench/', import.meta.url)).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(0);
    const listed = firstColumnNames(page.slice(page.indexOf('## Files')));
    expect(files.filter((file) => !listed.has(file))).toEqual([]);
  });
});

describe('docs/allocator.md', () => {
  const page = read('docs/allocator.md');

  it('imports the standalone allocator from clustersim/policies, which exports it', () => {
    expect(page).toContain("from 'clustersim/policies';");
    expect(page).not.toMatch(/not exported from the package/);
    const policies = exportsOf('clustersim/policies');
    for (const name of ['createMesosAllocator', 'StandaloneOffer', 'MesosAllocatorOptions', 'MesosAllocatorApi'])
      expect(policies.has(name), name).toBe(true);
  });

  it('names the sorter factories that clustersim/policies exports, and every registered policy', () => {
    const policies = exportsOf('clustersim/policies');
    const factories = [...firstColumnNames(page)]
      .filter((name) => name.startsWith('create'))
      .map((n) => n.split('(')[0]);
    expect(factories.length).toBeGreaterThan(3);
    expect(factories.filter((name) => !policies.has(name as string))).toEqual(['createHierarchicalSorter']);
    const registered = createDefaultRegistry().names('allocator');
    expect(registered.length).toBeGreaterThan(0);
    expect(registered.filter((name) => !page.includes(`| \`${name}\` |`))).toEqual([]);
  });
});
