import { describe, expect, it } from 'vitest';
import { CONTEXT, harness } from '../../test/meetingHarness.ts';
import { prng } from '../../test/prng.ts';
import { nextStep, recordPosition, startMeeting } from './commands.ts';
import { foldMeeting, initialMeetingState } from './fold.ts';
import { parseEvent } from './parseEvent.ts';

const EXPECTS = { phase: 'check-in', itemId: null, stepId: 'step01' };

/** A random JSON value, biased towards event-like objects. */
function randomJson(random: ReturnType<typeof prng>, depth = 0): unknown {
  const leaves = [null, true, 0, -1, 1.5, NaN, '', 'x', 'step.next', 'fac1', [], {}];
  if (depth > 2 || random.chance(0.4)) return random.pick(leaves);
  if (random.chance(0.3)) return [randomJson(random, depth + 1), randomJson(random, depth + 1)];
  const keys = ['id', 'type', 'by', 'at', 'expects', 'order', 'round', 'value', 'reason', 'to'];
  const value: Record<string, unknown> = {};
  for (const key of keys) if (random.chance(0.5)) value[key] = randomJson(random, depth + 1);
  return value;
}

describe('parsing log entries', () => {
  it('MEET-12 a well-formed event parses to a clean copy without unknown fields', () => {
    const raw = { id: 'e00001', type: 'step.next', by: 'fac1', at: 5, expects: EXPECTS, x: 1 };
    expect(parseEvent(raw)).toEqual({
      id: 'e00001',
      type: 'step.next',
      by: 'fac1',
      at: 5,
      expects: EXPECTS,
    });
    const state = initialMeetingState(CONTEXT);
    for (const event of [
      startMeeting(state, 'fac1', 1),
      recordPosition(state, 'a', 2, { value: 'consent' }),
    ]) {
      expect(parseEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    }
  });

  it('MEET-12 malformed entries are refused, never thrown on', () => {
    const bad: unknown[] = [
      null,
      42,
      'step.next',
      [],
      { type: 'step.next' },
      { id: 'bad001', type: 'step.jump', by: 'fac1', at: 1, expects: EXPECTS },
      { id: 'bad002', type: 'step.next', by: 'fac1', at: '1', expects: EXPECTS },
      { id: 'bad003', type: 'step.next', by: 'fac1', at: Infinity, expects: EXPECTS },
      { id: 'bad004', type: 'step.next', by: 'fac1', at: 1, expects: { ...EXPECTS, phase: 'x' } },
      { id: 'bad005', type: 'step.next', by: '', at: 1, expects: EXPECTS },
      { id: 'bad006', type: 'round.start', by: 'fac1', at: 1, expects: EXPECTS, order: ['a'] },
      {
        id: 'bad007',
        type: 'turn.end',
        by: 'f',
        at: 1,
        expects: { ...EXPECTS, roundId: 'r', turn: -1 },
      },
      { id: 'bad008', type: 'item.note', by: 'f', at: 1, expects: EXPECTS, text: 'x'.repeat(501) },
    ];
    for (const raw of bad) expect(parseEvent(raw)).toBeNull();
    const state = foldMeeting(bad, CONTEXT);
    expect(state.results.every((r) => r.status === 'refused' && r.reason === 'malformed')).toBe(
      true,
    );
    expect(state.results[5]).toMatchObject({ id: 'bad001', type: 'step.jump', by: 'fac1', at: 1 });
  });

  it('MEET-12 random JSON mixed into a real log never throws and never blocks real events', () => {
    const random = prng(20240601);
    const h = harness();
    h.act(startMeeting, 'fac1');
    for (let i = 0; i < 500; i++) h.push(randomJson(random));
    expect(h.act(nextStep, 'fac1').status).toBe('applied');
    expect(h.state().currentItemId).toBe('consent1');
  });
});
