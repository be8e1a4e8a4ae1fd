import {
  addAction,
  foldMeeting,
  initialMeetingState,
  initSpace,
  startMeeting,
  type FoldContext,
  type MeetingPerson,
} from '@ronde/domain';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { membership, mockFetch } from '../pages/pageTestKit.tsx';
import { useSession } from '../state/session.ts';
import { TacticalBacklog } from './TacticalBacklog.tsx';

const SPACE = 'space001';
const FAC: MeetingPerson = { id: 'facuser1', name: 'Fay', role: 'facilitator', joinedAt: 0 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
beforeEach(() =>
  useSession.setState({
    language: 'en',
    memberships: {
      [SPACE]: membership(FAC.id, 'facilitator', 'Fay'),
    },
  }),
);

/** A started tactical meeting, and a space whose open action names Dana "Dan", as recorded when it was made. */
function renderBacklog() {
  const spaceDoc = new Y.Doc();
  initSpace(spaceDoc, { id: SPACE, name: 'Coop', circleName: 'General', now: 1 });
  addAction(spaceDoc, {
    id: 'act00001',
    kind: 'action',
    title: 'Call the bank',
    ownerId: 'danauser',
    ownerName: 'Dan',
    by: FAC.id,
    dueDate: null,
    now: 2,
  });
  const context: FoldContext = { agenda: [], people: [FAC], kind: 'tactical' };
  const state = foldMeeting([startMeeting(initialMeetingState(context), FAC.id, 3)], context);
  render(
    <TacticalBacklog
      spaceId={SPACE}
      spaceDoc={spaceDoc}
      meetingDoc={new Y.Doc()}
      meetingId="meet0001"
      state={state}
      people={[FAC]}
      me={FAC.id}
      readOnly={false}
    />,
  );
  return within(screen.getByRole('region', { name: 'Follow-up of actions and projects' }));
}

describe('TacticalBacklog follow-up', () => {
  it('names an action’s owner as the directory does, the recorded name until it answers', async () => {
    mockFetch({
      [`GET /api/spaces/${SPACE}/people`]: {
        status: 200,
        body: { people: [{ userId: 'danauser', name: 'Dana', role: 'member' }] },
      },
    });
    const item = renderBacklog().getByRole('listitem');
    expect(item.textContent).toMatch(/^Call the bank · Dan(?!a)/);
    await waitFor(() => expect(item.textContent).toMatch(/^Call the bank · Dana/));
  });
});
