import { describe, expect, it } from 'vitest';
import { CONTEXT, harness } from '../../test/meetingHarness.ts';
import { readSignature } from '../signing/eventSigning.ts';
import { callTimeout, nextStep, startMeeting } from './commands.ts';
import type { MeetingEvent } from './events.ts';
import { foldMeeting, initialMeetingState } from './fold.ts';
import { parseEvent } from './parseEvent.ts';
import type { FoldContext } from './state.ts';

const KID = 'AbCdEfGhIjKlMnOpQrSt_-';
const SIG = 'S'.repeat(86);
const signed = (event: MeetingEvent) => ({ ...event, kid: KID, sig: SIG });

/** Stands in for a real check: an entry is authentic when it carries our (fake) signature. */
const bySignature: FoldContext = {
  ...CONTEXT,
  isAuthentic: (raw) => readSignature(raw)?.sig === SIG,
};

describe('authentic events only', () => {
  it('MEET-16 an entry the predicate rejects is refused as unsigned, before any role check', () => {
    const state = initialMeetingState(CONTEXT);
    const start = startMeeting(state, 'fac1', 1);
    const stranger = { ...callTimeout(state, 'stranger', 2) };
    const observer = { ...callTimeout(state, 'obs', 3) };
    const log = [start, stranger, observer];
    const folded = foldMeeting(log, bySignature);
    expect(folded.results).toEqual([
      {
        index: 0,
        id: start.id,
        type: 'meeting.start',
        by: 'fac1',
        at: 1,
        status: 'refused',
        reason: 'unsigned',
      },
      expect.objectContaining({ id: stranger.id, by: 'stranger', reason: 'unsigned' }),
      expect.objectContaining({ id: observer.id, by: 'obs', reason: 'unsigned' }),
    ]);
    expect(folded.phase).toBe('not-started');
    // The same entries, signed, are judged as before.
    const judged = foldMeeting(log.map(signed), bySignature);
    expect(judged.results.map((r) => r.reason)).toEqual([null, 'unknown-author', 'observer']);
    expect(judged.phase).toBe('check-in');
  });

  it('MEET-16 without a predicate every well-formed entry counts as authentic', () => {
    const h = harness();
    expect(h.act(startMeeting, 'fac1').status).toBe('applied');
    expect(foldMeeting(h.log, CONTEXT).phase).toBe('check-in');
  });

  it('MEET-16 the predicate sees the stored entry, its parsed event and its index; never a malformed one', () => {
    const calls: [unknown, MeetingEvent, number][] = [];
    const context: FoldContext = {
      ...CONTEXT,
      isAuthentic: (raw, event, index) => {
        calls.push([raw, event, index]);
        return true;
      },
    };
    const start = signed(startMeeting(initialMeetingState(CONTEXT), 'fac1', 1));
    foldMeeting([{ id: 'junk01', type: 'step.next' }, start], context);
    expect(calls).toHaveLength(1);
    const [raw, event, index] = calls[0]!;
    expect(raw).toBe(start);
    expect(index).toBe(1);
    expect(event).not.toHaveProperty('kid');
    expect(event).not.toHaveProperty('sig');
  });

  it('MEET-16 MEET-13 an unsigned or malformed entry does not reserve its id: a forged copy cannot shadow the real event', () => {
    const start = startMeeting(initialMeetingState(CONTEXT), 'fac1', 1);
    const forged = { ...start, roles: { fac1: 'facilitator', ana: 'facilitator' } };
    const garbled = { id: start.id, type: 'meeting.start', by: 'fac1' };
    const folded = foldMeeting([forged, garbled, signed(start)], bySignature);
    expect(folded.results.map((r) => r.reason)).toEqual(['unsigned', 'malformed', null]);
    expect(folded.facilitators).toEqual(['fac1', 'fac2']);
  });

  it('MEET-16 MEET-13 an authentic entry reserves its id: a later copy, signed or not, is not applied', () => {
    const state = initialMeetingState(CONTEXT);
    const start = signed(startMeeting(state, 'fac1', 1));
    const next = nextStep(foldMeeting([start], CONTEXT), 'fac1', 2);
    const log = [start, signed(next), signed(next), next];
    const folded = foldMeeting(log, bySignature);
    expect(folded.results.map((r) => r.reason)).toEqual([
      null,
      null,
      'duplicate-id',
      'duplicate-id',
    ]);
  });

  it('MEET-16 SIGN-3 parseEvent ignores kid and sig: they are not part of the typed event', () => {
    const event = startMeeting(initialMeetingState(CONTEXT), 'fac1', 1);
    expect(parseEvent(signed(event))).toEqual(event);
    expect(parseEvent({ ...event, kid: 42, sig: null })).toEqual(event);
  });
});
