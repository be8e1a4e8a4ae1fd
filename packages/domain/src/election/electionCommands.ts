import { newId } from '../ids.ts';
import { stepExpects } from '../process/commands.ts';
import type { MeetingState } from '../process/state.ts';
import type {
  ElectionProposeEvent,
  NominationChangeEvent,
  NominationRevealEvent,
  NominationSealEvent,
} from './electionEvents.ts';
import { nominationSeal } from './seal.ts';

/**
 * Command constructors of an election (SPEC ELECT-3 … ELECT-6), like the
 * meeting's: each builds one event against the caller's folded state; the
 * fold decides whether it applies.
 */

/** What a person nominates: whom and why. */
export interface NominationInput {
  readonly nominee: string;
  readonly reason: string;
}

/**
 * A sealed nomination and what its author must keep to open it later: the
 * event holds only the seal; `secret` (nominee, reason, salt) stays on the
 * device until the reveal.
 *
 * @example
 * const { event, secret } = sealNomination(state, me, serverNow(), { nominee, reason }, newSalt());
 * keepSecret(event.id, secret); appendEvent(doc, event);
 */
export function sealNomination(
  state: MeetingState,
  by: string,
  at: number,
  input: NominationInput,
  salt: string,
): { event: NominationSealEvent; secret: NominationInput & { salt: string } } {
  const itemId = state.currentItemId ?? '';
  const reason = input.reason.trim();
  const seal = nominationSeal({ by, itemId, nominee: input.nominee, reason, salt });
  return {
    event: {
      id: newId(),
      type: 'nomination.seal',
      by,
      at,
      expects: stepExpects(state),
      seal,
    },
    secret: { nominee: input.nominee, reason, salt },
  };
}

/**
 * Opens a sealed nomination once revealed.
 *
 * @example
 * appendEvent(doc, revealNomination(itemId, me, serverNow(), sealId, secret));
 */
export function revealNomination(
  itemId: string,
  by: string,
  at: number,
  sealId: string,
  secret: NominationInput & { salt: string },
): NominationRevealEvent {
  return {
    id: newId(),
    type: 'nomination.reveal',
    by,
    at,
    expects: { itemId },
    sealId,
    nominee: secret.nominee,
    reason: secret.reason,
    salt: secret.salt,
  };
}

/** A nomination changed openly, in the change round. */
export function changeNomination(
  state: MeetingState,
  by: string,
  at: number,
  input: NominationInput,
): NominationChangeEvent {
  return {
    id: newId(),
    type: 'nomination.change',
    by,
    at,
    expects: stepExpects(state),
    nominee: input.nominee,
    reason: input.reason.trim(),
  };
}

/** The facilitator proposes someone for the role, with a focus and a term end. */
export function proposeCandidate(
  state: MeetingState,
  by: string,
  at: number,
  input: { nominee: string; focus: string; termEnd: string },
): ElectionProposeEvent {
  return {
    id: newId(),
    type: 'election.propose',
    by,
    at,
    expects: stepExpects(state),
    nominee: input.nominee,
    focus: input.focus.trim(),
    termEnd: input.termEnd,
  };
}
