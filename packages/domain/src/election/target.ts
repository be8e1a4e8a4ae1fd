import { isReviewDate } from '../process/outcome.ts';
import { id, isRecord } from '../process/parseFields.ts';

/**
 * What an election item elects (SPEC ELECT-1): an elected role of a circle
 * in the governance records, and the last day of the term (`YYYY-MM-DD`).
 */
export interface ElectionTarget {
  readonly circleId: string;
  readonly roleId: string;
  readonly termEnd: string;
}

/** Text limits (characters) of an election's events. */
export const NOMINATION_REASON_MAX = 1000;
export const FOCUS_MAX = 200;
/** A seal is a SHA-256 in lower-case hex; a salt 16 to 64 characters of base64url. */
export const SEAL_LENGTH = 64;
export const SALT_MIN = 16;
export const SALT_MAX = 64;

/**
 * An election target read from any value: two ids and a real calendar
 * date, or null.
 *
 * @example
 * parseElectionTarget({ circleId: 'c1', roleId: 'r1', termEnd: '2031-06-30' }); // the target
 * parseElectionTarget({ circleId: 'c1', roleId: 'r1', termEnd: '2031-02-30' }); // null
 */
export function parseElectionTarget(value: unknown): ElectionTarget | null {
  if (!isRecord(value)) return null;
  const { circleId, roleId, termEnd } = value;
  if (!id(circleId) || !id(roleId) || typeof termEnd !== 'string' || !isReviewDate(termEnd)) {
    return null;
  }
  return { circleId, roleId, termEnd };
}

/**
 * The UTC calendar day of an epoch-ms instant, `YYYY-MM-DD`.
 *
 * @example
 * dayOf(Date.UTC(2030, 0, 2, 12)); // '2030-01-02'
 */
export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
