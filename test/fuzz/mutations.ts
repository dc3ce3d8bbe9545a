import fc from 'fast-check';

/** Values a field should never crash on: wrong types, odd and extreme numbers, odd strings. */
const WEIRD: readonly unknown[] = [
  null,
  true,
  0,
  -0,
  -1,
  0.5,
  -1e-9,
  1e-300,
  2 ** 53 + 1,
  1e15,
  1e308,
  '',
  ' ',
  '0',
  '-5m',
  '1e400s',
  '999999999999w',
  '1h-1m',
  'NaN',
  'Infinity',
  '1.5.5s',
  'P1D',
  'R/2026-02-29T00:00:00Z/PT0S',
  '2026-13-45T99:99:99Z',
  '\u0000',
  '名前-🚀',
  'x'.repeat(10_000),
  [],
  [[]],
  {},
  { __proto__: null },
  { constructor: 1 },
];

/** JSON text for values JSON.stringify cannot write (NaN, ±Infinity, -0 are written as numbers that parse to them or near). */
const WEIRD_TEXT: readonly string[] = ['1e309', '-1e309', '-0', '1E-400', '123456789012345678901234567890'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function paths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function clone(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The container holding a path's value; undefined for the root, null when the path is gone. */
function parentOf(
  root: Json,
  path: readonly (string | number)[],
): { parent: Json; key: string | number } | undefined | null {
  if (path.length === 0) return undefined;
  let node: Json | undefined = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string | number, Json>)[segment];
  }
  if (typeof node !== 'object' || node === null) return null;
  return { parent: node, key: path[path.length - 1] as string | number };
}

/** Nested arrays and objects, as text (too deep for JSON.stringify to write). */
function deepText(depth: number): string {
  const half = Math.floor(depth / 2);
  return `${'[{"a":'.repeat(half)}1${'}]'.repeat(half)}`;
}

/** One structural mutation of a JSON document, applied at one of its paths. */
type Mutation =
  | { readonly op: 'delete' }
  | { readonly op: 'replace'; readonly value: unknown }
  | { readonly op: 'replaceText'; readonly text: string }
  | { readonly op: 'proto' }
  | { readonly op: 'duplicate' }
  | { readonly op: 'deep'; readonly depth: number }
  | { readonly op: 'extraKey'; readonly key: string }
  | { readonly op: 'scale'; readonly factor: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ op: 'delete' as const }),
  fc.constantFrom(...WEIRD).map((value) => ({ op: 'replace' as const, value })),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ op: 'replace' as const, value })),
  fc.constantFrom(...WEIRD_TEXT).map((text) => ({ op: 'replaceText' as const, text })),
  fc.constant({ op: 'proto' as const }),
  fc.constant({ op: 'duplicate' as const }),
  fc.constantFrom(50, 2_000, 20_000).map((depth) => ({ op: 'deep' as const, depth })),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map((key) => ({ op: 'extraKey' as const, key })),
  fc.constantFrom(-1, 0, 1000, 1e6, 1e12).map((factor) => ({ op: 'scale' as const, factor })),
);

const MARK = '"__fuzz_text__"';

/** Applies a mutation at a path; returns the new JSON text. */
function applyMutation(doc: Json, path: readonly (string | number)[], m: Mutation): string {
  const root = clone(doc);
  const found = parentOf(root, path);
  if (found === null) return JSON.stringify(root, null, 2);
  const at = found;
  const container = at?.parent as Record<string | number, unknown> | unknown[] | undefined;
  const set = (value: unknown): void => {
    if (container !== undefined && at !== undefined) (container as Record<string | number, unknown>)[at.key] = value;
  };
  const current = at === undefined ? root : (container as Record<string | number, unknown>)[at.key];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(container) && typeof at?.key === 'number') container.splice(at.key, 1);
      else if (container !== undefined && at !== undefined) delete (container as Record<string, unknown>)[at.key];
      break;
    case 'replace':
      if (at === undefined) return JSON.stringify(m.value);
      set(m.value);
      break;
    case 'replaceText':
      if (at === undefined) return m.text;
      set('__fuzz_text__');
      return JSON.stringify(root).replace(MARK, m.text);
    case 'proto':
      if (typeof current === 'object' && current !== null && !Array.isArray(current))
        return JSON.stringify(root).replace(
          JSON.stringify(current),
          JSON.stringify(current).replace(/^\{/, '{"__proto__":{"polluted":1},'),
        );
      set({ __proto__: current });
      return JSON.stringify(root).replace(/"__proto__"/, '"__proto__"');
    case 'duplicate':
      if (Array.isArray(container) && typeof at?.key === 'number') container.splice(at.key, 0, clone(current));
      else if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
        const text = JSON.stringify(current);
        const first = Object.keys(current)[0];
        if (first !== undefined)
          return JSON.stringify(root).replace(
            text,
            text.replace(
              /^\{/,
              `{${JSON.stringify(first)}:${JSON.stringify((current as Record<string, unknown>)[first])},`,
            ),
          );
      }
      break;
    case 'deep':
      if (at === undefined) return deepText(m.depth);
      set('__fuzz_text__');
      return JSON.stringify(root).replace(MARK, deepText(m.depth));
    case 'extraKey':
      if (typeof current === 'object' && current !== null && !Array.isArray(current))
        (current as Record<string, unknown>)[m.key] = 1;
      break;
    case 'scale':
      if (typeof current === 'number') set(current * m.factor);
      break;
  }
  return JSON.stringify(root, null, 2);
}

