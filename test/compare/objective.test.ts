import { describe, expect, it } from 'vitest';
import { meetsClause, parseObjective } from '../../src/compare/capacity/objective.ts';
import { CompareInputError } from '../../src/compare/errors.ts';
import { DEFAULT_METRICS, metricInfo, metricsFor } from '../../src/compare/metrics.ts';

const known = metricsFor(DEFAULT_METRICS, ['web']).map(metricInfo);
const error = (objective: string): string => {
  try {
    parseObjective(objective, known);
  } catch (e) {
    expect(e).toBeInstanceOf(CompareInputError);
    return (e as Error).message;
  }
  throw new Error(`"${objective}" parsed`);
};

describe('parseObjective', () => {
  it('parses clauses with time units, percentages and plain numbers', () => {
    expect(parseObjective('p95Wait<60s,availability>=99.9%', known)).toEqual([
      { metric: 'p95Wait', op: '<', value: 60, text: 'p95Wait<60s' },
      { metric: 'availability', op: '>=', value: 0.999, text: 'availability>=99.9%' },
    ]);
    const clauses = parseObjective(
      ' maxWait <= 2m , meanWait<250ms,p95Wait.web<1.5h,abandonedTasks<=0, cpuAllocated>0.5,p95Wait<30',
      known,
    );
    expect(clauses.map((c) => [c.metric, c.op, c.value])).toEqual([
      ['maxWait', '<=', 120],
      ['meanWait', '<', 0.25],
      ['p95Wait.web', '<', 5400],
      ['abandonedTasks', '<=', 0],
      ['cpuAllocated', '>', 0.5],
      ['p95Wait', '<', 30],
    ]);
  });

  it('names an unknown metric and lists the known ones', () => {
    const message = error('p95Wait<60s,p95Wat<60s');
    expect(message).toMatch(
      /^in "p95Wat<60s": unknown metric "p95Wat"; known: cpuAllocated, memAllocated, cpuUsed, p95Wait, /,
    );
    expect(message).toContain('p95Wait.web');
  });

  it('names the clause and says what is wrong with it', () => {
    expect(error('p95Wait60s')).toBe('in "p95Wait60s": expected an operator (<, <=, > or >=) after "p95Wait"');
    expect(error('p95Wait')).toBe('in "p95Wait": expected an operator (<, <=, > or >=) after "p95Wait"');
    expect(error('p95Wait=60s')).toBe('in "p95Wait=60s": unknown operator "="; use <, <=, > or >=');
    expect(error('p95Wait<soon')).toBe(
      'in "p95Wait<soon": "soon" is not a number with an optional unit (ms, s, m, h, d; plain numbers are seconds)',
    );
    expect(error('p95Wait<60%')).toBe(
      'in "p95Wait<60%": p95Wait is a time; unit "%" is not one of ms, s, m, h, d; plain numbers are seconds',
    );
    expect(error('availability>=5s')).toBe(
      'in "availability>=5s": availability is a fraction; unit "s" is not one of %; plain numbers are fractions',
    );
    expect(error('abandonedTasks<5s')).toBe(
      'in "abandonedTasks<5s": abandonedTasks is measured in tasks and takes a plain number, not "s"',
    );
    expect(error('<60s')).toBe('in "<60s": a clause is <metric><op><value>, e.g. p95Wait<60s');
    expect(error('p95Wait<60s,,maxWait<1s')).toBe(
      'in objective "p95Wait<60s,,maxWait<1s": clause 2 is empty (clauses are separated by single commas)',
    );
    expect(error('  ')).toMatch(/^the objective is empty/);
  });

  it('a clause holds on a value by its operator; a missing value never meets', () => {
    const [lt, le, gt, ge] = parseObjective('p95Wait<10,p95Wait<=10,cpuAllocated>0.5,cpuAllocated>=0.5', known) as [
      never,
      never,
      never,
      never,
    ];
    expect([meetsClause(lt, 9.99), meetsClause(lt, 10)]).toEqual([true, false]);
    expect([meetsClause(le, 10), meetsClause(le, 10.01)]).toEqual([true, false]);
    expect([meetsClause(gt, 0.5), meetsClause(gt, 0.51)]).toEqual([false, true]);
    expect([meetsClause(ge, 0.5), meetsClause(ge, 0.49)]).toEqual([true, false]);
    expect(meetsClause(lt, null)).toBe(false);
  });
});
