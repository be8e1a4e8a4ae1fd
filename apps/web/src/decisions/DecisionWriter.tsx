import type * as Y from 'yjs';
import { useDecisionWriter } from './useDecisionWriter.ts';

/**
 * Renders nothing; keeps the decision log written for the outcomes this
 * user records in the meeting (see {@link useDecisionWriter}).
 */
export function DecisionWriter({
  meetingDoc,
  spaceDoc,
  meetingId,
  userId,
}: {
  meetingDoc: Y.Doc;
  spaceDoc: Y.Doc;
  meetingId: string;
  /** This person's member id in the space. */
  userId: string;
}) {
  useDecisionWriter(meetingDoc, spaceDoc, meetingId, userId);
  return null;
}
