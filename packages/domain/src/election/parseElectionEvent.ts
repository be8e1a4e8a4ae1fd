import { isReviewDate } from '../process/outcome.ts';
import {
  id,
  isRecord,
  oneOf,
  str,
  type Json,
  type MeetingEventBody,
} from '../process/parseFields.ts';
import { MEETING_PHASES, type StepExpects } from '../process/events.ts';
import { FOCUS_MAX, NOMINATION_REASON_MAX, SALT_MAX, SALT_MIN, SEAL_LENGTH } from './target.ts';

/** Parsing of the election events (SPEC MEET-12, ELECT-2 … ELECT-6): types and sizes only. */

const SEAL = /^[0-9a-f]{64}$/;
const SALT = /^[A-Za-z0-9_-]+$/;

function stepExpects(value: unknown): StepExpects | null {
  if (!isRecord(value)) return null;
  const { phase, itemId, stepId } = value;
  if (!oneOf(MEETING_PHASES, phase) || !id(itemId) || !id(stepId)) return null;
  return { phase, itemId, stepId };
}

/**
 * The body of an election event, or null when the type is not one or a
 * field is ill-typed.
 *
 * @example
 * electionPayload('nomination.seal', { expects, seal: 'ab…' }); // { type, expects, seal }
 */
export function electionPayload(type: string, raw: Json): MeetingEventBody | null {
  switch (type) {
    case 'nomination.seal': {
      const expects = stepExpects(raw.expects);
      const { seal } = raw;
      if (!expects || typeof seal !== 'string' || seal.length !== SEAL_LENGTH) return null;
      return SEAL.test(seal) ? { type, expects, seal } : null;
    }
    case 'nomination.reveal': {
      const { expects, sealId, nominee, reason, salt } = raw;
      if (!isRecord(expects) || !id(expects.itemId) || !id(sealId) || !id(nominee)) return null;
      if (!str(reason, NOMINATION_REASON_MAX) || !str(salt, SALT_MAX)) return null;
      if (salt.length < SALT_MIN || !SALT.test(salt)) return null;
      return { type, expects: { itemId: expects.itemId }, sealId, nominee, reason, salt };
    }
    case 'nomination.change': {
      const expects = stepExpects(raw.expects);
      const { nominee, reason } = raw;
      if (!expects || !id(nominee) || !str(reason, NOMINATION_REASON_MAX)) return null;
      return { type, expects, nominee, reason };
    }
    case 'election.propose': {
      const expects = stepExpects(raw.expects);
      const { nominee, focus, termEnd } = raw;
      if (!expects || !id(nominee) || !str(focus, FOCUS_MAX)) return null;
      if (typeof termEnd !== 'string' || !isReviewDate(termEnd)) return null;
      return { type, expects, nominee, focus, termEnd };
    }
    default:
      return null;
  }
}
