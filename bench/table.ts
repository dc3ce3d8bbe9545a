/**
 * Plain-text tables for bench output: a header row, a rule, and the rows; text columns are
 * left-aligned and columns of figures right-aligned.
 * @module
 */

/** A figure such as '1,234.5', '98%', '2.1×' or a range '191.7–205.9'. */
const NUMERIC = /^[\d,.]+(?:–[\d,.]+)?[%×]?$/;
/** Placeholders that do not decide a column's alignment. */
const PLACEHOLDERS = new Set(['', '–']);

/**
 * Formats `rows` under `headers` as an aligned plain-text table (no trailing newline).
 *
 * @example
 * ```ts
 * console.log(formatTable(['impl', 'ns/hold'], [['kernel', '82.0'], ['heap-js', '162.9']]));
 * // impl     ns/hold
 * // -------  -------
 * // kernel      82.0
 * // heap-js    162.9
 * ```
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = headers.map((_, c) => {
    const cells = rows.map((r) => r[c] ?? '').filter((cell) => !PLACEHOLDERS.has(cell));
    return cells.length > 0 && cells.every((cell) => NUMERIC.test(cell));
  });
  const line = (cells: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = cells[c] ?? '';
        return numeric[c] === true ? cell.padStart(w) : cell.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Formats a number with thousands separators and a fixed number of decimals.
 *
 * @example
 * ```ts
 * formatNumber(12345.678, 1); // '12,345.7'
 * ```
 */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
