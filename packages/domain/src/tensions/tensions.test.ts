import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeetingSummary, updateMeetingSummary } from '../meeting/meetingIndex.ts';
import { addProposalSummary, updateProposalSummary } from '../space.ts';
import { addAction, setActionDone } from './actions.ts';
import { tensionsAndActionsFor } from './forPerson.ts';
import { spaceTensions } from './model.ts';
import {
  closeTension,
  editTension,
  linkTensionToAction,
  linkTensionToProposal,
  listTensions,
  logTension,
  putTensionOnAgenda,
  readTension,
} from './tensions.ts';

const ALICE = 'alice1';
const BOB = 'bobby1';

function backlog(): Y.Doc {
  const doc = new Y.Doc();
  logTension(doc, {
    id: 'tens01',
    by: ALICE,
    what: '  Invoices are late ',
    couldBe: 'Paid in 30 days',
    now: 10,
  });
  return doc;
}

function listProposal(doc: Y.Doc, id: string): void {
  addProposalSummary(doc, {
    id,
    title: 'Pay on time',
    status: 'draft',
    circleId: 'circle1',
    createdAt: 1,
    updatedAt: 1,
    authorId: BOB,
  });
}

function listMeeting(doc: Y.Doc, id: string): void {
  addMeetingSummary(doc, {
    id,
    title: 'Tactical',
    circleId: 'circle1',
    kind: 'tactical',
    startsAt: 5,
    status: 'upcoming',
    updatedAt: 1,
  });
}

