import { describe, expect, it } from 'vitest';
import { CONTEXT, harness, type Harness } from '../../test/meetingHarness.ts';
import { isAmendStep, mayAmendText } from './amending.ts';
import {
  addLiveItem,
  confirmAmendment,
  endTurn,
  gotoItem,
  linkAmendment,
  nextStep,
  passTurn,
  recordOutcome,
  recordPosition,
  skipItem,
  startMeeting,
  startRound,
} from './commands.ts';
import { decisionRecord } from './decisionRecord.ts';
import { notYetHeard, quietFirst, speakingTimes } from './equity.ts';
import { agendaTime, itemElapsedMs, itemOverrunMs } from './itemTime.ts';
import { objectionFollowUp } from './objectionFollowUp.ts';
import { parseEvent } from './parseEvent.ts';
import { currentItem, findItem, objectionResolution } from './selectors.ts';

const item = (h: Harness) => currentItem(h.state())!;

/** The consent item (owner ana) at its first consent round. */
function consentRound(): Harness {
  const h = harness();
  h.act(startMeeting, 'fac1');
  for (let i = 0; i < 5; i++) h.act(nextStep, 'fac1');
  return h;
}

describe('amending the text', () => {
  it('AMEND-1 the proposer amends at "Amend and clarify" and at "Integrate", not elsewhere', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1'); // present
    expect(isAmendStep(h.state())).toBe(false);
    for (let i = 0; i < 3; i++) h.act(nextStep, 'fac1');
    expect(h.state().step!.key).toBe('amend');
    expect(mayAmendText(h.state(), 'ana')).toBe(true); // the proposer
    expect(mayAmendText(h.state(), 'fac2')).toBe(true); // a facilitator
    expect(mayAmendText(h.state(), 'ben')).toBe(false);
    h.act(nextStep, 'fac1'); // consent round
    expect(mayAmendText(h.state(), 'ana')).toBe(false);
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(nextStep, 'fac1'); // integrate
    expect(mayAmendText(h.state(), 'ana')).toBe(true);
  });
});

describe('the proposer of a live proposal item', () => {
  it('AGENDA-9 a proposal item added live is owned by the proposer it names, else by its adder', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    const input = { kind: 'proposal' as const, title: 'Awa’s', proposalId: 'prop-x1' };
    h.act(addLiveItem, 'chloe', { ...input, id: 'live01', ownerId: 'awa999' });
    h.act(addLiveItem, 'chloe', { ...input, id: 'live02' });
    h.act(addLiveItem, 'chloe', { kind: 'tension', text: 'Keys', id: 'live03', ownerId: 'ben' });
    expect(findItem(h.state(), 'live01')!.ownerId).toBe('awa999');
    expect(findItem(h.state(), 'live02')!.ownerId).toBe('chloe');
    expect(findItem(h.state(), 'live03')!.ownerId).toBe('chloe');
    const parsed = parseEvent({
      ...h.log[1]!,
      item: { ...(h.log[1] as { item: object }).item, ownerId: 5 },
    });
    expect(parsed).toBeNull();
  });
});

describe('consent: the objector is asked', () => {
  it('CONSENT-4 only the objector answers; a yes confirms, a no is kept and confirms nothing', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    h.act(linkAmendment, 'ana', id, 'Changed');
    expect(h.act(confirmAmendment, 'ana', id)).toMatchObject({ reason: 'not-allowed' });
    expect(h.act(confirmAmendment, 'ben', id, false).status).toBe('applied');
    expect(item(h).objections[0]!.confirmations).toEqual([
      expect.objectContaining({ by: 'ben', resolves: false }),
    ]);
    expect(objectionResolution(item(h), item(h).objections[0]!)).toBe('integrated');
    expect(h.act(confirmAmendment, 'ben', id)).toMatchObject({ reason: 'already-confirmed' });
    h.act(linkAmendment, 'ana', id, 'Changed again');
    expect(h.act(confirmAmendment, 'ben', id).status).toBe('applied');
    expect(objectionResolution(item(h), item(h).objections[0]!)).toBe('confirmed');
  });

  it('CONSENT-4 a "no" travels as resolves: false and parses back the same', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(nextStep, 'fac1');
    const id = item(h).objections[0]!.id;
    h.act(linkAmendment, 'ana', id, 'Changed');
    h.act(confirmAmendment, 'ben', id, false);
    expect(parseEvent(h.last())).toEqual(h.last());
    expect(parseEvent({ ...h.last(), resolves: 'no' })).toBeNull();
  });

  it('CONSENT-5 an objector who consents in the next round lifted the objection', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'objection', reason: 'No' });
    h.act(recordPosition, 'chloe', { value: 'objection', reason: 'Also no' });
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(nextStep, 'fac1'); // integrate, nothing linked
    h.act(nextStep, 'fac1'); // consent round 2
    h.act(recordPosition, 'ben', { value: 'consent' });
    h.act(recordPosition, 'ana', { value: 'consent' });
    const record = decisionRecord(h.state(), 'consent1')!;
    const [ben, chloe] = record.objections;
    expect(ben!.resolution).toBe('open');
    expect(objectionFollowUp(record.positions, ben!)).toEqual({
      kind: 'lifted',
      round: 2,
      value: 'consent',
    });
    expect(objectionFollowUp(record.positions, chloe!)).toMatchObject({ kind: 'absent' });
    h.act(recordPosition, 'chloe', { value: 'objection', reason: 'Still no' });
    const again = decisionRecord(h.state(), 'consent1')!;
    expect(objectionFollowUp(again.positions, again.objections[1]!)).toMatchObject({
      kind: 'raised-again',
    });
    expect(objectionFollowUp(again.positions, again.objections[2]!)).toBeNull();
  });
});

