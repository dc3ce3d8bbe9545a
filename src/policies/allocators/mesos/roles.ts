/**
 * Role paths: `*` or "/"-separated names (`eng/ads`). A role may use reservations of itself and of
 * its ancestors; quota is set on top-level roles and counts their whole subtree.
 * @module
 */

/**
 * The role and its ancestors, nearest first: `eng/ads/web` → `['eng/ads/web', 'eng/ads', 'eng']`.
 *
 * @example
 * ```ts
 * selfAndAncestors('eng/ads'); // ['eng/ads', 'eng']
 * ```
 */
export function selfAndAncestors(role: string): string[] {
  const out = [role];
  for (let i = role.lastIndexOf('/'); i > 0; i = role.lastIndexOf('/', i - 1)) out.push(role.slice(0, i));
  return out;
}

/**
 * The top-level role of a path: `eng/ads` → `eng`.
 *
 * @example
 * ```ts
 * topLevelRole('eng/ads'); // 'eng'
 * ```
 */
export function topLevelRole(role: string): string {
  const slash = role.indexOf('/');
  return slash < 0 ? role : role.slice(0, slash);
}
