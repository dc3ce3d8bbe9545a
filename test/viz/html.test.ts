import { describe, expect, it } from 'vitest';
import { capacitySummary, escapeXml, renderHtmlReport, renderRunHtml } from '../../src/viz/index.ts';
import { HOSTILE, exampleComparison, exampleRuns } from './fixtures.ts';

const runs = exampleRuns();
const comparison = exampleComparison(runs);

describe('escapeXml', () => {
  it('escapes the five XML special characters and nothing else', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeXml('plain text – ümlaut')).toBe('plain text – ümlaut');
    // Escaping is applied once: an entity in a name is shown as typed.
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });
});

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(comparison);

  it('is one self-contained page: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/|file:)/i);
    expect(html).not.toMatch(/<link /i);
    expect(html).toContain('<style>');
  });

  it('shows names from the report as text: the hostile framework name only ever appears escaped', () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(escapeXml(HOSTILE));
    expect(html).not.toContain('<i>friends</i>');
    expect(html).toContain('rack-failure &amp; &lt;i&gt;friends&lt;/i&gt;');
  });

  it('holds the summary, the capacity sentence, every chart and the key tables', () => {
    for (const finding of comparison.findings) expect(html).toContain(escapeXml(finding));
    expect(html).toContain('static needs 12 machines, shared needs 7: shared saves 5 (42%)');
    const charts = [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(
      expect.arrayContaining([
        'comparison',
        'differences',
        'capacity-p95Wait',
        'capacity-availability',
        'waits',
        'static-utilization',
        'static-partitions',
        'static-shares',
        'static-availability',
        'shared-utilization',
        'shared-availability',
      ]),
    );
    // The shared variant is not partitioned: no partition chart for it.
    expect(charts).not.toContain('shared-partitions');
    expect([...html.matchAll(/<svg /g)].length).toBe(charts.length);
    // Summary table: a row per metric with a cell per variant (mean ± half-width [low, high]).
    expect(html).toContain('<td class="num">40.30% ± 0.200% [40.10, 40.50]</td>');
    expect(html).toContain('<td>p95 task wait</td><td class="num">−40.00 s</td><td class="num">[−43.00, −37.00]</td>');
    // Capacity table: the answer, the scenario's size, the search limit and each size tried.
    expect(html).toContain(
      '<tr><td>static</td><td class="num">12</td><td class="num">9</td><td class="num">36</td><td>9✗ 12✓ 18✓</td></tr>',
    );
    // Per-framework tables of both example runs.
    expect([...html.matchAll(/<th>framework<\/th>/g)].length).toBe(2);
  });

  it('is deterministic', () => {
    expect(renderHtmlReport(comparison)).toBe(html);
  });
});

describe('capacitySummary', () => {
  it('says what each variant needs and what it saves against the baseline', () => {
    expect(capacitySummary(comparison)).toBe('static needs 12 machines, shared needs 7: shared saves 5 (42%)');
    expect(capacitySummary({ ...comparison, capacity: null })).toBeNull();
  });

  it('says so when no size up to the search limit meets the objective', () => {
    const capacity = comparison.capacity;
    if (capacity === null) throw new Error('fixture has a capacity search');
    const none = {
      ...comparison,
      capacity: {
        ...capacity,
        variants: {
          ...capacity.variants,
          static: {
            ...(capacity.variants['static'] as NonNullable<(typeof capacity.variants)['static']>),
            machines: null,
          },
        },
      },
    };
    expect(capacitySummary(none)).toBe(
      'static does not meet p95Wait<60s,availability>=99.9% with up to 36 machines, shared needs 7 machines',
    );
  });
});

describe('renderRunHtml', () => {
  it('renders a single run with its charts and tables, names escaped', () => {
    const html = renderRunHtml(runs[0]?.report ?? (undefined as never));
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(escapeXml(HOSTILE));
    expect([...html.matchAll(/<figure class="chart"/g)].length).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<th>framework</th>');
  });
});