/** Whole-text changes every reader should survive: BOM, CRLF, truncation, nothing at all. */
const textChangeArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant((t: string) => t) },
  fc.constant((t: string) => `\uFEFF${t}`),
  fc.constant((t: string) => t.replace(/\n/g, '\r\n')),
  fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (t: string) => t.slice(0, Math.floor(t.length * f))),
  fc.constant(() => ''),
);

/**
 * Mutations of a JSON document: 1–3 structural mutations at random paths (missing fields, wrong
 * types, extreme numbers, odd durations, long and unicode names, deep nesting, `__proto__` keys,
 * duplicate entries and keys), then maybe a whole-text change (BOM, CRLF, truncation).
 */
export function jsonMutantArb(text: string): fc.Arbitrary<string> {
  const doc = JSON.parse(text) as Json;
  const all = paths(doc);
  return fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...all), mutationArb), { minLength: 1, maxLength: 3 }), textChangeArb)
    .map(([steps, change]) => {
      let current = doc;
      let out = text;
      for (const [path, m] of steps) {
        out = applyMutation(current, path, m);
        if (m.op === 'deep') break; // too deep to handle as an object again
        try {
          current = JSON.parse(out) as Json;
        } catch {
          break;
        }
      }
      return change(out);
    });
}

const CELL_VALUES: readonly string[] = [
  '',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '9007199254740993',
  '1e15',
  '0.000001',
  'abc',
  '"quoted,cell"',
  '"unterminated',
  '名前🚀',
  'x'.repeat(5000),
  ' 5 ',
  '1,2',
];

/** Line-level mutations of a CSV or whitespace-separated trace. */
type LineMutation =
  | { readonly op: 'cell'; readonly line: number; readonly cell: number; readonly value: string }
  | { readonly op: 'dropLine'; readonly line: number }
  | { readonly op: 'duplicateLine'; readonly line: number }
  | { readonly op: 'swapLines'; readonly line: number; readonly other: number }
  | { readonly op: 'truncateLine'; readonly line: number; readonly fraction: number }
  | { readonly op: 'extraColumn'; readonly line: number; readonly value: string }
  | { readonly op: 'dropColumn'; readonly line: number };

const index = fc.nat({ max: 1_000_000 });
const lineMutationArb: fc.Arbitrary<LineMutation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('cell' as const),
      line: index,
      cell: index,
      value: fc.oneof(fc.constantFrom(...CELL_VALUES), fc.string({ maxLength: 8 })),
    }),
  },
  fc.record({ op: fc.constant('dropLine' as const), line: index }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: index }),
  fc.record({ op: fc.constant('swapLines' as const), line: index, other: index }),
  fc.record({
    op: fc.constant('truncateLine' as const),
    line: index,
    fraction: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ op: fc.constant('extraColumn' as const), line: index, value: fc.constantFrom(...CELL_VALUES) }),
  fc.record({ op: fc.constant('dropColumn' as const), line: index }),
);

function applyLineMutation(lines: string[], separator: RegExp, joiner: string, m: LineMutation): void {
  if (lines.length === 0) return;
  const i = m.line % lines.length;
  const line = lines[i] as string;
  const cells = line.split(separator);
  switch (m.op) {
    case 'cell':
      cells[m.cell % cells.length] = m.value;
      lines[i] = cells.join(joiner);
      return;
    case 'dropLine':
      lines.splice(i, 1);
      return;
    case 'duplicateLine':
      lines.splice(i, 0, line);
      return;
    case 'swapLines': {
      const j = m.other % lines.length;
      lines[i] = lines[j] as string;
      lines[j] = line;
      return;
    }
    case 'truncateLine':
      lines[i] = line.slice(0, Math.floor(line.length * m.fraction));
      return;
    case 'extraColumn':
      lines[i] = `${line}${joiner}${m.value}`;
      return;
    case 'dropColumn':
      lines[i] = cells.slice(0, -1).join(joiner);
      return;
  }
}

/**
 * Mutations of a trace file: 1–4 line-level changes (bad cells, dropped, duplicated and swapped —
 * so unsorted — rows, truncated rows, extra and missing columns), then maybe a whole-text change.
 */
export function traceMutantArb(text: string, separator: 'comma' | 'whitespace'): fc.Arbitrary<string> {
  const split = separator === 'comma' ? /,/ : /\s+/;
  const joiner = separator === 'comma' ? ',' : ' ';
  return fc.tuple(fc.array(lineMutationArb, { minLength: 1, maxLength: 4 }), textChangeArb).map(([steps, change]) => {
    const lines = text.split('\n');
    for (const m of steps) applyLineMutation(lines, split, joiner, m);
    return change(lines.join('\n'));
  });
}

/** Random text that is JSON or almost JSON. */
export const randomJsonTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v).slice(0, -1)),
);
