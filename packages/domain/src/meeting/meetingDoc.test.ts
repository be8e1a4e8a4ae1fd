import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initMeeting, readMeeting, updateMeeting, type InitMeetingInput } from './meetingDoc.ts';
import { joinMeeting, listPeople, setPersonRole } from './people.ts';

const input: InitMeetingInput = {
  id: 'meet0001',
  spaceId: 'space001',
  title: '  Weekly   governance ',
  circleId: 'circle01',
  kind: 'governance',
  startsAt: 5000,
  createdBy: 'user0001',
  now: 1000,
};

describe('meeting document', () => {
  it('MDOC-1 creates a meeting with a cleaned title and no secretary', () => {
    const doc = new Y.Doc();
    expect(readMeeting(doc)).toBeNull();
    initMeeting(doc, input);
    expect(readMeeting(doc)).toEqual({
      id: 'meet0001',
      spaceId: 'space001',
      title: 'Weekly governance',
      circleId: 'circle01',
      kind: 'governance',
      startsAt: 5000,
      secretaryId: null,
      createdAt: 1000,
      createdBy: 'user0001',
    });
    expect(doc.getMap('meeting').get('schema')).toBe(1);
  });

  it('MDOC-1 refuses a bad title, kind or start, and a second meeting', () => {
    const doc = new Y.Doc();
    expect(() => initMeeting(doc, { ...input, title: ' ' })).toThrow(/title/);
    expect(() => initMeeting(doc, { ...input, title: 'x'.repeat(201) })).toThrow(/at most 200/);
    expect(() => initMeeting(doc, { ...input, kind: 'party' as 'governance' })).toThrow(/kind/);
    expect(() => initMeeting(doc, { ...input, startsAt: Number.NaN })).toThrow(/start/);
    expect(() => initMeeting(doc, { ...input, id: 'a/b' })).toThrow(/id/);
    expect(readMeeting(doc)).toBeNull();
    initMeeting(doc, input);
    expect(() => initMeeting(doc, input)).toThrow(/already/);
  });

  it('MDOC-2 updates fields with the creation rules; the secretary must be present', () => {
    const doc = new Y.Doc();
    initMeeting(doc, input);
    updateMeeting(doc, { title: ' Tactical  ', kind: 'tactical', startsAt: 9000, circleId: 'c2' });
    expect(readMeeting(doc)).toMatchObject({
      title: 'Tactical',
      kind: 'tactical',
      startsAt: 9000,
      circleId: 'c2',
    });
    expect(() => updateMeeting(doc, { title: '' })).toThrow(/title/);
    expect(() => updateMeeting(doc, { secretaryId: 'stranger' })).toThrow(/secretary/);
    joinMeeting(doc, { id: 'user0002', name: 'Bea', now: 2 });
    updateMeeting(doc, { secretaryId: 'user0002' });
    expect(readMeeting(doc)?.secretaryId).toBe('user0002');
    updateMeeting(doc, { secretaryId: null });
    expect(readMeeting(doc)?.secretaryId).toBeNull();
    expect(() => updateMeeting(new Y.Doc(), { title: 'x' })).toThrow(/no meeting/);
  });

  it('MDOC-2 an update that changes nothing sends nothing', () => {
    const doc = new Y.Doc();
    initMeeting(doc, input);
    let updates = 0;
    doc.on('update', () => updates++);
    updateMeeting(doc, { title: 'Weekly governance', kind: 'governance' });
    expect(updates).toBe(0);
  });
});

describe('meeting people', () => {
  it('MDOC-3 joining is idempotent: the role and join time stay, the name follows', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
    const again = joinMeeting(doc, { id: 'user0001', name: ' Awa  D. ', now: 50 });
    expect(again).toEqual({ id: 'user0001', name: 'Awa D.', role: 'facilitator', joinedAt: 1 });
    expect(joinMeeting(doc, { id: 'user0002', name: 'Bea', now: 2 }).role).toBe('participant');
    expect(listPeople(doc)).toHaveLength(2);
  });

  it('MDOC-3 joining again with the same name writes nothing', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', now: 1 });
    let updates = 0;
    doc.on('update', () => updates++);
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'observer', now: 9 });
    expect(updates).toBe(0);
  });

  it('MDOC-4 changes roles but keeps at least one facilitator', () => {
    const doc = new Y.Doc();
    joinMeeting(doc, { id: 'user0001', name: 'Awa', role: 'facilitator', now: 1 });
    joinMeeting(doc, { id: 'user0002', name: 'Bea', now: 2 });
    expect(() => setPersonRole(doc, 'user0001', 'participant')).toThrow(/at least one/);
    setPersonRole(doc, 'user0002', 'facilitator');
    setPersonRole(doc, 'user0001', 'observer');
    expect(listPeople(doc).map((p) => p.role)).toEqual(['observer', 'facilitator']);
    expect(() => setPersonRole(doc, 'nobody01', 'observer')).toThrow(/not in this meeting/);
    expect(() => setPersonRole(doc, 'user0001', 'king' as 'observer')).toThrow(/unknown role/);
  });

  it('MDOC-5 lists people by join time, then id, the same on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    joinMeeting(a, { id: 'zed00001', name: 'Zed', now: 5 });
    joinMeeting(b, { id: 'amy00001', name: 'Amy', now: 5 });
    joinMeeting(b, { id: 'bob00001', name: 'Bob', now: 1 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ids = ['bob00001', 'amy00001', 'zed00001'];
    expect(listPeople(a).map((p) => p.id)).toEqual(ids);
    expect(listPeople(b).map((p) => p.id)).toEqual(ids);
  });
});
