import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, editAction, listActions, readAction, setActionDone } from './actions.ts';
import { spaceActions } from './model.ts';
import { logTension } from './tensions.ts';

const ALICE = 'alice1';
const BOB = 'bobby1';

describe('next actions and projects', () => {
  it('ACTION-1 an action has a kind, a title (1–200), an owner, an optional real due date and a logged tension', () => {
    const doc = new Y.Doc();
    addAction(doc, {
      id: 'act001',
      kind: 'project',
      title: '  Automate   reminders ',
      ownerId: BOB,
      ownerName: ' Bob ',
      by: ALICE,
      dueDate: '2026-03-01',
      now: 5,
    });
    expect(readAction(doc, 'act001')).toEqual({
      id: 'act001',
      kind: 'project',
      title: 'Automate reminders',
      ownerId: BOB,
      ownerName: 'Bob',
      by: ALICE,
      createdAt: 5,
      dueDate: '2026-03-01',
      roleId: null,
      tensionId: null,
      meetingId: null,
      done: false,
      doneAt: null,
      doneBy: null,
    });
    const base = { kind: 'action' as const, ownerId: BOB, by: ALICE, now: 1 };
    expect(() => addAction(doc, { ...base, id: 'act002', title: ' ' })).toThrow(RangeError);
    expect(() => addAction(doc, { ...base, id: 'act002', title: 'x'.repeat(201) })).toThrow(
      RangeError,
    );
    expect(() =>
      addAction(doc, { ...base, id: 'act002', title: 'T', dueDate: '2026-02-30' }),
    ).toThrow(/date/);
    expect(() =>
      addAction(doc, { ...base, id: 'act002', title: 'T', tensionId: 'nothere' }),
    ).toThrow(/not logged/);
    expect(() => addAction(doc, { ...base, id: 'act001', title: 'T' })).toThrow(/already/);
    logTension(doc, { id: 'tens01', by: ALICE, what: 'Late', couldBe: '', now: 1 });
    addAction(doc, { ...base, id: 'act002', title: 'T', tensionId: 'tens01' });
    expect(readAction(doc, 'act002')?.tensionId).toBe('tens01');
  });

  it('ACTION-2 done records who and when; marking it again writes nothing; not done hides them', () => {
    const doc = new Y.Doc();
    addAction(doc, {
      id: 'act001',
      kind: 'action',
      title: 'Call',
      ownerId: BOB,
      by: ALICE,
      now: 1,
    });
    setActionDone(doc, 'act001', { done: true, by: BOB, now: 7 });
    expect(readAction(doc, 'act001')).toMatchObject({ done: true, doneAt: 7, doneBy: BOB });
    let updates = 0;
    doc.on('update', () => updates++);
    setActionDone(doc, 'act001', { done: true, by: ALICE, now: 8 });
    expect(updates).toBe(0);
    setActionDone(doc, 'act001', { done: false, by: BOB, now: 9 });
    expect(readAction(doc, 'act001')).toMatchObject({ done: false, doneAt: null, doneBy: null });
  });

  it('ACTION-3 editing writes only what changed and follows ACTION-1', () => {
    const doc = new Y.Doc();
    addAction(doc, {
      id: 'act001',
      kind: 'action',
      title: 'Call',
      ownerId: BOB,
      by: ALICE,
      now: 1,
    });
    let updates = 0;
    doc.on('update', () => updates++);
    editAction(doc, 'act001', { title: 'Call', ownerId: BOB });
    expect(updates).toBe(0);
    editAction(doc, 'act001', {
      title: 'Call the bank',
      ownerId: ALICE,
      dueDate: '2026-05-04',
      kind: 'project',
    });
    expect(readAction(doc, 'act001')).toMatchObject({
      title: 'Call the bank',
      ownerId: ALICE,
      dueDate: '2026-05-04',
      kind: 'project',
    });
    expect(() => editAction(doc, 'act001', { dueDate: 'soon' })).toThrow(/date/);
  });

  it('ACTION-4 listed not done first, then soonest due (undated last), then newest, ties by id; unreadable left out', () => {
    const doc = new Y.Doc();
    const add = (id: string, now: number, dueDate: string | null) =>
      addAction(doc, { id, kind: 'action', title: id, ownerId: BOB, by: ALICE, dueDate, now });
    add('actUnd', 9, null);
    add('actLat', 1, '2026-06-01');
    add('actSoo', 1, '2026-01-01');
    add('actDon', 1, '2025-01-01');
    add('actUnB', 9, null);
    setActionDone(doc, 'actDon', { done: true, by: BOB, now: 2 });
    spaceActions(doc).set('broken', new Y.Map([['title', 'no owner']]));
    expect(listActions(doc).map((a) => a.id)).toEqual([
      'actSoo',
      'actLat',
      'actUnB',
      'actUnd',
      'actDon',
    ]);
  });
});
