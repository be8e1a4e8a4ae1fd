import { describe, expect, it } from 'vitest';
import { checkTimeEvent, entriesToReview, foldTimeLog } from './foldTimeLog.ts';
import { ANCHOR_ROSTER, amend, confirm, declare, dispute } from './testEvents.ts';

const ANA = 'anaUser1';
const BEN = 'benUser1';
const CHLOE = 'chloeUs1';

describe('time log fold', () => {
  it('TIME-3 a declared entry is pending until someone else confirms it', () => {
    const log = [declare('e1000001', ANA)];
    expect(foldTimeLog(log, ANCHOR_ROSTER).entries[0]).toMatchObject({
      status: 'pending',
      confirmedBy: null,
    });
    const own = foldTimeLog([...log, confirm('c1000001', ANA, 'e1000001')], ANCHOR_ROSTER);
    expect(own.entries[0]!.status).toBe('pending');
    expect(own.refused).toEqual([{ index: 1, reason: 'own-entry' }]);
    const other = foldTimeLog([...log, confirm('c1000001', BEN, 'e1000001', 5000)], ANCHOR_ROSTER);
    expect(other.entries[0]).toMatchObject({
      status: 'confirmed',
      confirmedBy: { id: BEN, name: 'BENUSER1', at: 5000 },
      updatedAt: 5000,
    });
  });

  it('TIME-3 only a pending entry is confirmed or disputed', () => {
    const log = [
      declare('e1000001', ANA),
      confirm('c1000001', BEN, 'e1000001'),
      dispute('d1000001', CHLOE, 'e1000001'),
      confirm('c1000002', CHLOE, 'e1000001'),
      confirm('c1000003', CHLOE, 'nosuch01'),
    ];
    const state = foldTimeLog(log, ANCHOR_ROSTER);
    expect(state.entries[0]!.status).toBe('confirmed');
    expect(state.refused).toEqual([
      { index: 2, reason: 'not-pending' },
      { index: 3, reason: 'not-pending' },
      { index: 4, reason: 'unknown-entry' },
    ]);
  });

  it('TIME-4 a dispute carries its reason and stays visible', () => {
    const state = foldTimeLog(
      [
        declare('e1000001', ANA, { minutes: 240 }),
        dispute('d1000001', ANA, 'e1000001'),
        dispute('d1000002', BEN, 'e1000001', 'two hours at most'),
      ],
      ANCHOR_ROSTER,
    );
    expect(state.refused).toEqual([{ index: 1, reason: 'own-entry' }]);
    expect(state.entries[0]).toMatchObject({
      status: 'disputed',
      disputes: [
        { eventId: 'd1000002', by: BEN, reason: 'two hours at most', minutes: 240, at: 2000 },
      ],
    });
  });

  it('TIME-5 only the declarer amends a disputed entry, which is pending again with its disputes kept', () => {
    const base = [declare('e1000001', ANA, { minutes: 240 }), dispute('d1000001', BEN, 'e1000001')];
    const byOther = foldTimeLog(
      [...base, amend('a1000001', CHLOE, 'e1000001', { minutes: 1 })],
      ANCHOR_ROSTER,
    );
    expect(byOther.refused).toEqual([{ index: 2, reason: 'not-declarer' }]);
    expect(byOther.entries[0]!.minutes).toBe(240);
    const state = foldTimeLog(
      [
        ...base,
        amend('a1000001', ANA, 'e1000001', { minutes: 120, note: 'two hours then' }),
        amend('a1000002', ANA, 'e1000001', { minutes: 1 }),
        confirm('c1000001', CHLOE, 'e1000001'),
      ],
      ANCHOR_ROSTER,
    );
    expect(state.refused).toEqual([{ index: 3, reason: 'not-disputed' }]);
    expect(state.entries[0]).toMatchObject({
      status: 'confirmed',
      minutes: 120,
      note: 'two hours then',
      amendments: 1,
      disputes: [{ eventId: 'd1000001', minutes: 240 }],
    });
  });

  it('TIME-6 malformed and duplicate events are ignored and listed, in log order', () => {
    const state = foldTimeLog(
      [
        { type: 'time.declare' },
        declare('e1000001', ANA),
        declare('e1000001', BEN),
        confirm('e1000001', BEN, 'e1000001'),
        declare('e1000002', BEN),
      ],
      ANCHOR_ROSTER,
    );
    expect(state.entries.map((e) => [e.id, e.declarer])).toEqual([
      ['e1000001', ANA],
      ['e1000002', BEN],
    ]);
    expect(state.refused).toEqual([
      { index: 0, reason: 'malformed' },
      { index: 2, reason: 'duplicate-id' },
      { index: 3, reason: 'duplicate-id' },
    ]);
  });

  it('TIME-6 checkTimeEvent refuses exactly what the fold would ignore', () => {
    const state = foldTimeLog(
      [declare('e1000001', ANA), dispute('d1000001', BEN, 'e1000001')],
      ANCHOR_ROSTER,
    );
    expect(checkTimeEvent(state, declare('d1000001', CHLOE), ANCHOR_ROSTER)).toBe('duplicate-id');
    expect(checkTimeEvent(state, confirm('c1000001', CHLOE, 'e1000001'), ANCHOR_ROSTER)).toBe(
      'not-pending',
    );
    expect(checkTimeEvent(state, amend('a1000001', BEN, 'e1000001'), ANCHOR_ROSTER)).toBe(
      'not-declarer',
    );
    expect(checkTimeEvent(state, amend('a1000001', ANA, 'e1000001'), ANCHOR_ROSTER)).toBeNull();
    expect(checkTimeEvent(state, declare('e1000002', CHLOE), ANCHOR_ROSTER)).toBeNull();
  });

  it('TIME-3 lists what a member may review: pending work of others, oldest first', () => {
    const { entries } = foldTimeLog(
      [
        declare('e1000003', BEN, { workedOn: '2026-03-12' }),
        declare('e1000001', ANA, { workedOn: '2026-03-11' }),
        declare('e1000002', BEN, { workedOn: '2026-03-11' }),
        declare('e1000004', CHLOE),
        confirm('c1000001', ANA, 'e1000004'),
      ],
      ANCHOR_ROSTER,
    );
    expect(entriesToReview(entries, ANA, ANCHOR_ROSTER, 0).map((e) => e.id)).toEqual([
      'e1000002',
      'e1000003',
    ]);
  });

  it('TIME-5 an amendment sets or drops the id of what was worked on', () => {
    const declared = { ...declare('e1000001', ANA, { kind: 'role' }), subjectId: 'role0001' };
    const base = [declared, dispute('d1000001', BEN, 'e1000001')];
    expect(foldTimeLog([declared], ANCHOR_ROSTER).entries[0]?.subjectId).toBe('role0001');
    const moved = {
      ...amend('a1000001', ANA, 'e1000001', { kind: 'role' }),
      subjectId: 'role0002',
    };
    expect(foldTimeLog([...base, moved], ANCHOR_ROSTER).entries[0]?.subjectId).toBe('role0002');
    const dropped = amend('a1000001', ANA, 'e1000001', { kind: 'project' });
    expect(foldTimeLog([...base, dropped], ANCHOR_ROSTER).entries[0]).not.toHaveProperty(
      'subjectId',
    );
  });
});
