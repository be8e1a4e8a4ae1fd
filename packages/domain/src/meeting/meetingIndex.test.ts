import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addMeetingSummary,
  listMeetings,
  updateMeetingSummary,
  type MeetingSummary,
} from './meetingIndex.ts';

function summary(id: string, startsAt: number, status: MeetingSummary['status']): MeetingSummary {
  return { id, title: id, circleId: 'c1', kind: 'tactical', startsAt, status, updatedAt: 1 };
}

describe('meetings index', () => {
  it('MDOC-6 lists a meeting once, with its creator when named', () => {
    const doc = new Y.Doc();
    addMeetingSummary(doc, summary('meet0001', 10, 'upcoming'));
    expect(() => addMeetingSummary(doc, summary('meet0001', 10, 'upcoming'))).toThrow(/already/);
    addMeetingSummary(doc, { ...summary('meet0002', 20, 'upcoming'), createdBy: 'awa00001' });
    expect(listMeetings(doc).upcoming.map((m) => m.createdBy)).toEqual([undefined, 'awa00001']);
  });

  it('MDOC-7 writes only what changed and ignores a stale patch', () => {
    const doc = new Y.Doc();
    addMeetingSummary(doc, summary('meet0001', 10, 'upcoming'));
    updateMeetingSummary(doc, 'meet0001', { status: 'live', updatedAt: 5 });
    updateMeetingSummary(doc, 'meet0001', { status: 'upcoming', title: 'Old', updatedAt: 3 });
    expect(listMeetings(doc).live.map((m) => [m.title, m.updatedAt])).toEqual([['meet0001', 5]]);
    let updates = 0;
    doc.on('update', () => updates++);
    updateMeetingSummary(doc, 'meet0001', { status: 'live', updatedAt: 5 });
    expect(updates).toBe(0);
    expect(() => updateMeetingSummary(doc, 'missing1', { updatedAt: 9 })).toThrow(/not listed/);
  });

  it('MDOC-8 groups live, upcoming (soonest first) and ended (latest first), ties by id', () => {
    const doc = new Y.Doc();
    addMeetingSummary(doc, summary('up000002', 300, 'upcoming'));
    addMeetingSummary(doc, summary('up000001', 200, 'upcoming'));
    addMeetingSummary(doc, summary('up000000', 200, 'upcoming'));
    addMeetingSummary(doc, summary('end00001', 50, 'ended'));
    addMeetingSummary(doc, summary('end00002', 90, 'ended'));
    addMeetingSummary(doc, summary('live0001', 100, 'live'));
    const groups = listMeetings(doc);
    expect(groups.live.map((m) => m.id)).toEqual(['live0001']);
    expect(groups.upcoming.map((m) => m.id)).toEqual(['up000000', 'up000001', 'up000002']);
    expect(groups.ended.map((m) => m.id)).toEqual(['end00002', 'end00001']);
  });
});
