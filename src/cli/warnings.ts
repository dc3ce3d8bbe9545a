import { parseTree } from 'jsonc-parser';
import { formatIssue, locateIssues } from '../core/scenario/issues.ts';
import type { ResolvedVariant } from '../core/scenario/variants.ts';

/**
 * The warnings of a scenario file's setups, each once, as `file:line:col: $.path: message` lines.
 *
 * @example
 * ```ts
 * scenarioWarnings(resolveVariants(JSON.parse(text), registry), text, 'a.json');
 * // ['a.json:7:45: $.topology.machines[0].resources.cpu: did you mean "cpus"? …']
 * ```
 */
export function scenarioWarnings(variants: readonly ResolvedVariant[], text: string, file: string): string[] {
  const warnings = variants.flatMap((v) => v.scenario.warnings);
  if (warnings.length === 0) return [];
  return [...new Set(locateIssues(warnings, parseTree(text), text).map((w) => formatIssue(w, file)))];
}

/**
 * Prints warnings to stderr, one line each, after `clustersim: warning: `.
 *
 * @example
 * ```ts
 * printWarnings(scenarioWarnings(variants, text, file));
 * ```
 */
export function printWarnings(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`clustersim: warning: ${line}\n`);
}
