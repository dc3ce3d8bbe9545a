/**
 * Charts and reports: SVG charts built with d3 from plain data, PNG rendering with a shipped font,
 * the self-contained HTML report, and the files a comparison writes (HTML, PNG, JSON, CSV).
 *
 * @example
 * ```ts
 * import { renderHtmlReport, svgToPng, utilizationChart, writeComparisonOutputs } from './viz/index.ts';
 * writeComparisonOutputs('out/demo', report); // ['report.json', 'report/index.html', …]
 * ```
 * @module clustersim/viz
 */
export { escapeXml } from './escape.ts';
export { FONT_FAMILY, PALETTE, colours, formatNumber, formatShort, unitDisplay, type LegendEntry } from './chartKit.ts';
export {
  utilizationChart,
  partitionUtilizationChart,
  type UtilizationChartData,
  type PartitionChartData,
} from './utilizationCharts.ts';
export { dominantShareChart, type DominantShareChartData } from './fairnessChart.ts';
export { waitCdfChart, type WaitCdfChartData, type WaitCdfSeries } from './waitCdfChart.ts';
export { availabilityChart, type AvailabilityChartData } from './availabilityChart.ts';
export {
  comparisonBarsChart,
  differenceChart,
  type ComparisonBarsData,
  type DifferenceRow,
} from './comparisonCharts.ts';
export { capacityChart, type CapacityChartData, type CapacityPoint } from './capacityChart.ts';
export { svgToPng, DEJAVU_SANS } from './png.ts';
export { runCharts, comparisonReportCharts, differenceRows, type NamedChart } from './reportCharts.ts';
export { renderHtmlReport, renderRunHtml, capacitySummary } from './htmlReport.ts';
export {
  htmlTable,
  summaryTable,
  differencesTable,
  capacityTable,
  frameworkTable,
  serviceTable,
} from './htmlTables.ts';
export { toCsv, runsCsv, summaryCsv, differencesCsv, capacityCsv } from '../export/comparisonCsv.ts';
export { seriesCsv } from '../export/seriesCsv.ts';
export { writeComparisonOutputs, comparisonOutputs } from '../export/writeOutputs.ts';
export { OutputDirError, OUTPUTS_MANIFEST } from '../export/outputDir.ts';
export type { Cell } from '../export/comparisonCsv.ts';
