import { ApiError } from '../api/http.ts';
import type { MessageKey } from '../i18n/en.ts';

/** The server's refusals a member can act on (server SPEC TIMESRV-5, TIMESRV-7). */
const REFUSALS: Readonly<Record<string, MessageKey>> = {
  'not-circle-member': 'timeBank.error.notCircleMember',
  'not-anchor': 'timeBank.error.notAnchor',
  'unknown-circle': 'timeBank.error.unknownCircle',
  'not-pending': 'timeBank.error.notPending',
  'no-subject': 'timeBank.error.noSubject',
  'wrong-circle': 'timeBank.error.wrongCircle',
};

/**
 * The message for a failed time event: what the server refused and why, or
 * the connection's failure.
 *
 * @example
 * setError(t(timeErrorKey(error)));
 */
export function timeErrorKey(error: unknown): MessageKey {
  return (error instanceof ApiError && REFUSALS[error.code]) || 'timeBank.error.send';
}
