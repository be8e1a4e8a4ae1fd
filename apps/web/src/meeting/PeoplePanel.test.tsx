import {
  appendEvent,
  joinMeeting,
  listPeople,
  readLog,
  startMeeting,
  type MeetingState,
} from '@ronde/domain';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeetingState } from '../process/useMeetingState.ts';
import { PeoplePanel } from './PeoplePanel.tsx';

afterEach(cleanup);

function meeting(): Y.Doc {
  const doc = new Y.Doc();
  joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
  joinMeeting(doc, { id: 'user0002', name: 'Ben', role: 'participant', now: 2 });
  return doc;
}

function show(doc: Y.Doc, state: MeetingState, canSetRoles = true, canSetSecretary = true): void {
  render(
    <PeoplePanel
      doc={doc}
      people={listPeople(doc)}
      state={state}
      selfId="user0001"
      secretaryId={null}
      canSetRoles={canSetRoles}
      canSetSecretary={canSetSecretary}
    />,
  );
}

describe('PeoplePanel', () => {
  it('before the start, a role change edits the people map', () => {
    const doc = meeting();
    show(doc, readMeetingState(doc));
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Ben' }), {
      target: { value: 'observer' },
    });
    expect(listPeople(doc).find((p) => p.id === 'user0002')?.role).toBe('observer');
    expect(readLog(doc)).toHaveLength(0);
  });

  it('once started, a role change is a role.set event and the map stays as it was (MEET-15)', () => {
    const doc = meeting();
    appendEvent(doc, startMeeting(readMeetingState(doc), 'user0001', 10));
    show(doc, readMeetingState(doc));
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Ben' }), {
      target: { value: 'facilitator' },
    });
    expect(listPeople(doc).find((p) => p.id === 'user0002')?.role).toBe('participant');
    expect(readLog(doc).at(-1)).toMatchObject({
      type: 'role.set',
      by: 'user0001',
      person: 'user0002',
      role: 'facilitator',
    });
    expect(readMeetingState(doc).facilitators).toEqual(['user0001', 'user0002']);
  });

  it('once started, it refuses to leave the meeting without a facilitator', () => {
    const doc = meeting();
    appendEvent(doc, startMeeting(readMeetingState(doc), 'user0001', 10));
    show(doc, readMeetingState(doc));
    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Awa' }), {
      target: { value: 'participant' },
    });
    expect(screen.getByRole('alert').textContent).not.toBe('');
    expect(readLog(doc)).toHaveLength(1);
  });

  it('WRITE-4, WRITE-5: shows no role or secretary control to who may not set them', () => {
    const doc = meeting();
    show(doc, readMeetingState(doc), false, false);
    expect(screen.queryByRole('combobox', { name: 'Role of Ben' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Secretary' })).toBeNull();
    expect(screen.getByText('Participant')).toBeTruthy();
    cleanup();
    show(doc, readMeetingState(doc), false, true);
    expect(screen.queryByRole('combobox', { name: 'Role of Ben' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Secretary' })).toBeTruthy();
  });
});
