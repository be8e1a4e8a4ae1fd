import { currentItem, mayAmendText, proposalFields, readProposal, roomName } from '@ronde/domain';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { useMeetingState } from '../process/useMeetingState.ts';
import { useRoom } from '../sync/useRoom.ts';

function readMeetingHold(doc: Y.Doc): string | null {
  const fields = proposalFields(doc);
  const meetingId = fields.get('consentMeetingId');
  if (readProposal(doc)?.status !== 'in-consent') return null;
  // An asynchronous consent holds it instead (its own rule, ACONS-4).
  if (fields.has('asyncConsentId') && !fields.has('asyncClosedBy')) return null;
  return typeof meetingId === 'string' && meetingId !== '' ? meetingId : null;
}

/**
 * The id of the meeting that holds this proposal in consent (the
 * `consentMeetingId` the server noted, server CONS-3), or `null`. While a
 * meeting holds it, its text and structured changes are amended only as
 * the meeting's process says (domain AMEND-1, server WRITE-8).
 *
 * @example
 * const meetingId = useMeetingHold(proposalDoc);
 */
export function useMeetingHold(proposalDoc: Y.Doc): string | null {
  return useYStore(proposalDoc, proposalFields, readMeetingHold);
}

/**
 * Follows the meeting that holds a proposal and reports whether `me` may
 * amend it now: the meeting's current item is this proposal, at an amend
 * step, and `me` is its proposer or a facilitator (`mayAmendText`, the
 * rule the server enforces). Renders nothing; reports `false` when unmounted.
 *
 * @example
 * {meetingId && <MeetingAmendWatch spaceId={s} meetingId={meetingId} proposalId={p} me={me.id} onChange={setAmending} />}
 */
export function MeetingAmendWatch({
  spaceId,
  meetingId,
  proposalId,
  me,
  onChange,
}: {
  spaceId: string;
  meetingId: string;
  proposalId: string;
  me: string;
  onChange: (amending: boolean) => void;
}) {
  const room = useRoom(roomName({ spaceId, kind: 'meeting', id: meetingId }));
  const state = useMeetingState(room.doc);
  const amending = currentItem(state)?.proposalId === proposalId && mayAmendText(state, me);
  useEffect(() => {
    onChange(amending);
  }, [amending, onChange]);
  useEffect(() => () => onChange(false), [onChange]);
  return null;
}