describe('time boxes per item', () => {
  it('TIME-1 an item’s time runs over its steps and visits, never restarting; overrun shows', () => {
    const h = harness(); // 1 s per command; items have 15-minute time boxes
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1'); // enters consent1
    const entered = item(h).currentSince!;
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    const now = entered + 16 * 60_000;
    expect(itemElapsedMs(item(h), now)).toBe(16 * 60_000);
    expect(itemOverrunMs(item(h), now)).toBe(60_000);
    h.act(gotoItem, 'fac1', 'tension1'); // leaves consent1 at entered + 3 s
    const left = findItem(h.state(), 'consent1')!;
    expect(left.spentMs).toBe(3000);
    expect(itemElapsedMs(left, now)).toBe(3000);
    h.act(gotoItem, 'fac1', 'consent1');
    const back = item(h);
    expect(itemElapsedMs(back, back.currentSince! + 2000)).toBe(5000);
  });

  it('TIME-1 a done item’s time stops at its end', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    const entered = item(h).currentSince!;
    h.act(recordOutcome, 'fac1', 'withdrawn');
    expect(itemElapsedMs(item(h), entered + 3_600_000)).toBe(1000);
  });

  it('TIME-2 the agenda’s planned time leaves out skipped items; remaining counts the rest', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(skipItem, 'fac1', 'info1');
    const time = agendaTime(h.state(), 0);
    expect(time.plannedMs).toBe(3 * 15 * 60_000);
    expect(time.remainingMs).toBe(3 * 15 * 60_000);
    expect(time.elapsedMs).toBe(0);
  });
});

describe('speaking-time equity', () => {
  function checkIn(): Harness {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(startRound, 'fac1', ['ana', 'ben', 'chloe']);
    return h;
  }

  it('EQUITY-1 a turn runs from the round’s start or the previous turn’s end; a pass takes no time', () => {
    const h = checkIn();
    h.act(endTurn, 'ana'); // 1 s after the start
    h.act(passTurn, 'ben');
    h.act(endTurn, 'chloe');
    const times = speakingTimes(h.state());
    expect(times).toEqual([
      { person: 'ana', spokenMs: 1000, share: 0.5, turnsSpoken: 1, turnsPassed: 0 },
      { person: 'chloe', spokenMs: 1000, share: 0.5, turnsSpoken: 1, turnsPassed: 0 },
      { person: 'ben', spokenMs: 0, share: 0, turnsSpoken: 0, turnsPassed: 1 },
    ]);
  });

  it('EQUITY-2 the running turn counts up to now; scopes by item', () => {
    const h = checkIn();
    const start = h.state().round!.startedAt;
    h.act(endTurn, 'ana');
    const live = speakingTimes(h.state(), { now: start + 4000 });
    expect(live.find((s) => s.person === 'ben')!.spokenMs).toBe(3000);
    expect(live.find((s) => s.person === 'ana')!.share).toBe(0.25);
    expect(speakingTimes(h.state(), { itemId: 'consent1' })).toEqual([]);
    expect(speakingTimes(h.state(), { itemId: null })).toHaveLength(3);
  });

  it('EQUITY-3 not yet heard: those taking part who have not spoken in the item (a pass is not heard)', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1'); // clarify (round)
    h.act(startRound, 'fac1', ['ana', 'ben']);
    h.act(endTurn, 'ana');
    h.act(passTurn, 'ben');
    expect(notYetHeard(h.state(), CONTEXT, 'consent1')).toEqual(['fac1', 'fac2', 'ben', 'chloe']);
    expect(notYetHeard(h.state(), CONTEXT, 'idm1')).toContain('ana');
  });

  it('EQUITY-4 quiet ones first keeps each group’s order', () => {
    expect(quietFirst(['ana', 'ben', 'chloe', 'fac1'], ['fac1', 'ben'])).toEqual([
      'ben',
      'fac1',
      'ana',
      'chloe',
    ]);
  });
});

describe('interests beside positions', () => {
  it('INTEREST-1 a position may declare an interest; an empty one without conflict is refused', () => {
    const h = consentRound();
    expect(
      h.act(recordPosition, 'ben', {
        value: 'consent',
        interest: { text: '  I run the Friday rota ', conflict: true },
      }).status,
    ).toBe('applied');
    expect(item(h).positions[0]!.interest).toEqual({
      text: 'I run the Friday rota',
      conflict: true,
    });
    expect(parseEvent(h.last())).toEqual(h.last());
    expect(
      h.act(recordPosition, 'ana', { value: 'consent', interest: { text: ' ', conflict: false } }),
    ).toMatchObject({ reason: 'invalid-interest' });
    expect(parseEvent({ ...h.last(), interest: { text: 'x', conflict: 'yes' } })).toBeNull();
    expect(parseEvent({ ...h.last(), interest: null })).toBeNull();
    h.act(recordPosition, 'chloe', { value: 'consent' });
    expect(item(h).positions.at(-1)).not.toHaveProperty('interest');
  });

  it('INTEREST-2 the decision record keeps the interest beside its position', () => {
    const h = consentRound();
    h.act(recordPosition, 'ben', { value: 'consent', interest: { text: '', conflict: true } });
    h.act(recordPosition, 'ana', { value: 'consent' });
    const record = decisionRecord(h.state(), 'consent1')!;
    expect(record.positions[0]!.interest).toEqual({ text: '', conflict: true });
    expect(record.positions[1]).not.toHaveProperty('interest');
  });
});
