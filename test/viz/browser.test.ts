import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/viz/index.ts';
import { HOSTILE, exampleComparison, exampleRuns } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
// Without Chromium a developer's machine skips this test; CI must have it (.ci/run installs it).
const skip = !present && process.env['CI'] === undefined;
if (skip)
  console.warn(
    `test/viz/browser.test.ts skipped: no Chromium at ${CHROMIUM} (install the chromium package; under CI this test fails instead)`,
  );

/** What the page says of each chart, measured in the browser. */
interface ChartFacts {
  readonly id: string;
  readonly svgs: number;
  readonly width: number;
  readonly height: number;
  readonly shapes: number;
  readonly emptyShapes: number;
  readonly noData: number;
}

const MEASURE = `[...document.querySelectorAll('figure.chart')].map((figure) => {
  const svg = figure.querySelector('svg');
  const box = svg === null ? { width: 0, height: 0 } : svg.getBoundingClientRect();
  const shapes = [...figure.querySelectorAll('path.series, path.interval, path.whisker, rect.bar, rect.estimate')];
  const empty = shapes.filter((s) => s.tagName === 'path' ? (s.getAttribute('d') ?? '').trim() === '' || s.getTotalLength() === 0 : s.getBBox().height === 0);
  return { id: figure.id, svgs: figure.querySelectorAll('svg').length, width: box.width, height: box.height, shapes: shapes.length, emptyShapes: empty.length, noData: figure.querySelectorAll('.no-data').length };
})`;

describe.skipIf(skip)('the HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  let dir = '';
  const consoleErrors: string[] = [];
  const dialogs: string[] = [];
  let charts: ChartFacts[] = [];
  let hostileCells: { count: number; visible: boolean; text: string } = { count: 0, visible: false, text: '' };
  let scripts = -1;

  beforeAll(async () => {
    expect(present, `Chromium is required under CI at ${CHROMIUM} (.ci/run installs it)`).toBe(true);
    const runs = exampleRuns();
    dir = mkdtempSync(join(tmpdir(), 'clustersim-html-'));
    const file = join(dir, 'index.html');
    writeFileSync(file, renderHtmlReport(exampleComparison(runs)));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    charts = (await page.evaluate(MEASURE)) as ChartFacts[];
    scripts = (await page.evaluate('document.querySelectorAll("script").length')) as number;
    hostileCells = (await page.evaluate(`(() => {
      const cells = [...document.querySelectorAll('td')].filter((td) => td.textContent === ${JSON.stringify(HOSTILE)});
      const first = cells[0];
      const box = first === undefined ? null : first.getBoundingClientRect();
      const visible = first !== undefined && box.width > 0 && box.height > 0 && getComputedStyle(first).visibility === 'visible';
      return { count: cells.length, visible, text: first === undefined ? '' : first.textContent };
    })()`)) as typeof hostileCells;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('renders every chart with data: one visible SVG each, with non-empty series shapes', () => {
    expect(charts.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'chart-comparison',
        'chart-differences',
        'chart-capacity-p95Wait',
        'chart-waits',
        'chart-static-utilization',
        'chart-static-partitions',
        'chart-shared-availability',
      ]),
    );
    for (const chart of charts) {
      expect(chart.svgs, chart.id).toBe(1);
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(100);
      expect(chart.shapes, chart.id).toBeGreaterThan(0);
      expect(chart.emptyShapes, chart.id).toBe(0);
      expect(chart.noData, chart.id).toBe(0);
    }
  });

  it('logs no console error', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('shows a framework named <script>alert(1)</script> as text: no script element, no dialog, the name visible', () => {
    expect(scripts).toBe(0);
    expect(dialogs).toEqual([]);
    // Per-framework tables of both example runs.
    expect(hostileCells.count).toBe(2);
    expect(hostileCells.visible).toBe(true);
    expect(hostileCells.text).toBe(HOSTILE);
  });
});