describe('tensions', () => {
  it('TENSION-1 a tension is logged with what is (trimmed, 1–1000), what could be, its author and role', () => {
    const doc = backlog();
    expect(readTension(doc, 'tens01')).toMatchObject({
      id: 'tens01',
      by: ALICE,
      what: 'Invoices are late',
      couldBe: 'Paid in 30 days',
      roleId: null,
      status: 'open',
    });
    expect(() =>
      logTension(doc, { id: 'tens02', by: ALICE, what: '   ', couldBe: '', now: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      logTension(doc, { id: 'tens02', by: ALICE, what: 'x'.repeat(1001), couldBe: '', now: 1 }),
    ).toThrow(RangeError);
    expect(() =>
      logTension(doc, { id: 'tens01', by: ALICE, what: 'again', couldBe: '', now: 1 }),
    ).toThrow(/already/);
    logTension(doc, { id: 'tens02', by: BOB, what: 'Keys', couldBe: '', roleId: 'role01', now: 2 });
    expect(readTension(doc, 'tens02')?.roleId).toBe('role01');
  });

  it('TENSION-2 an open tension is edited field by field; closing needs a reason to drop and is final', () => {
    const doc = backlog();
    editTension(doc, 'tens01', { couldBe: 'Paid in 15 days' });
    expect(readTension(doc, 'tens01')?.couldBe).toBe('Paid in 15 days');
    expect(() =>
      closeTension(doc, 'tens01', { closing: 'dropped', by: ALICE, reason: ' ', now: 3 }),
    ).toThrow(/reason/);
    closeTension(doc, 'tens01', {
      closing: 'dropped',
      by: ALICE,
      reason: 'Solved elsewhere',
      now: 3,
    });
    expect(readTension(doc, 'tens01')).toMatchObject({
      status: 'dropped',
      closedBy: ALICE,
      closedAt: 3,
      closeReason: 'Solved elsewhere',
    });
    expect(() => editTension(doc, 'tens01', { what: 'Changed' })).toThrow(/closed/);
    expect(() =>
      closeTension(doc, 'tens01', { closing: 'resolved', by: ALICE, reason: '', now: 4 }),
    ).toThrow(/closed/);
  });

  it('TENSION-3 a tension links one listed proposal, once; adopting it resolves the tension', () => {
    const doc = backlog();
    expect(() => linkTensionToProposal(doc, 'tens01', 'prop01')).toThrow(/not listed/);
    listProposal(doc, 'prop01');
    linkTensionToProposal(doc, 'tens01', 'prop01');
    expect(readTension(doc, 'tens01')).toMatchObject({ proposalId: 'prop01', status: 'proposal' });
    listProposal(doc, 'prop02');
    expect(() => linkTensionToProposal(doc, 'tens01', 'prop02')).toThrow(/has a proposal/);
    updateProposalSummary(doc, 'prop01', { status: 'adopted' });
    expect(readTension(doc, 'tens01')?.status).toBe('resolved');
  });

  it('TENSION-4 a tension on the agenda of a meeting is on-agenda until that meeting ends, then open again', () => {
    const doc = backlog();
    expect(() => putTensionOnAgenda(doc, 'tens01', 'meet01', 'item01')).toThrow();
    listMeeting(doc, 'meet01');
    putTensionOnAgenda(doc, 'tens01', 'meet01', 'item01');
    expect(readTension(doc, 'tens01')).toMatchObject({
      status: 'on-agenda',
      meetingId: 'meet01',
      agendaItemId: 'item01',
    });
    updateMeetingSummary(doc, 'meet01', { status: 'ended', updatedAt: 9 });
    expect(readTension(doc, 'tens01')?.status).toBe('open');
    expect(() => putTensionOnAgenda(doc, 'tens01', 'meet01', 'item02')).toThrow(/upcoming or live/);
  });

  it('TENSION-5 a tension links the action made of it, once; the action done resolves it', () => {
    const doc = backlog();
    addAction(doc, { id: 'act001', kind: 'action', title: 'Other', ownerId: BOB, by: BOB, now: 1 });
    expect(() => linkTensionToAction(doc, 'tens01', 'act001')).toThrow(/not made of/);
    addAction(doc, {
      id: 'act002',
      kind: 'project',
      title: 'Automate reminders',
      ownerId: BOB,
      by: ALICE,
      tensionId: 'tens01',
      now: 2,
    });
    linkTensionToAction(doc, 'tens01', 'act002');
    expect(readTension(doc, 'tens01')?.status).toBe('action');
    setActionDone(doc, 'act002', { done: true, by: BOB, now: 5 });
    expect(readTension(doc, 'tens01')?.status).toBe('resolved');
  });

  it('TENSION-6 the status is derived: a closing wins over the links, a triage to a proposal counts as one', () => {
    const doc = backlog();
    listMeeting(doc, 'meet01');
    putTensionOnAgenda(doc, 'tens01', 'meet01', 'item01');
    spaceTensions(doc).get('tens01')!.set('triagedTo', 'proposal');
    expect(readTension(doc, 'tens01')?.status).toBe('proposal');
    closeTension(doc, 'tens01', { closing: 'resolved', by: BOB, reason: '', now: 4 });
    expect(readTension(doc, 'tens01')?.status).toBe('resolved');
  });

  it('TENSION-7 the backlog lists newest first, ties by id; unreadable entries are left out', () => {
    const doc = backlog();
    logTension(doc, { id: 'tensB2', by: BOB, what: 'b', couldBe: '', now: 20 });
    logTension(doc, { id: 'tensA2', by: BOB, what: 'a', couldBe: '', now: 20 });
    spaceTensions(doc).set('broken', new Y.Map([['what', 'no author']]));
    expect(listTensions(doc).map((t) => t.id)).toEqual(['tensA2', 'tensB2', 'tens01']);
  });

  it('TENSION-8 tensionsAndActionsFor lists the tensions waiting on a person and the actions they own, not done', () => {
    const doc = backlog();
    logTension(doc, { id: 'tens02', by: ALICE, what: 'Closed one', couldBe: '', now: 11 });
    closeTension(doc, 'tens02', { closing: 'resolved', by: ALICE, reason: '', now: 12 });
    logTension(doc, { id: 'tens03', by: ALICE, what: 'To write', couldBe: '', now: 13 });
    spaceTensions(doc).get('tens03')!.set('triagedTo', 'proposal');
    logTension(doc, { id: 'tens04', by: BOB, what: 'Bob’s', couldBe: '', now: 14 });
    addAction(doc, {
      id: 'act001',
      kind: 'action',
      title: 'Mine',
      ownerId: ALICE,
      by: BOB,
      now: 1,
    });
    addAction(doc, {
      id: 'act002',
      kind: 'action',
      title: 'Done',
      ownerId: ALICE,
      by: BOB,
      now: 2,
    });
    setActionDone(doc, 'act002', { done: true, by: ALICE, now: 3 });
    addAction(doc, {
      id: 'act003',
      kind: 'project',
      title: 'Bob’s',
      ownerId: BOB,
      by: BOB,
      now: 4,
    });
    const mine = tensionsAndActionsFor(ALICE, doc);
    expect(mine.tensions.map((t) => t.id)).toEqual(['tens03', 'tens01']);
    expect(mine.actions.map((a) => a.id)).toEqual(['act001']);
  });
});
