import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDecisionEntry, type DecisionEntry } from './decisionEntry.ts';
import {
  decisionsDueForReview,
  hasDecision,
  listDecisions,
  readDecision,
  recordDecision,
  spaceDecisions,
} from './decisionLog.ts';

function entry(id: string, fields: Partial<DecisionEntry> = {}): DecisionEntry {
  return parseDecisionEntry({
    id,
    title: `Proposal ${id}`,
    outcome: 'adopted',
    decidedAt: 100,
    proposalId: `p-${id}`,
    ...fields,
  })!;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('the decision log', () => {
  it('DEC-1 recording the same outcome twice keeps one entry, the first', () => {
    const doc = new Y.Doc();
    expect(recordDecision(doc, entry('out00001', { driver: 'first' }))).toBe(true);
    expect(recordDecision(doc, entry('out00001', { driver: 'second' }))).toBe(false);
    expect(listDecisions(doc)).toHaveLength(1);
    expect(readDecision(doc, 'out00001')?.driver).toBe('first');
    expect(hasDecision(doc, 'out00001')).toBe(true);
  });

  it('DEC-1 an entry is one plain value: concurrent writes of one id leave one whole entry', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const fromA = entry('out00001', { driver: 'from a', reviewDate: '2026-01-01' });
    const fromB = entry('out00001', { driver: 'from b', reviewDate: null });
    recordDecision(a, fromA);
    recordDecision(b, fromB);
    sync(a, b);
    expect(spaceDecisions(a).size).toBe(1);
    expect(listDecisions(a)).toEqual(listDecisions(b));
    // Whole: never a's driver with b's review date.
    expect([fromA, fromB]).toContainEqual(listDecisions(a)[0]);
    expect(spaceDecisions(a).get('out00001')).not.toBeInstanceOf(Y.Map);
  });

  it('DEC-5 lists newest first, ties by id; malformed or misfiled entries are left out', () => {
    const doc = new Y.Doc();
    recordDecision(doc, entry('bbbbbbbb', { decidedAt: 200 }));
    recordDecision(doc, entry('aaaaaaaa', { decidedAt: 200 }));
    recordDecision(doc, entry('cccccccc', { decidedAt: 300 }));
    recordDecision(doc, entry('dddddddd', { decidedAt: 100 }));
    spaceDecisions(doc).set('broken01', { id: 'broken01', outcome: 'maybe' });
    spaceDecisions(doc).set('misfiled', entry('elsewhere'));
    expect(listDecisions(doc).map((e) => e.id)).toEqual([
      'cccccccc',
      'aaaaaaaa',
      'bbbbbbbb',
      'dddddddd',
    ]);
  });

  it('DEC-5 a sparse entry reads with empty defaults', () => {
    expect(entry('x1234567')).toMatchObject({
      meeting: { id: '', title: '', circleId: '', circleName: '' },
      positions: [],
      objections: [],
      names: {},
      body: [],
      reviewDate: null,
    });
  });

  it('DEC-7 due for review: the date has come and no later decision on the proposal', () => {
    const entries = [
      entry('a0000001', { reviewDate: '2026-03-01', decidedAt: 1 }),
      entry('a0000002', { reviewDate: '2026-05-01', decidedAt: 2 }),
      entry('a0000003', { reviewDate: '2026-06-02', decidedAt: 3 }),
      entry('a0000004', { reviewDate: null, decidedAt: 4 }),
      // Deferred then adopted later: the deferral's review date no longer applies.
      entry('b0000001', {
        proposalId: 'shared',
        reviewDate: '2026-01-01',
        outcome: 'deferred',
        decidedAt: 5,
      }),
      entry('b0000002', { proposalId: 'shared', reviewDate: '2027-01-01', decidedAt: 6 }),
    ];
    expect(decisionsDueForReview(entries, '2026-05-01').map((e) => e.id)).toEqual([
      'a0000001',
      'a0000002',
    ]);
    expect(decisionsDueForReview(entries, '2027-01-01').map((e) => e.id)).toEqual([
      'a0000001',
      'a0000002',
      'a0000003',
      'b0000002',
    ]);
  });
});
