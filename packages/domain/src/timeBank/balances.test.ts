import { describe, expect, it } from 'vitest';
import type { ParticipationEntry } from '../decisions/participation.ts';
import { dayAtOffset, timeBalances } from './balances.ts';
import { foldTimeLog } from './foldTimeLog.ts';
import { ANCHOR_ROSTER, confirm, declare, dispute } from './testEvents.ts';

const MIN = 60_000;
const START = Date.UTC(2026, 2, 10, 9, 0);

const meeting = (
  id: string,
  circleId: string,
  start: number,
  minutes: number,
  people: ParticipationEntry['people'],
): ParticipationEntry => ({
  meetingId: id,
  title: id,
  circleId,
  startedAt: start,
  endedAt: start + minutes * MIN,
  people,
});

const person = (id: string, spokenMin: number, presentMin?: number) => ({
  id,
  name: id.toUpperCase(),
  spokenMs: spokenMin * MIN,
  turnsSpoken: 1,
  turnsPassed: 0,
  ...(presentMin === undefined ? {} : { presentMs: presentMin * MIN }),
});

describe('time bank balances', () => {
  it('TIME-7 counts presence from join to end, spoken time within it, and a whole meeting for old entries', () => {
    const { people } = timeBalances({
      entries: [],
      participation: [
        meeting('meet0001', 'circle01', START, 60, [
          person('anaUser1', 10, 60),
          person('benUser1', 5, 20.4),
          person('oldUser1', 3),
        ]),
      ],
      period: { from: null, to: null },
    });
    expect(people.map((p) => [p.id, p.meeting, p.spoken, p.meetings, p.total])).toEqual([
      ['anaUser1', 60, 10, 1, 60],
      ['oldUser1', 60, 3, 1, 60],
      ['benUser1', 20, 5, 1, 20],
    ]);
  });

  it('TIME-8 filters by period (both ends in, meetings by the day they ended at the viewer’s offset) and by circle', () => {
    const late = Date.UTC(2026, 2, 10, 23, 0); // ends 23:30 UTC, 00:30 the next day at +60
    const participation = [
      meeting('meet0001', 'circle01', late, 30, [person('anaUser1', 1, 30)]),
      meeting('meet0002', 'circle02', START, 45, [person('anaUser1', 1, 45)]),
    ];
    const { entries } = foldTimeLog(
      [
        declare('e1000001', 'anaUser1', { workedOn: '2026-03-11', minutes: 15 }),
        declare('e1000002', 'anaUser1', { workedOn: '2026-03-12', minutes: 25 }),
        declare('e1000003', 'anaUser1', { workedOn: '2026-03-09', minutes: 35 }),
      ],
      ANCHOR_ROSTER,
    );
    const at = (utcOffsetMinutes: number, circleId: string | null = null) =>
      timeBalances({
        entries,
        participation,
        circleId,
        utcOffsetMinutes,
        period: { from: '2026-03-11', to: '2026-03-11' },
      }).people[0];
    expect(dayAtOffset(late + 30 * MIN, 60)).toBe('2026-03-11');
    expect(at(60)).toMatchObject({ meeting: 30, pending: 15 });
    expect(at(0)).toMatchObject({ meeting: 0, pending: 15 });
    expect(at(60, 'circle02')).toBeUndefined();
    const all = timeBalances({
      entries,
      participation,
      circleId: 'circle02',
      period: { from: null, to: null },
    });
    expect(all.people[0]).toMatchObject({ meeting: 45, pending: 0 });
  });

  it('TIME-9 counts meeting time and confirmed work; pending and disputed are shown, not counted', () => {
    const { entries } = foldTimeLog(
      [
        declare('e1000001', 'anaUser1', { minutes: 60 }),
        declare('e1000002', 'anaUser1', { minutes: 30, circleId: 'circle02' }),
        declare('e1000003', 'anaUser1', { minutes: 20 }),
        declare('e1000004', 'benUser1', { minutes: 100 }),
        confirm('c1000001', 'benUser1', 'e1000001'),
        dispute('d1000001', 'benUser1', 'e1000003'),
      ],
      ANCHOR_ROSTER,
    );
    const result = timeBalances({
      entries,
      participation: [meeting('meet0001', 'circle01', START, 30, [person('benUser1', 2, 30)])],
      period: { from: null, to: null },
    });
    expect(result.people).toEqual([
      {
        id: 'anaUser1',
        name: 'ANAUSER1',
        meetings: 0,
        meeting: 0,
        spoken: 0,
        confirmed: 60,
        pending: 30,
        disputed: 20,
        total: 60,
      },
      {
        id: 'benUser1',
        name: 'BENUSER1',
        meetings: 1,
        meeting: 30,
        spoken: 2,
        confirmed: 0,
        pending: 100,
        disputed: 0,
        total: 30,
      },
    ]);
    expect(result.circles.map((c) => [c.circleId, c.people, c.total, c.pending])).toEqual([
      ['circle01', 2, 90, 100],
      ['circle02', 1, 0, 30],
    ]);
    expect(result.totals).toEqual({
      meeting: 30,
      spoken: 2,
      confirmed: 60,
      pending: 130,
      disputed: 20,
      total: 90,
    });
  });

  it('TIME-9 breaks ties of total by id', () => {
    const result = timeBalances({
      entries: [],
      participation: [
        meeting('meet0001', 'circle01', START, 30, [
          person('zed00001', 0, 30),
          person('amy00001', 0, 30),
        ]),
      ],
      period: { from: null, to: null },
    });
    expect(result.people.map((p) => p.id)).toEqual(['amy00001', 'zed00001']);
  });
});
