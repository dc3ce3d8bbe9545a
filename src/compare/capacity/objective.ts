import type { MetricInfo, ObjectiveClause } from '../comparisonReport.ts';
import { CompareInputError } from '../errors.ts';

const OPERATORS = ['<=', '>=', '<', '>'] as const;
const SECONDS_PER_UNIT: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses a capacity objective such as `p95Wait<60s,availability>=99.9%`: clauses separated by
 * commas, each `<metric><op><value>` with op `<`, `<=`, `>`, `>=`. Values of time metrics take
 * `ms`, `s`, `m`, `h`, `d` (plain numbers are seconds); fraction metrics take `%` (plain numbers
 * are fractions); other metrics take plain numbers. Throws {@link CompareInputError} naming the bad
 * clause and what is accepted.
 *
 * @example
 * ```ts
 * parseObjective('p95Wait<60s,availability>=99.9%', DEFAULT_METRICS.metrics);
 * // [{ metric: 'p95Wait', op: '<', value: 60, text: 'p95Wait<60s' }, { metric: 'availability', op: '>=', value: 0.999, text: 'availability>=99.9%' }]
 * ```
 */
export function parseObjective(objective: string, metrics: readonly MetricInfo[]): ObjectiveClause[] {
  if (objective.trim() === '')
    throw new CompareInputError('the objective is empty; write clauses such as "p95Wait<60s,availability>=99.9%"');
  const byId = new Map(metrics.map((m) => [m.id, m]));
  return objective.split(',').map((raw, i) => {
    const text = raw.trim();
    if (text === '')
      throw new CompareInputError(
        `in objective "${objective}": clause ${i + 1} is empty (clauses are separated by single commas)`,
      );
    return parseClause(text, byId);
  });
}

function parseClause(text: string, byId: ReadonlyMap<string, MetricInfo>): ObjectiveClause {
  const match = /^([A-Za-z][\w.-]*)\s*(<=|>=|<|>|=+|!=)?\s*(.*)$/.exec(text);
  const where = `in "${text}"`;
  if (match === null) throw new CompareInputError(`${where}: a clause is <metric><op><value>, e.g. p95Wait<60s`);
  const [, id = '', op, rest = ''] = match;
  const info = byId.get(id);
  const prefix =
    op === undefined
      ? [...byId.keys()].filter((k) => id.startsWith(k)).sort((a, b) => b.length - a.length || (a < b ? -1 : 1))[0]
      : undefined;
  if (info === undefined && prefix !== undefined)
    throw new CompareInputError(`${where}: expected an operator (<, <=, > or >=) after "${prefix}"`);
  if (info === undefined)
    throw new CompareInputError(`${where}: unknown metric "${id}"; known: ${[...byId.keys()].join(', ')}`);
  if (op === undefined) throw new CompareInputError(`${where}: expected an operator (<, <=, > or >=) after "${id}"`);
  if (!(OPERATORS as readonly string[]).includes(op))
    throw new CompareInputError(`${where}: unknown operator "${op}"; use <, <=, > or >=`);
  return { metric: id, op: op as ObjectiveClause['op'], value: parseValue(rest.trim(), info, where), text };
}

function parseValue(value: string, info: MetricInfo, where: string): number {
  const match = /^(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*([a-z%]*)$/i.exec(value);
  if (match === null)
    throw new CompareInputError(`${where}: "${value}" is not a number with an optional unit (${acceptedUnits(info)})`);
  const [, digits = '', unit = ''] = match;
  const number = Number(digits);
  if (unit === '') return number;
  if (info.unit === 's') {
    const factor = SECONDS_PER_UNIT[unit];
    if (factor === undefined)
      throw new CompareInputError(
        `${where}: ${info.id} is a time; unit "${unit}" is not one of ${acceptedUnits(info)}`,
      );
    return tidy(number * factor);
  }
  if (info.unit === 'fraction') {
    if (unit !== '%')
      throw new CompareInputError(
        `${where}: ${info.id} is a fraction; unit "${unit}" is not one of ${acceptedUnits(info)}`,
      );
    return tidy(number / 100);
  }
  throw new CompareInputError(
    `${where}: ${info.id} is measured in ${info.unit} and takes a plain number, not "${unit}"`,
  );
}

/** Drops binary rounding noise from unit conversion (99.9% is 0.999, not 0.9990000000000001). */
function tidy(value: number): number {
  return Number(value.toPrecision(15));
}

function acceptedUnits(info: MetricInfo): string {
  if (info.unit === 's') return 'ms, s, m, h, d; plain numbers are seconds';
  if (info.unit === 'fraction') return '%; plain numbers are fractions';
  return `a plain number of ${info.unit}`;
}

/**
 * Whether a value meets a clause; a missing value never does.
 *
 * @example
 * ```ts
 * meetsClause({ metric: 'p95Wait', op: '<', value: 60, text: 'p95Wait<60s' }, 41); // true
 * ```
 */
export function meetsClause(clause: ObjectiveClause, value: number | null): boolean {
  if (value === null) return false;
  switch (clause.op) {
    case '<':
      return value < clause.value;
    case '<=':
      return value <= clause.value;
    case '>':
      return value > clause.value;
    case '>=':
      return value >= clause.value;
  }
}
