import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as c from '../src/process/commands.ts';
import { decisionRecord } from '../src/process/decisionRecord.ts';
import type { MeetingEvent } from '../src/process/events.ts';
import { foldMeeting } from '../src/process/fold.ts';
import { appendEvent, readLog } from '../src/process/log.ts';
import { currentItem, currentSpeaker, objectionResolution } from '../src/process/selectors.ts';
import type { MeetingState } from '../src/process/state.ts';
import { CONTEXT } from './meetingHarness.ts';

/**
 * The paths the UI and the end-to-end tests follow, walked on a real Y.Doc:
 * every command built from the folded state, as a client would.
 */
function meeting() {
  const doc = new Y.Doc();
  let clock = 1_700_000_000_000;
  const state = (): MeetingState => foldMeeting(readLog(doc), CONTEXT);
  const run = <A extends unknown[]>(
    command: (s: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
    by: string,
    ...args: A
  ): MeetingState => {
    clock += 30_000;
    appendEvent(doc, command(state(), by, clock, ...args));
    const next = state();
    expect(next.results.at(-1)).toMatchObject({ status: 'applied' });
    return next;
  };
  return { state, run };
}

/** A round where everyone in the order speaks in turn. */
function speakRound(m: ReturnType<typeof meeting>, order: string[]): void {
  m.run(c.startRound, 'fac1', order);
  for (const person of order) {
    expect(currentSpeaker(m.state().round)).toBe(person);
    m.run(c.endTurn, person);
  }
  expect(currentSpeaker(m.state().round)).toBeNull();
}

describe('scripted meetings', () => {
  it('IDM-6 OUT-5 a full IDM: objection tested valid, integrated, confirmed by both, adopted', () => {
    const m = meeting();
    m.run(c.startMeeting, 'fac1');
    speakRound(m, ['ana', 'ben', 'chloe']);
    m.run(c.gotoItem, 'fac2', 'idm1');
    expect(m.state().step).toMatchObject({ key: 'present', kind: 'open' });
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('clarify');
    speakRound(m, ['ana', 'chloe']);
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('react');
    speakRound(m, ['chloe', 'ana']);
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('amend');
    m.run(c.nextStep, 'fac1');
    expect(m.state().step).toMatchObject({ key: 'objections', positionRound: 1 });

    m.run(c.recordPosition, 'ana', { value: 'objection', reason: 'Blocks my budget role' });
    m.run(c.recordPosition, 'chloe', { value: 'no-objection' });
    m.run(c.recordPosition, 'fac2', { value: 'no-objection', onBehalfOf: 'ben' });
    const objectionId = currentItem(m.state())!.objections[0]!.id;
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('test');
    const yes = { harm: true, createdByProposal: true, urgent: true, limitsRole: true };
    m.run(c.testObjection, 'fac1', objectionId, yes, 'valid');
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('integrate');

    m.run(c.linkAmendment, 'ben', objectionId, 'Budget capped at 500 €');
    const item = () => currentItem(m.state())!;
    m.run(c.confirmAmendment, 'ana', objectionId);
    expect(objectionResolution(item(), item().objections[0]!)).toBe('open');
    m.run(c.confirmAmendment, 'ben', objectionId);
    expect(objectionResolution(item(), item().objections[0]!)).toBe('confirmed');
    m.run(c.nextStep, 'fac1');
    expect(m.state().step).toMatchObject({ key: 'objections', positionRound: 2 });

    m.run(c.recordPosition, 'ana', { value: 'no-objection' });
    m.run(c.recordPosition, 'chloe', { value: 'no-objection' });
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('outcome');
    m.run(c.recordOutcome, 'fac1', 'adopted', '2027-03-01');
    expect(item()).toMatchObject({ status: 'done', outcome: { outcome: 'adopted' } });

    const record = decisionRecord(m.state(), 'idm1')!;
    expect(record).toMatchObject({
      outcome: 'adopted',
      reviewDate: '2027-03-01',
      proposerId: 'ben',
      process: 'idm',
      positionRounds: 2,
      participants: ['ana', 'ben', 'chloe'],
      facilitators: ['fac1', 'fac2'],
    });
    expect(record.objections).toEqual([
      expect.objectContaining({
        objector: 'ana',
        reason: 'Blocks my budget role',
        resolution: 'confirmed',
        test: { answers: yes, ruling: 'valid' },
        amendments: [expect.objectContaining({ summary: 'Budget capped at 500 €', by: 'ben' })],
      }),
    ]);
    expect(record.positions.filter((p) => p.onBehalfOf === 'ben')).toHaveLength(1);
    expect(record.durationMs).toBeGreaterThan(0);

    m.run(c.nextStep, 'fac1');
    expect(m.state().currentItemId).toBe('consent1');
  });

  it('CONSENT-3 OUT-5 a full consent: an objection integrated, a new round, adopted', () => {
    const m = meeting();
    m.run(c.startMeeting, 'fac1');
    m.run(c.nextStep, 'fac1');
    expect(m.state()).toMatchObject({ phase: 'item', currentItemId: 'consent1' });
    m.run(c.nextStep, 'fac1');
    speakRound(m, ['ben', 'chloe']);
    m.run(c.nextStep, 'fac1');
    speakRound(m, ['chloe', 'ben']);
    m.run(c.nextStep, 'fac1');
    m.run(c.nextStep, 'fac1');
    expect(m.state().step).toMatchObject({ key: 'consent', positionRound: 1 });

    m.run(c.recordPosition, 'ben', { value: 'objection', reason: 'Weekly is too often' });
    m.run(c.recordPosition, 'chloe', { value: 'concern', reason: 'Cost' });
    m.run(c.recordPosition, 'fac1', { value: 'stand-aside' });
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('integrate');
    const objectionId = currentItem(m.state())!.objections[0]!.id;
    m.run(c.linkAmendment, 'ana', objectionId, 'Every other week');
    m.run(c.nextStep, 'fac1');
    expect(m.state().step).toMatchObject({ key: 'consent', positionRound: 2 });

    m.run(c.recordPosition, 'ben', { value: 'consent' });
    m.run(c.recordPosition, 'chloe', { value: 'consent' });
    m.run(c.nextStep, 'fac1');
    expect(m.state().step!.key).toBe('outcome');
    m.run(c.recordOutcome, 'fac2', 'adopted', '2026-12-01');

    const record = decisionRecord(m.state(), 'consent1')!;
    expect(record).toMatchObject({
      outcome: 'adopted',
      decidedBy: 'fac2',
      positionRounds: 2,
      participants: ['ben', 'chloe', 'fac1'],
    });
    expect(record.objections.map((o) => [o.objector, o.resolution])).toEqual([
      ['ben', 'integrated'],
    ]);
    expect(record.positions.map((p) => [p.round, p.person, p.value])).toEqual([
      [1, 'ben', 'objection'],
      [1, 'chloe', 'concern'],
      [1, 'fac1', 'stand-aside'],
      [2, 'ben', 'consent'],
      [2, 'chloe', 'consent'],
    ]);

    // The rest of the meeting: the IDM item skipped, tension, information, closing.
    m.run(c.skipItem, 'fac1', 'idm1');
    expect(m.state().currentItemId).toBe('consent1');
    m.run(c.nextStep, 'fac1');
    expect(m.state().currentItemId).toBe('tension1');
    m.run(c.noteItem, 'chloe', 'Chloe orders keys');
    m.run(c.nextStep, 'fac1');
    m.run(c.nextStep, 'fac1');
    expect(m.state().phase).toBe('closing');
    speakRound(m, ['ana', 'ben']);
    m.run(c.nextStep, 'fac1');
    expect(m.state().phase).toBe('ended');
  });
});
