import type { StepExpects } from '../process/events.ts';

/**
 * The events of an election item (SPEC ELECT-2 … ELECT-8), plain JSON in
 * the meeting's log like every process event, signed by their author.
 */

interface ElectionEventBase<T extends string, E> {
  readonly id: string;
  readonly type: T;
  readonly by: string;
  readonly at: number;
  readonly expects: E;
}

/** A reveal names only the item: it stays valid whatever step the election is at. */
export interface ItemExpects {
  readonly itemId: string;
}

/**
 * A sealed nomination (ELECT-3): the SHA-256 of the canonical JSON of
 * `{ by, itemId, nominee, reason, salt }`. Whom it names and why stays in
 * the author's device until the reveal.
 */
export interface NominationSealEvent extends ElectionEventBase<'nomination.seal', StepExpects> {
  readonly seal: string;
}

/** Opens one's sealed nomination once the facilitator revealed them (ELECT-4). */
export interface NominationRevealEvent extends ElectionEventBase<'nomination.reveal', ItemExpects> {
  /** The id of the `nomination.seal` it opens. */
  readonly sealId: string;
  readonly nominee: string;
  readonly reason: string;
  readonly salt: string;
}

/** A nomination changed, openly, in the change round (ELECT-5). */
export interface NominationChangeEvent extends ElectionEventBase<'nomination.change', StepExpects> {
  readonly nominee: string;
  readonly reason: string;
}

/**
 * The facilitator proposes someone for the role (ELECT-6), with a focus and
 * the term's last day (the agenda's term end, or earlier to integrate an
 * objection).
 */
export interface ElectionProposeEvent extends ElectionEventBase<'election.propose', StepExpects> {
  readonly nominee: string;
  readonly focus: string;
  readonly termEnd: string;
}

export type ElectionEvent =
  NominationSealEvent | NominationRevealEvent | NominationChangeEvent | ElectionProposeEvent;
