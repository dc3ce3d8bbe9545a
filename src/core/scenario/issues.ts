import { findNodeAtLocation, type Node } from 'jsonc-parser';

/**
 * A problem in a scenario, located by JSON path (and by line when the source text is known).
 *
 * @example
 * ```ts
 * const issue: LocatedIssue = { path: ['frameworks', 0, 'id'], message: 'duplicate id', line: 7, column: 5 };
 * formatIssue(issue, 'demo.json'); // "demo.json:7:5: $.frameworks[0].id: duplicate id"
 * ```
 */
export interface LocatedIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** 1-based line and column in the source file, when known. */
  readonly line?: number;
  readonly column?: number;
}

/**
 * Thrown for a scenario that cannot run: bad JSON, a wrong field, an unknown plugin name, a task
 * larger than any machine. Carries every problem found, each with its JSON path.
 *
 * @example
 * ```ts
 * try { runSimulation(scenario); } catch (e) {
 *   if (e instanceof ScenarioError) console.error(e.message); // one line per problem
 * }
 * ```
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly issues: readonly LocatedIssue[];
  readonly source: string | undefined;

  constructor(issues: readonly LocatedIssue[], source?: string) {
    super(issues.map((issue) => formatIssue(issue, source)).join('\n'));
    this.issues = issues;
    this.source = source;
  }
}

/**
 * Formats a JSON path the way error messages show it: `$.frameworks[0].options`.
 *
 * @example
 * ```ts
 * formatJsonPath(['frameworks', 0, 'id']); // "$.frameworks[0].id"
 * ```
 */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) out += `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/**
 * One line: `file:line:col: $.path: message` (parts omitted when unknown).
 *
 * @example
 * ```ts
 * formatIssue({ path: ['seed'], message: 'expected a number', line: 3, column: 11 }, 'demo.json');
 * // "demo.json:3:11: $.seed: expected a number"
 * ```
 */
export function formatIssue(issue: LocatedIssue, source?: string): string {
  const where = [source, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  const prefix = where === '' ? '' : `${where}: `;
  return `${prefix}${formatJsonPath(issue.path)}: ${issue.message}`;
}

/**
 * Adds line and column to issues by finding each path (or its nearest existing parent) in the
 * parsed JSON tree of the source text.
 *
 * @example
 * ```ts
 * locateIssues(issues, parseTree(text), text);
 * ```
 */
export function locateIssues(issues: readonly LocatedIssue[], tree: Node | undefined, text: string): LocatedIssue[] {
  if (tree === undefined) return [...issues];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return issues.map((issue) => {
    const node = nearestNode(tree, issue.path);
    if (node === undefined) return issue;
    // A property's value node: point at its key, where a reader looks first.
    const offset = node.parent?.type === 'property' ? node.parent.offset : node.offset;
    const { line, column } = lineAndColumn(lineStarts, offset);
    return { ...issue, line, column };
  });
}

function nearestNode(tree: Node, path: readonly (string | number)[]): Node | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = findNodeAtLocation(tree, [...path.slice(0, length)]);
    if (node !== undefined) return node;
  }
  return undefined;
}

/**
 * 1-based line and column of a character offset.
 *
 * @example
 * ```ts
 * lineAndColumn([0, 4], 5); // { line: 2, column: 2 }
 * ```
 */
export function lineAndColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
}
