import { initSpace, listMeetings, listPeople, readMeeting } from '@ronde/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { useSession } from '../state/session.ts';
import { NewMeetingForm } from './NewMeetingForm.tsx';

/** The documents the form writes, kept by the test instead of a room. */
const written = vi.hoisted(() => ({ docs: [] as Y.Doc[] }));
vi.mock('../sync/writeNewDocument.ts', () => ({
  writeNewDocument: (
    _spaceId: string,
    _kind: string,
    write: (doc: Y.Doc, id: string, now: number) => void,
  ) => {
    const doc = new Y.Doc();
    written.docs.push(doc);
    write(doc, 'meet0001', 1_900_000_000_000);
    return 'meet0001';
  },
}));

afterEach(cleanup);

describe('NewMeetingForm', () => {
  it('MDOC-6 WRITE-22 lists the new meeting in its creator’s name, who creates and facilitates it', () => {
    useSession.setState({
      language: 'en',
      name: 'Awa',
      memberships: {
        space001: {
          userId: 'awa00001',
          key: 'k1',
          role: 'member',
          name: 'Awa',
          token: 'tok',
          expiresAt: Date.now() + 3_600_000,
          receivedAt: Date.now(),
        },
      },
    });
    const spaceDoc = new Y.Doc();
    const { defaultCircleId } = initSpace(spaceDoc, {
      id: 'space001',
      name: 'Coop',
      circleName: 'General',
      now: 1,
    });
    const space = { id: 'space001', name: 'Coop', createdAt: 1, defaultCircleId };
    render(
      <MemoryRouter>
        <NewMeetingForm
          space={space}
          spaceDoc={spaceDoc}
          circles={[{ id: defaultCircleId, name: 'General', purpose: '', createdAt: 1 }]}
          onCancel={() => undefined}
        />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), {
      target: { value: 'Retro' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create meeting' }));
    const [meetingDoc] = written.docs;
    expect(readMeeting(meetingDoc!)?.createdBy).toBe('awa00001');
    expect(listPeople(meetingDoc!).map((p) => [p.id, p.role])).toEqual([
      ['awa00001', 'facilitator'],
    ]);
    expect(listMeetings(spaceDoc).upcoming.map((m) => [m.id, m.title, m.createdBy])).toEqual([
      ['meet0001', 'Retro', 'awa00001'],
    ]);
  });
});
