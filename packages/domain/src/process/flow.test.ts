import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AGENDA, CONTEXT, PEOPLE, agendaItem, harness } from '../../test/meetingHarness.ts';
import {
  gotoItem,
  nextStep,
  noteItem,
  recordOutcome,
  recordPosition,
  skipItem,
  startMeeting,
  undoStep,
} from './commands.ts';
import { foldMeeting, initialMeetingState } from './fold.ts';
import { appendEvent, meetingLog, readLog } from './log.ts';

/** Walks a consent item from its first step to its positions step. */
function toConsentRound(h: ReturnType<typeof harness>): void {
  h.act(startMeeting, 'fac1');
  h.act(nextStep, 'fac1'); // consent1: present
  for (let i = 0; i < 4; i++) h.act(nextStep, 'fac1'); // clarify, react, amend, consent
}

describe('meeting flow', () => {
  it('MEET-1 state is a fold of the log; every entry gets a result', () => {
    const h = harness();
    const before = h.state();
    expect(h.act(startMeeting, 'fac1').status).toBe('applied');
    expect(h.push(startMeeting(before, 'fac2', 7))).toMatchObject({
      status: 'superseded',
      reason: 'stale',
    });
    const log = [...h.log];
    expect(foldMeeting(log, CONTEXT)).toEqual(foldMeeting(log, CONTEXT));
    expect(foldMeeting(log, CONTEXT).results.map((r) => r.status)).toEqual([
      'applied',
      'superseded',
    ]);
  });

  it('MEET-1 appendEvent writes plain events to the log array; the fold never mutates them', () => {
    const doc = new Y.Doc();
    const state = initialMeetingState(CONTEXT);
    const event = startMeeting(state, 'fac1', 5);
    const frozen = JSON.parse(JSON.stringify(event));
    appendEvent(doc, event);
    expect(meetingLog(doc).length).toBe(1);
    const folded = foldMeeting(readLog(doc), CONTEXT);
    expect(folded.phase).toBe('check-in');
    expect(readLog(doc)).toEqual([frozen]);
    expect(state.phase).toBe('not-started');
  });

  it('MEET-2 starts not started with the agenda pending and facilitators from roles', () => {
    const state = initialMeetingState(CONTEXT);
    expect(state.phase).toBe('not-started');
    expect(state.items.map((i) => [i.id, i.status])).toEqual(
      AGENDA.map((item) => [item.id, 'pending']),
    );
    expect(state.facilitators).toEqual(['fac1', 'fac2']);
  });

  it('MEET-3 MEET-14 two facilitators pressing next at once advance exactly once', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    b.clientID = a.clientID + 1;
    appendEvent(a, startMeeting(foldMeeting(readLog(a), CONTEXT), 'fac1', 1));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    appendEvent(a, nextStep(foldMeeting(readLog(a), CONTEXT), 'fac1', 2));
    appendEvent(b, nextStep(foldMeeting(readLog(b), CONTEXT), 'fac2', 2));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const [sa, sb] = [foldMeeting(readLog(a), CONTEXT), foldMeeting(readLog(b), CONTEXT)];
    expect(sa).toEqual(sb);
    expect(sa.results.map((r) => r.status)).toEqual(['applied', 'applied', 'superseded']);
    expect(sa.currentItemId).toBe('consent1');
    expect(sa.step?.key).toBe('present');
  });

  it('MEET-3 a command against an earlier visit of the same step never applies', () => {
    const h = harness();
    toConsentRound(h);
    const stale = h.state();
    h.act(undoStep, 'fac1'); // back to amend
    h.act(nextStep, 'fac1'); // consent round again, new visit
    expect(h.push(recordPosition(stale, 'ana', 9e6, { value: 'consent' }))).toMatchObject({
      status: 'superseded',
    });
  });

  it('MEET-4 the meeting goes check-in → items → closing → ended; only facilitators navigate', () => {
    const h = harness({ agenda: [agendaItem('info1', 'information')], people: PEOPLE });
    expect(h.act(startMeeting, 'ana')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(nextStep, 'fac1')).toMatchObject({ reason: 'not-started' });
    h.act(startMeeting, 'fac2');
    expect(h.state().phase).toBe('check-in');
    expect(h.act(nextStep, 'ben')).toMatchObject({ reason: 'not-facilitator' });
    h.act(nextStep, 'fac1');
    expect(h.state()).toMatchObject({ phase: 'item', currentItemId: 'info1' });
    h.act(nextStep, 'fac1');
    expect(h.state()).toMatchObject({ phase: 'closing', currentItemId: null });
    h.act(nextStep, 'fac1');
    expect(h.state()).toMatchObject({ phase: 'ended', step: null });
    expect(h.state().endedAt).not.toBeNull();
    expect(h.act(nextStep, 'fac1')).toMatchObject({ reason: 'meeting-ended' });
  });

  it('MEET-5 next goes to the first pending item in agenda order, then closing', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(skipItem, 'fac1', 'idm1');
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('consent1');
    h.act(recordOutcome, 'fac1', 'withdrawn');
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('tension1');
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('info1');
    h.act(nextStep, 'fac1');
    expect(h.state().phase).toBe('closing');
    expect(h.state().items.map((i) => i.status)).toEqual(['done', 'skipped', 'done', 'done']);
  });

  it('MEET-6 go to any item not done, skip one and come back to it where it stood', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(gotoItem, 'fac1', 'idm1');
    h.act(nextStep, 'fac1'); // idm1: clarify
    expect(h.act(gotoItem, 'fac1', 'idm1')).toMatchObject({ reason: 'same-item' });
    expect(h.act(gotoItem, 'fac1', 'nope99')).toMatchObject({ reason: 'unknown-item' });
    h.act(skipItem, 'fac1', 'idm1'); // skipping the current item moves on
    expect(h.state().currentItemId).toBe('consent1');
    expect(h.state().items[1]!.status).toBe('skipped');
    h.act(gotoItem, 'fac1', 'idm1');
    const back = h.state();
    expect(back.currentItemId).toBe('idm1');
    expect(back.step?.key).toBe('clarify');
    expect(back.items[1]!.status).toBe('pending');
    expect(back.items[1]!.history.map((s) => s.key)).toEqual(['present', 'clarify', 'clarify']);
    h.act(gotoItem, 'fac1', 'info1');
    h.act(nextStep, 'fac1'); // info1 done
    expect(h.act(gotoItem, 'fac1', 'info1')).toMatchObject({ reason: 'item-done' });
    expect(h.act(skipItem, 'fac1', 'info1')).toMatchObject({ reason: 'item-done' });
  });

  it('MEET-7 a proposal item follows its template; next at the outcome step needs an outcome', () => {
    const h = harness();
    toConsentRound(h);
    expect(h.state().step).toMatchObject({ key: 'consent', kind: 'positions', positionRound: 1 });
    h.act(recordPosition, 'ana', { value: 'consent' });
    h.act(nextStep, 'fac1');
    expect(h.state().step?.key).toBe('outcome');
    expect(h.act(nextStep, 'fac1')).toMatchObject({ reason: 'outcome-missing' });
    h.act(recordOutcome, 'fac1', 'adopted', '2026-01-31');
    h.act(nextStep, 'fac1');
    expect(h.state().currentItemId).toBe('idm1');
  });

  it('MEET-7 a tension item has one open step; next marks it done', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(gotoItem, 'fac1', 'tension1');
    expect(h.state().step).toMatchObject({ key: 'tension', kind: 'open' });
    h.act(nextStep, 'fac1');
    expect(h.state().items[2]!.status).toBe('done');
    expect(h.state().currentItemId).toBe('consent1');
  });

  it('MEET-8 undo returns to the previous step as a new visit, keeping history', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.act(undoStep, 'fac1')).toMatchObject({ reason: 'no-previous-step' });
    h.act(nextStep, 'fac1');
    const before = h.state().step!;
    expect(h.act(undoStep, 'ana')).toMatchObject({ reason: 'not-facilitator' });
    h.act(undoStep, 'fac1');
    const after = h.state();
    expect(after.step?.key).toBe('present');
    expect(after.step?.id).not.toBe(before.id);
    expect(after.items[0]!.history.map((s) => s.key)).toEqual(['present', 'clarify', 'present']);
    expect(after.items[0]!.trail.map((s) => s.key)).toEqual(['present']);
    expect(h.log).toHaveLength(6);
  });

  it('MEET-8 undo back to a positions step resumes its round; refused once the item is done', () => {
    const h = harness();
    toConsentRound(h);
    h.act(recordPosition, 'ana', { value: 'objection', reason: 'Too costly' });
    h.act(nextStep, 'fac1'); // integrate
    h.act(undoStep, 'fac1');
    const state = h.state();
    expect(state.step).toMatchObject({ key: 'consent', positionRound: 1 });
    expect(state.items[0]!.objections).toHaveLength(1);
    h.act(recordOutcome, 'fac1', 'deferred');
    expect(h.act(undoStep, 'fac1')).toMatchObject({ reason: 'item-done' });
  });

  it('MEET-11 the author must be a known person taking part', () => {
    const h = harness();
    expect(h.act(startMeeting, 'stranger')).toMatchObject({ reason: 'unknown-author' });
    expect(h.act(startMeeting, 'obs')).toMatchObject({ reason: 'observer' });
    expect(h.state().phase).toBe('not-started');
  });

  it('MEET-13 an entry whose id appeared earlier is refused as a duplicate', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    const copy = { ...nextStep(h.state(), 'fac1', 5), id: h.last().id };
    expect(h.push(copy)).toMatchObject({ status: 'refused', reason: 'duplicate-id' });
    expect(h.state().phase).toBe('check-in');
  });

  it('OUT-4 a tension item records a next-action note by a facilitator or its owner', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    expect(h.act(noteItem, 'fac1', 'x')).toMatchObject({ reason: 'wrong-item-kind' });
    h.act(gotoItem, 'fac1', 'tension1');
    expect(h.act(noteItem, 'ben', 'Ben will')).toMatchObject({ reason: 'not-allowed' });
    expect(h.act(noteItem, 'chloe', '  Chloe orders new keys ').status).toBe('applied');
    expect(h.state().items[2]!.note).toBe('Chloe orders new keys');
    h.act(noteItem, 'fac2', 'Fac2 orders keys');
    expect(h.state().items[2]!.note).toBe('Fac2 orders keys');
  });
});
