/**
 * The deepest nesting of arrays and objects a scenario file may have. Real scenarios nest fewer
 * than 15 levels; parsers and validators recurse, so text nested thousands deep would overflow
 * the stack instead of getting a clear error.
 *
 * @example
 * ```ts
 * MAX_JSON_DEPTH; // 256
 * ```
 */
export const MAX_JSON_DEPTH = 256;

/**
 * The offset of the first bracket that nests deeper than `limit` levels in JSON text (strings
 * skipped), or undefined when it nests no deeper.
 *
 * @example
 * ```ts
 * tooDeepAt('[[1]]', 1); // 1
 * tooDeepAt('{"a": [1]}'); // undefined
 * ```
 */
export function tooDeepAt(text: string, limit: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > limit) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
