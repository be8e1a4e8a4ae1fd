import type * as Y from 'yjs';
import { listActions } from './actions.ts';
import type { Action, Tension } from './model.ts';
import { listTensions } from './tensions.ts';

/** What the backlog asks of one person (for the inbox). */
export interface BacklogForPerson {
  /**
   * Tensions that wait on them: ones they logged that are still open or on
   * an agenda, and ones a triage sent to a proposal nobody wrote yet.
   */
  readonly tensions: readonly Tension[];
  /** Actions and projects they own that are not done, soonest due first. */
  readonly actions: readonly Action[];
}

/**
 * The tensions that wait on a person and the actions they own, not done
 * (SPEC TENSION-8), read from the space document. Pure; call it again when
 * the space document changes.
 *
 * @example
 * const { tensions, actions } = tensionsAndActionsFor(me, spaceDoc);
 * actions.length; // next actions and projects `me` owns, not done
 */
export function tensionsAndActionsFor(personId: string, spaceDoc: Y.Doc): BacklogForPerson {
  const tensions = listTensions(spaceDoc).filter(
    (t) =>
      t.by === personId &&
      (t.status === 'open' ||
        t.status === 'on-agenda' ||
        (t.status === 'proposal' && t.proposalId === null)),
  );
  const actions = listActions(spaceDoc).filter((a) => a.ownerId === personId && !a.done);
  return { tensions, actions };
}
