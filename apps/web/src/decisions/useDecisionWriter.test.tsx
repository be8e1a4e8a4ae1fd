import {
  addAgendaItem,
  addProposalSummary,
  appendEvent,
  initMeeting,
  initProposal,
  initSpace,
  joinMeeting,
  listDecisions,
  listProposals,
  nextStep,
  readProposal,
  recordOutcome,
  recordPosition,
  spaceDecisions,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import { act, cleanup, renderHook } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { readMeetingState } from '../process/useMeetingState.ts';
import type { RoomLoad } from '../sync/openDoc.ts';
import type { OpenProposal } from './decisionWriter.ts';
import { useDecisionWriter } from './useDecisionWriter.ts';

afterEach(cleanup);

const PROPOSAL = 'prop0001';
let clock = 1_000_000;

function meetingDoc(): Y.Doc {
  const doc = new Y.Doc();
  initMeeting(doc, {
    id: 'meet0001',
    spaceId: 'space001',
    title: 'Weekly',
    circleId: 'circle01',
    kind: 'governance',
    startsAt: 0,
    createdBy: 'fac00001',
    now: 0,
  });
  joinMeeting(doc, { id: 'fac00001', name: 'Fatou', role: 'facilitator', now: 1 });
  joinMeeting(doc, { id: 'ana00001', name: 'Ana', role: 'participant', now: 2 });
  addAgendaItem(doc, {
    id: 'item0001',
    kind: 'proposal',
    title: 'Four-day week',
    proposalId: PROPOSAL,
    process: 'consent',
    ownerId: 'ana00001',
    createdBy: 'fac00001',
    now: 3,
  });
  return doc;
}

function act1<A extends unknown[]>(
  doc: Y.Doc,
  command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
  by: string,
  ...args: A
): void {
  clock += 1000;
  appendEvent(doc, command(readMeetingState(doc), by, clock, ...args));
}

/** Walks the meeting to the outcome step of its consent item. */
function toOutcomeStep(doc: Y.Doc): void {
  act1(doc, startMeeting, 'fac00001');
  for (let i = 0; i < 5; i++) act1(doc, nextStep, 'fac00001');
  act1(doc, recordPosition, 'ana00001', { value: 'consent' });
  act1(doc, nextStep, 'fac00001');
}

function spaceDoc(): Y.Doc {
  const doc = new Y.Doc();
  const space = initSpace(doc, { id: 'space001', name: 'Coop', circleName: 'General', now: 0 });
  addProposalSummary(doc, {
    id: PROPOSAL,
    title: 'Four-day week',
    status: 'draft',
    circleId: space.defaultCircleId,
    createdAt: 0,
    updatedAt: 0,
  });
  return doc;
}

function proposalDoc(): Y.Doc {
  const doc = new Y.Doc();
  initProposal(doc, {
    id: PROPOSAL,
    spaceId: 'space001',
    circleId: 'circle01',
    title: 'Four-day week',
    driver: 'Tired',
    createdBy: 'Ana',
    now: 0,
  });
  return doc;
}

/** A fake room registry: one proposal doc, a load state the test moves. */
function fakeRooms(doc: Y.Doc, initial: RoomLoad = 'local') {
  let load = initial;
  const listeners = new Set<() => void>();
  const open = vi.fn<OpenProposal>(() => ({
    doc,
    load: () => load,
    onLoad: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    release: () => undefined,
  }));
  const setLoad = (next: RoomLoad) => {
    load = next;
    listeners.forEach((l) => l());
  };
  return { open, setLoad };
}

const strict = ({ children }: { children: ReactNode }) => <StrictMode>{children}</StrictMode>;

function countWrites(space: Y.Doc): () => number {
  let writes = 0;
  spaceDecisions(space).observe((event) => {
    writes += event.keysChanged.size;
  });
  return () => writes;
}

let userId = 'fac00001';
beforeEach(() => {
  userId = 'fac00001';
});

describe('useDecisionWriter', () => {
  it('DEC-2 writes the entry of its own outcome once, and moves the proposal', () => {
    const meeting = meetingDoc();
    const space = spaceDoc();
    const proposal = proposalDoc();
    const rooms = fakeRooms(proposal);
    const writes = countWrites(space);
    toOutcomeStep(meeting);
    const { rerender } = renderHook(
      () => useDecisionWriter(meeting, space, 'meet0001', userId, rooms.open),
      { wrapper: strict },
    );
    expect(writes()).toBe(0);
    act(() => act1(meeting, recordOutcome, 'fac00001', 'adopted', '2026-09-01'));
    rerender();
    act(() => act1(meeting, nextStep, 'fac00001'));
    expect(writes()).toBe(1);
    const [entry] = listDecisions(space);
    expect(entry).toMatchObject({
      title: 'Four-day week',
      driver: 'Tired',
      outcome: 'adopted',
      reviewDate: '2026-09-01',
      meeting: { id: 'meet0001', title: 'Weekly' },
      names: { fac00001: 'Fatou', ana00001: 'Ana' },
      recordedBy: 'fac00001',
    });
    expect(readProposal(proposal)?.status).toBe('adopted');
    expect(listProposals(space)[0]?.status).toBe('adopted');
  });

  it('DEC-2 never writes for an outcome someone else recorded', () => {
    userId = 'ana00001';
    const meeting = meetingDoc();
    const space = spaceDoc();
    const proposal = proposalDoc();
    const rooms = fakeRooms(proposal);
    toOutcomeStep(meeting);
    act1(meeting, recordOutcome, 'fac00001', 'rejected');
    renderHook(() => useDecisionWriter(meeting, space, 'meet0001', userId, rooms.open), {
      wrapper: strict,
    });
    expect(listDecisions(space)).toEqual([]);
    expect(rooms.open).not.toHaveBeenCalled();
    expect(readProposal(proposal)?.status).toBe('draft');
  });

  it('DEC-2 heals on load an entry missing for an earlier outcome of its own', () => {
    const meeting = meetingDoc();
    const space = spaceDoc();
    const proposal = proposalDoc();
    const rooms = fakeRooms(proposal);
    toOutcomeStep(meeting);
    act1(meeting, recordOutcome, 'fac00001', 'deferred', '2026-10-01');
    const writes = countWrites(space);
    renderHook(() => useDecisionWriter(meeting, space, 'meet0001', userId, rooms.open), {
      wrapper: strict,
    });
    expect(writes()).toBe(1);
    expect(listDecisions(space)[0]).toMatchObject({ outcome: 'deferred' });
    expect(readProposal(proposal)?.status).toBe('draft');
  });

  it('waits for the proposal to arrive before writing, and writes once it does', () => {
    const meeting = meetingDoc();
    const space = spaceDoc();
    const remote = proposalDoc();
    const local = new Y.Doc();
    const rooms = fakeRooms(local, 'loading');
    toOutcomeStep(meeting);
    act1(meeting, recordOutcome, 'fac00001', 'adopted', '2026-09-01');
    renderHook(() => useDecisionWriter(meeting, space, 'meet0001', userId, rooms.open), {
      wrapper: strict,
    });
    expect(listDecisions(space)).toEqual([]);
    act(() => rooms.setLoad('local'));
    expect(listDecisions(space)).toEqual([]);
    act(() => Y.applyUpdate(local, Y.encodeStateAsUpdate(remote)));
    expect(listDecisions(space)).toHaveLength(1);
    expect(readProposal(local)?.status).toBe('adopted');
  });
});
