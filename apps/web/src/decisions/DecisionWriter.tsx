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
}: {
  meetingDoc: Y.Doc;
  spaceDoc: Y.Doc;
  meetingId: string;
}) {
  useDecisionWriter(meetingDoc, spaceDoc, meetingId);
  return null;
}
