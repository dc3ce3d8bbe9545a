import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComparisonReport } from '../../src/compare/comparisonReport.ts';
import { writeComparisonOutputs } from '../../src/viz/index.ts';
import { exampleComparison, exampleRuns } from '../viz/fixtures.ts';

const comparison = exampleComparison(exampleRuns());
const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'clustersim-out-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every file under dir, relative, sorted. */
function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path, root) : [relative(root, path)];
    })
    .sort();
}

describe('writeComparisonOutputs', () => {
  it('writes the HTML report, a PNG per chart, report.json and the CSV files, and returns their paths', () => {
    const dir = freshDir();
    const written = writeComparisonOutputs(join(dir, 'out'), comparison);
    expect(written.slice(0, 8)).toEqual([
      'report.json',
      'report/index.html',
      'runs.csv',
      'summary.csv',
      'differences.csv',
      'capacity.csv',
      'series-static.csv',
      'series-shared.csv',
    ]);
    expect(written).toContain('charts/comparison.png');
    expect(written).toContain('charts/capacity-p95Wait.png');
    // Exactly the files returned and the manifest listing them, and no temporary file left behind.
    expect(filesUnder(join(dir, 'out'))).toEqual(['.clustersim-outputs.json', ...written].sort());
    const png = readFileSync(join(dir, 'out', 'charts', 'comparison.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(comparison)),
    );
    expect(readFileSync(join(dir, 'out', 'report', 'index.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(readFileSync(join(dir, 'out', 'runs.csv'), 'utf8').split('\n')[0]).toBe(
      'variant,seed,machines,metric,value',
    );
  });

  it('writes nothing when the report cannot be rendered', () => {
    const dir = freshDir();
    const broken = {
      ...comparison,
      get findings(): string[] {
        throw new Error('no findings');
      },
    } as ComparisonReport;
    expect(() => writeComparisonOutputs(join(dir, 'out'), broken)).toThrow('no findings');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
