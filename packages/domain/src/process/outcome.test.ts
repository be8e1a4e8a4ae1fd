import { describe, expect, it } from 'vitest';
import { CONTEXT, harness, type Harness } from '../../test/meetingHarness.ts';
import {
  endTurn,
  gotoItem,
  handOver,
  nextStep,
  passTurn,
  recordOutcome,
  recordPosition,
  startMeeting,
  startRound,
} from './commands.ts';
import { decisionRecord } from './decisionRecord.ts';
import { reduceMeeting } from './fold.ts';
import { isReviewDate } from './outcome.ts';
import { currentItem } from './selectors.ts';
import type { ObjectionState } from './state.ts';

/** The consent item at its first consent round. */
function consentRound(): Harness {
  const h = harness();
  h.act(startMeeting, 'fac1');
  for (let i = 0; i < 5; i++) h.act(nextStep, 'fac1');
  return h;
}

describe('outcome and decision record', () => {
  it('OUT-1 only a facilitator records an outcome, adopted or rejected at the outcome step only', () => {
    const h = consentRound();
    h.act(recordPosition, 'ana', { value: 'consent' });
    expect(h.act(recordOutcome, 'fac1', 'rejected')).toMatchObject({ reason: 'wrong-step' });
    h.act(nextStep, 'fac1');
    expect(h.act(recordOutcome, 'ana', 'rejected')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(recordOutcome, 'fac2', 'rejected').status).toBe('applied');
    expect(h.act(recordOutcome, 'fac2', 'withdrawn')).toMatchObject({ reason: 'item-done' });
    const item = h.state().items[0]!;
    expect(item).toMatchObject({ status: 'done', outcome: { outcome: 'rejected', by: 'fac2' } });
    expect(item.endedAt).toBe(item.outcome!.at);
  });

  it('OUT-1 withdrawn or deferred may be recorded at any step; not for non-proposal items', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.act(recordOutcome, 'fac1', 'deferred', '2026-03-01').status).toBe('applied');
    expect(h.state().items[0]).toMatchObject({
      status: 'done',
      outcome: { outcome: 'deferred', reviewDate: '2026-03-01' },
    });
    h.act(gotoItem, 'fac1', 'tension1');
    expect(h.act(recordOutcome, 'fac1', 'withdrawn')).toMatchObject({
      reason: 'wrong-item-kind',
    });
  });

  it('OUT-2 a review date is a real YYYY-MM-DD date and is required for adopted', () => {
    expect(isReviewDate('2026-02-28')).toBe(true);
    expect(isReviewDate('2024-02-29')).toBe(true);
    expect(isReviewDate('2026-02-29')).toBe(false);
    expect(isReviewDate('26-02-01')).toBe(false);
    const h = consentRound();
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(nextStep, 'fac1');
    expect(h.act(recordOutcome, 'fac1', 'adopted')).toMatchObject({
      reason: 'review-date-required',
    });
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2026-13-01')).toMatchObject({
      reason: 'invalid-date',
    });
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2027-01-15').status).toBe('applied');
  });

  it('OUT-3 adopted needs a latest positions round with positions and no blocking objection', () => {
    const empty = consentRound();
    empty.act(nextStep, 'fac1');
    expect(empty.state().step!.key).toBe('outcome');
    expect(empty.act(recordOutcome, 'fac1', 'adopted', '2027-01-01')).toMatchObject({
      reason: 'no-positions',
    });
    const h = consentRound();
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'No' });
    h.act(nextStep, 'fac1'); // integrate
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2027-01-01')).toMatchObject({
      reason: 'wrong-step',
    });
    h.act(nextStep, 'fac1'); // consent round 2
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(nextStep, 'fac1');
    expect(h.act(recordOutcome, 'fac1', 'adopted', '2027-01-01').status).toBe('applied');
  });

  it('OUT-3 the guard holds even in a state no command path reaches', () => {
    const h = consentRound();
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(nextStep, 'fac1'); // outcome, round 1 clear
    const state = h.state();
    const item = currentItem(state)!;
    const objection: ObjectionState = {
      id: 'obj001',
      round: 1,
      objector: 'ben',
      reason: 'Injected',
      anchor: null,
      recordedBy: 'ben',
      at: 1,
      test: null,
      amendments: [],
      confirmations: [],
    };
    const blocked = {
      ...state,
      items: state.items.map((it) => (it.id === item.id ? { ...it, objections: [objection] } : it)),
    };
    const event = recordOutcome(blocked, 'fac1', 9e6, 'adopted', '2027-01-01');
    expect(reduceMeeting(blocked, event, CONTEXT, 0).result).toMatchObject({
      reason: 'objections-open',
    });
    expect(reduceMeeting(state, event, CONTEXT, 0).result.status).toBe('applied');
  });

  it('OUT-5 decisionRecord gives participants, facilitators, positions, objections and times', () => {
    const h = consentRound();
    h.act(startRound, 'fac1', ['ana', 'ben', 'chloe']);
    h.act(endTurn, 'ana');
    h.act(passTurn, 'ben');
    h.act(endTurn, 'chloe');
    h.act(recordPosition, 'fac2', { value: 'consent', onBehalfOf: 'ben' });
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(recordPosition, 'ana', { value: 'stand-aside' });
    h.act(handOver, 'fac1', 'chloe');
    h.act(nextStep, 'fac2');
    h.act(recordOutcome, 'chloe', 'adopted', '2027-06-01');
    const record = decisionRecord(h.state(), 'consent1')!;
    expect(record).toMatchObject({
      itemId: 'consent1',
      proposalId: 'prop-consent1',
      process: 'consent',
      proposerId: 'ana',
      outcome: 'adopted',
      reviewDate: '2027-06-01',
      decidedBy: 'chloe',
      participants: ['ana', 'ben', 'chloe'],
      facilitators: ['chloe', 'fac1', 'fac2'],
      positionRounds: 1,
      objections: [],
    });
    expect(record.durationMs).toBe(record.endedAt! - record.startedAt!);
    expect(record.durationMs).toBeGreaterThan(0);
    expect(record.positions.map((p) => [p.person, p.value, p.onBehalfOf, p.counted])).toEqual([
      ['ben', 'consent', 'ben', true],
      ['ana', 'consent', null, false],
      ['ana', 'stand-aside', null, true],
    ]);
    expect(decisionRecord(h.state(), 'tension1')).toBeNull();
    expect(decisionRecord(h.state(), 'nope99')).toBeNull();
  });
});
