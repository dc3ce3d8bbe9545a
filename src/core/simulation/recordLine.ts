import type { SimRecord } from './records.ts';

/**
 * One event-log line for a record: exactly `JSON.stringify(record)`, the log's format. The two
 * records of the offer flood (nearly every record of a large run) are written out by hand,
 * which is cheaper than `JSON.stringify`; every other record, and any value these two writers
 * do not expect, goes to `JSON.stringify` itself.
 *
 * The hand-written lines list the keys in the order {@link SimRecord} declares them, which is
 * the order the master builds these records in: `JSON.stringify` follows insertion order, so
 * the two agree as long as the master keeps building them so (the golden hashes would show
 * otherwise).
 * @module
 */

/**
 * The JSON text of a record, the same string `JSON.stringify(record)` gives.
 *
 * @example
 * ```ts
 * recordLine({ t: 5, kind: 'offer-declined', offerId: 'o1', frameworkId: 'batch', refuseSeconds: 5 });
 * // '{"t":5,"kind":"offer-declined","offerId":"o1","frameworkId":"batch","refuseSeconds":5}'
 * ```
 */
export function recordLine(record: SimRecord): string {
  if (record.kind === 'offer-made') {
    const { t, offerId, frameworkId, role, agentId, resources } = record;
    if (
      hasExactly(record, OFFER_MADE_KEYS) &&
      typeof t === 'number' &&
      typeof offerId === 'string' &&
      typeof frameworkId === 'string' &&
      typeof role === 'string' &&
      typeof agentId === 'string'
    ) {
      const resourcesText = vectorText(resources);
      if (resourcesText !== undefined)
        return `{"t":${numberText(t)},"kind":"offer-made","offerId":${stringText(offerId)},"frameworkId":${stringText(frameworkId)},"role":${stringText(role)},"agentId":${stringText(agentId)},"resources":${resourcesText}}`;
    }
  } else if (record.kind === 'offer-declined') {
    const { t, offerId, frameworkId, refuseSeconds } = record;
    if (
      hasExactly(record, OFFER_DECLINED_KEYS) &&
      typeof t === 'number' &&
      typeof offerId === 'string' &&
      typeof frameworkId === 'string' &&
      typeof refuseSeconds === 'number'
    )
      return `{"t":${numberText(t)},"kind":"offer-declined","offerId":${stringText(offerId)},"frameworkId":${stringText(frameworkId)},"refuseSeconds":${numberText(refuseSeconds)}}`;
  }
  return JSON.stringify(record);
}

const OFFER_MADE_KEYS = ['t', 'kind', 'offerId', 'frameworkId', 'role', 'agentId', 'resources'] as const;
const OFFER_DECLINED_KEYS = ['t', 'kind', 'offerId', 'frameworkId', 'refuseSeconds'] as const;

/**
 * Whether the record's enumerable keys are these, in this order, and no others: the lines written
 * by hand then hold every key `JSON.stringify` would write, where it would write it (a revocable
 * offer, or a record built in another order, goes to `JSON.stringify`).
 */
function hasExactly(record: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in record) if (key !== keys[i++]) return false;
  return i === keys.length;
}

function stringText(value: string): string {
  return needsEscape(value) ? JSON.stringify(value) : `"${value}"`;
}

/** Whether `JSON.stringify` escapes something in it: a quote, backslash, control character or surrogate half. */
function needsEscape(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
}

/** `JSON.stringify` of a number: its shortest round-trip text (`-0` as `0`), `null` when not finite. */
function numberText(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

/** A resource vector (a plain object of numbers), or undefined when it is anything else. */
function vectorText(vector: unknown): string | undefined {
  if (typeof vector !== 'object' || vector === null) return undefined;
  const prototype = Object.getPrototypeOf(vector) as unknown;
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in vector) return undefined;
  let text = '{';
  let separator = '';
  for (const name in vector) {
    const amount = (vector as Record<string, unknown>)[name];
    if (typeof amount !== 'number' || !Object.hasOwn(vector, name)) return undefined;
    text += `${separator}${stringText(name)}:${numberText(amount)}`;
    separator = ',';
  }
  return `${text}}`;
}
