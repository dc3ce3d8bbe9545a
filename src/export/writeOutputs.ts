import type { ComparisonReport } from '../compare/comparisonReport.ts';
import { renderHtmlReport } from '../viz/htmlReport.ts';
import { svgToPng } from '../viz/png.ts';
import { comparisonReportCharts } from '../viz/reportCharts.ts';
import { openOutputDir } from './outputDir.ts';
import { capacityCsv, differencesCsv, runsCsv, summaryCsv } from './comparisonCsv.ts';
import { seriesCsv } from './seriesCsv.ts';

/** A file-safe form of a variant name for `series-<variant>.csv`. */
function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'variant';
}

/**
 * The files of a comparison's outputs, relative path → contents, in the order they are listed:
 * `report.json` (the comparison report), `report/index.html`, `runs.csv`, `summary.csv`, `differences.csv`,
 * `capacity.csv`, `series-<variant>.csv` per example run, and `charts/<chart>.png` per chart.
 *
 * @example
 * ```ts
 * Object.keys(comparisonOutputs(report)); // ['report.json', 'report/index.html', 'runs.csv', …]
 * ```
 */
export function comparisonOutputs(report: ComparisonReport): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  files.set('report.json', `${JSON.stringify(report, null, 2)}\n`);
  files.set('report/index.html', renderHtmlReport(report));
  files.set('runs.csv', runsCsv(report));
  files.set('summary.csv', summaryCsv(report));
  files.set('differences.csv', differencesCsv(report));
  files.set('capacity.csv', capacityCsv(report));
  const taken = new Set<string>();
  for (const variant of report.variants) {
    const example = report.examples[variant];
    if (example === undefined) continue;
    let name = `series-${slug(variant)}.csv`;
    for (let k = 2; taken.has(name); k++) name = `series-${slug(variant)}-${k}.csv`;
    taken.add(name);
    files.set(name, seriesCsv(variant, example));
  }
  for (const chart of comparisonReportCharts(report)) files.set(`charts/${chart.id}.png`, svgToPng(chart.svg, 2));
  return files;
}

/**
 * Writes a comparison's outputs into `dir`: the HTML report (`report/index.html`), a PNG per chart
 * (`charts/`), `report.json` and the CSV files, and returns the relative paths written.
 * Everything is rendered first, then written under temporary names and renamed into place only
 * when every file was written, so a failure leaves no half-done output. The folder's manifest
 * (`.clustersim-outputs.json`) lists them; files an earlier write listed and this one does not
 * write (e.g. the charts of a variant no longer compared) are removed. A folder holding other
 * files and no manifest is refused with an `OutputDirError`, unless `force` (then nothing is removed).
 *
 * @example
 * ```ts
 * writeComparisonOutputs('out/demo', report); // ['report.json', 'report/index.html', 'runs.csv', …]
 * ```
 */
export function writeComparisonOutputs(
  dir: string,
  report: ComparisonReport,
  options: { readonly force?: boolean } = {},
): string[] {
  const files = comparisonOutputs(report);
  const out = openOutputDir(dir, options);
  try {
    // The atomic file writes through fs.writeSync, which takes bytes as well as text.
    for (const [path, contents] of files) out.file(path).write(contents as string);
  } catch (error) {
    out.discard();
    throw error;
  }
  out.commit();
  return [...files.keys()];
}
