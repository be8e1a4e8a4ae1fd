import * as c from '@ronde/domain';
import { act, cleanup, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { testMeeting } from '../process/testMeeting.ts';
import { useSession } from '../state/session.ts';
import { MeetingAmendWatch, useMeetingHold } from './meetingHold.tsx';

const meeting = vi.hoisted(() => ({ doc: null as unknown as Y.Doc }));
vi.mock('../sync/useRoom.ts', () => ({ useRoom: () => ({ doc: meeting.doc }) }));

const FAC = 'fac00001';
const ANA = 'ana00001';
const BEN = 'ben00001';

beforeEach(() => useSession.setState({ language: 'en', serverOffsetMs: 0 }));
afterEach(cleanup);

/** Ana's proposal `prop0002`, the meeting's consent item (testMeeting). */
function proposal(): Y.Doc {
  const doc = new Y.Doc();
  c.initProposal(doc, {
    id: 'prop0002',
    spaceId: 'space001',
    circleId: 'circle01',
    title: 'Rota',
    driver: 'Nobody knows who cooks',
    createdBy: 'Ana',
    authorId: ANA,
    now: 1,
  });
  return doc;
}

/** What the proposal page decides from the hold and the meeting. */
function Harness({ doc, me }: { doc: Y.Doc; me: string }) {
  const meetingId = useMeetingHold(doc);
  const [amending, setAmending] = useState(false);
  return (
    <>
      {meetingId !== null && (
        <MeetingAmendWatch
          spaceId="space001"
          meetingId={meetingId}
          proposalId="prop0002"
          me={me}
          onChange={setAmending}
        />
      )}
      <p>{meetingId === null ? 'not held' : `held by ${meetingId}`}</p>
      <p>{amending ? 'may amend' : 'may not amend'}</p>
    </>
  );
}

describe('a proposal held by a meeting (server WRITE-8, domain AMEND-1)', () => {
  it('WRITE-8 its proposer and the facilitation may amend it at an amend step of its item only', () => {
    const m = testMeeting();
    meeting.doc = m.doc;
    const doc = proposal();
    const { rerender } = render(<Harness doc={doc} me={ANA} />);
    expect(screen.getByText('not held')).toBeTruthy();
    // The server takes it up (CONS-3): in consent, held by the meeting.
    act(() => {
      c.proposalFields(doc).set('status', 'in-consent');
      c.proposalFields(doc).set('consentMeetingId', 'meet0001');
    });
    expect(screen.getByText('held by meet0001')).toBeTruthy();
    expect(screen.getByText('may not amend')).toBeTruthy();
    act(() => {
      m.run(c.startMeeting, FAC);
      let state = m.run(c.gotoItem, FAC, 'cnsitem1');
      while (state.step?.key !== 'amend') state = m.run(c.nextStep, FAC);
    });
    expect(screen.getByText('may amend')).toBeTruthy();
    rerender(<Harness doc={doc} me={FAC} />);
    expect(screen.getByText('may amend')).toBeTruthy();
    // A participant who is not its proposer never amends it.
    rerender(<Harness doc={doc} me={BEN} />);
    expect(screen.getByText('may not amend')).toBeTruthy();
    // At the consent round nobody does, not even its proposer.
    rerender(<Harness doc={doc} me={ANA} />);
    expect(screen.getByText('may amend')).toBeTruthy();
    act(() => {
      m.run(c.nextStep, FAC);
    });
    expect(screen.getByText('may not amend')).toBeTruthy();
  });

  it('WRITE-8 an asynchronous consent holds it instead: no meeting is followed', () => {
    meeting.doc = testMeeting().doc;
    const doc = proposal();
    act(() => {
      c.proposalFields(doc).set('status', 'in-consent');
      c.proposalFields(doc).set('consentMeetingId', 'meet0001');
      c.proposalFields(doc).set('asyncConsentId', 'acons001');
    });
    render(<Harness doc={doc} me={ANA} />);
    expect(screen.getByText('not held')).toBeTruthy();
  });
});
