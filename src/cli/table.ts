/**
 * Formats rows as an aligned plain-text table (numbers right-aligned).
 *
 * @example
 * ```ts
 * formatTable(['name', 'n'], [['a', 1], ['bb', 22]]);
 * // name   n
 * // a      1
 * // bb    22
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((row) => row.map((c) => String(c)))];
  const looksNumeric = (cell: string | number | undefined): boolean =>
    typeof cell === 'number' || cell === '-' || /^-?[\d.]+%?$/.test(String(cell));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((row) => looksNumeric(row[i])));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * Rounds for display: fixed decimals, or "-" for null.
 *
 * @example
 * ```ts
 * fixed(0.12345, 2); // "0.12"
 * ```
 */
export function fixed(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}
