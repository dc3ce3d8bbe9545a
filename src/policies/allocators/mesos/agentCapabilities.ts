/**
 * Agent capabilities as Mesos's allocator reads them (`SlaveInfo.Capability`): an agent without
 * `MULTI_ROLE` is never offered to a framework with the `MULTI_ROLE` capability, and an agent
 * without `HIERARCHICAL_ROLE` never to a nested role (`eng/ads`) — Mesos's `isFiltered`. An agent
 * added without a list has every capability (as Mesos's test helper `AGENT_CAPABILITIES()` gives).
 * @module
 */

/**
 * The agent capabilities the allocator reads; others are accepted and ignored.
 *
 * @example
 * ```ts
 * const multiRoleOnly: readonly string[] = ['MULTI_ROLE'];
 * allocator.addAgent('agent1', { resources: { cpus: 1 }, capabilities: multiRoleOnly });
 * ```
 */
export const AGENT_CAPABILITIES: readonly string[] = Object.freeze(['MULTI_ROLE', 'HIERARCHICAL_ROLE']);

/**
 * What an agent lacks of the capabilities the allocator reads, or undefined when it lacks
 * nothing (kept only for the agents that lack something).
 *
 * @example
 * ```ts
 * const lacking: MissingAgentCapabilities = { multiRole: true, hierarchicalRole: false };
 * ```
 */
export interface MissingAgentCapabilities {
  readonly multiRole: boolean;
  readonly hierarchicalRole: boolean;
}

/**
 * Reads an agent's capability list; undefined (every capability) when none is given or it has all
 * the ones the allocator reads. Throws a RangeError naming `where` for an entry that is not a string.
 *
 * @example
 * ```ts
 * missingAgentCapabilities([], 'addAgent'); // { multiRole: true, hierarchicalRole: true }
 * missingAgentCapabilities(undefined, 'addAgent'); // undefined
 * ```
 */
export function missingAgentCapabilities(
  capabilities: readonly string[] | undefined,
  where: string,
): MissingAgentCapabilities | undefined {
  if (capabilities === undefined) return undefined;
  if (!Array.isArray(capabilities) || capabilities.some((c) => typeof c !== 'string'))
    throw new RangeError(`${where}: capabilities must be a list of names such as "MULTI_ROLE"`);
  const multiRole = !capabilities.includes('MULTI_ROLE');
  const hierarchicalRole = !capabilities.includes('HIERARCHICAL_ROLE');
  return multiRole || hierarchicalRole ? { multiRole, hierarchicalRole } : undefined;
}

/**
 * True when an agent lacking these capabilities may not be offered to this framework in this role.
 *
 * @example
 * ```ts
 * filteredByCapabilities({ multiRole: true, hierarchicalRole: false }, true, 'role1'); // true
 * filteredByCapabilities({ multiRole: false, hierarchicalRole: true }, false, 'eng/ads'); // true
 * ```
 */
export function filteredByCapabilities(
  missing: MissingAgentCapabilities,
  frameworkMultiRole: boolean,
  role: string,
): boolean {
  return (missing.multiRole && frameworkMultiRole) || (missing.hierarchicalRole && role.includes('/'));
}
