import {
  actionFields,
  appliedReviews,
  appliedTriages,
  isTensionPending,
  readTension,
  spaceActions,
  spaceTensions,
  type ActionReviewEvent,
  type MeetingPerson,
  type MeetingState,
  type TensionTriageEvent,
} from '@ronde/domain';
import * as Y from 'yjs';
import type { LoadedDocument } from './documents.ts';

/** The tension's mark of the triage applied to it (server-written; clients may not write it). */
export const TRIAGE_MARK = 'triageId';
/** The action's list of follow-ups applied to it (server-written). */
export const REVIEWS_MARK = 'reviewIds';

export interface BacklogWork {
  readonly meetingId: string;
  readonly state: MeetingState;
  readonly log: readonly unknown[];
  readonly space: Pick<LoadedDocument, 'doc' | 'write'>;
  /** The meeting's people, whose names an action's owner gets. */
  readonly people: readonly MeetingPerson[];
}

/**
 * Writes what a meeting's triages and follow-ups imply in the space's
 * backlog (SPEC TRIAGESRV-1 … TRIAGESRV-3), in one write of the space
 * document with the server's origin, each effect once (marked by its event's
 * id), so running it again after every append or a restart writes nothing
 * twice.
 *
 * @example
 * await writeBacklogConsequences({ meetingId, state, log, space, people });
 */
export async function writeBacklogConsequences(work: BacklogWork): Promise<void> {
  const triages = appliedTriages(work.state, work.log);
  const reviews = appliedReviews(work.state, work.log);
  if (triages.length === 0 && reviews.length === 0) return;
  const due = (doc: Y.Doc): boolean =>
    triages.some((t) => triageDue(doc, t)) || reviews.some((r) => reviewDue(doc, r));
  if (!due(work.space.doc)) return;
  await work.space.write((doc) => {
    for (const triage of triages) if (triageDue(doc, triage)) applyTriage(doc, triage, work);
    for (const review of reviews) if (reviewDue(doc, review)) applyReview(doc, review);
  });
}

/** TRIAGESRV-1: the first triage of a tension that is still pending applies; any later one does nothing. */
function triageDue(doc: Y.Doc, triage: TensionTriageEvent): boolean {
  const entry = spaceTensions(doc).get(triage.tensionId);
  const tension = readTension(doc, triage.tensionId);
  if (!entry || tension === null || entry.has(TRIAGE_MARK)) return false;
  return isTensionPending(tension);
}

function applyTriage(doc: Y.Doc, triage: TensionTriageEvent, work: BacklogWork): void {
  const entry = spaceTensions(doc).get(triage.tensionId);
  if (!entry) return;
  entry.set(TRIAGE_MARK, triage.id);
  switch (triage.outcome) {
    case 'proposal':
      entry.set('triagedTo', 'proposal');
      return;
    case 'dropped':
      entry.set('closeReason', triage.reason);
      entry.set('closedBy', triage.by);
      entry.set('closedAt', triage.at);
      entry.set('closing', 'dropped');
      return;
    default: {
      const action = triage.action;
      // TRIAGESRV-2: an action id already taken creates nothing (the triage stays marked).
      if (action === null || spaceActions(doc).has(action.id)) return;
      let fields: Record<string, unknown>;
      try {
        fields = actionFields(doc, {
          id: action.id,
          kind: triage.outcome,
          title: action.title,
          ownerId: action.ownerId,
          ownerName: work.people.find((p) => p.id === action.ownerId)?.name ?? '',
          by: triage.by,
          dueDate: action.dueDate,
          tensionId: triage.tensionId,
          now: triage.at,
        });
      } catch {
        return; // the fold checked the same rules (TRIAGE-2): unreachable for an applied triage
      }
      spaceActions(doc).set(
        action.id,
        new Y.Map(Object.entries({ ...fields, meetingId: work.meetingId })),
      );
      if (!entry.has('actionId')) entry.set('actionId', action.id);
    }
  }
}

function reviewIds(entry: Y.Map<unknown>): string[] {
  const ids = entry.get(REVIEWS_MARK);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** TRIAGESRV-3: a follow-up applies once, to an action the space holds. */
function reviewDue(doc: Y.Doc, review: ActionReviewEvent): boolean {
  const entry = spaceActions(doc).get(review.actionId);
  return entry !== undefined && !reviewIds(entry).includes(review.id);
}

function applyReview(doc: Y.Doc, review: ActionReviewEvent): void {
  const entry = spaceActions(doc).get(review.actionId);
  if (!entry) return;
  entry.set(REVIEWS_MARK, [...reviewIds(entry), review.id]);
  if ((entry.get('done') === true) === review.done) return;
  if (review.done) {
    entry.set('doneBy', review.by);
    entry.set('doneAt', review.at);
  }
  entry.set('done', review.done);
}
