/**
 * The library's version (kept equal to package.json's by a test).
 *
 * @example
 * ```ts
 * import { VERSION } from 'clustersim';
 * ```
 */
export const VERSION = '0.1.0';
