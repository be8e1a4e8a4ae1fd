import { describe, expect, it } from 'vitest';
import { harness } from '../../test/meetingHarness.ts';
import { addToRound, endTurn, nextStep, passTurn, startMeeting, startRound } from './commands.ts';
import { allRounds, currentSpeaker, isRoundComplete } from './selectors.ts';

function inCheckIn(): ReturnType<typeof harness> {
  const h = harness();
  h.act(startMeeting, 'fac1');
  return h;
}

describe('speaking rounds', () => {
  it('ROUND-1 a facilitator starts a round with a non-empty order of known people taking part', () => {
    const h = inCheckIn();
    expect(h.act(startRound, 'ana', ['ana'])).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(startRound, 'fac1', [])).toMatchObject({ reason: 'empty-order' });
    expect(h.act(startRound, 'fac1', ['ana', 'zed'])).toMatchObject({ reason: 'unknown-person' });
    expect(h.act(startRound, 'fac1', ['ana', 'obs'])).toMatchObject({ reason: 'observer' });
    expect(h.act(startRound, 'fac1', ['ana', 'ana'])).toMatchObject({
      reason: 'duplicate-person',
    });
    expect(h.act(startRound, 'fac1', ['ben', 'ana', 'fac2']).status).toBe('applied');
    const round = h.state().round!;
    expect(round).toMatchObject({ order: ['ben', 'ana', 'fac2'], phase: 'check-in', turns: [] });
    expect(round.stepId).toBe(h.state().step!.id);
  });

  it('ROUND-1 a second round cannot start while one runs; two concurrent starts apply once', () => {
    const h = inCheckIn();
    const before = h.state();
    h.act(startRound, 'fac1', ['ana']);
    expect(h.push(startRound(before, 'fac2', 1, ['ben']))).toMatchObject({ status: 'superseded' });
    expect(h.act(startRound, 'fac1', ['ben'])).toMatchObject({ reason: 'round-running' });
    expect(h.state().round!.order).toEqual(['ana']);
  });

  it('ROUND-2 one current speaker; the speaker or a facilitator ends the turn or passes', () => {
    const h = inCheckIn();
    h.act(startRound, 'fac1', ['ana', 'ben', 'chloe']);
    expect(currentSpeaker(h.state().round)).toBe('ana');
    expect(h.act(endTurn, 'ben')).toMatchObject({ reason: 'not-allowed' });
    h.act(endTurn, 'ana');
    expect(currentSpeaker(h.state().round)).toBe('ben');
    h.act(passTurn, 'fac2');
    expect(currentSpeaker(h.state().round)).toBe('chloe');
    h.act(passTurn, 'chloe');
    const round = h.state().round!;
    expect(round.turns.map((t) => [t.person, t.status, t.by])).toEqual([
      ['ana', 'spoken', 'ana'],
      ['ben', 'passed', 'fac2'],
      ['chloe', 'passed', 'chloe'],
    ]);
    expect(currentSpeaker(round)).toBeNull();
  });

  it('ROUND-2 a double press ends one turn only', () => {
    const h = inCheckIn();
    h.act(startRound, 'fac1', ['ana', 'ben']);
    const before = h.state();
    h.act(endTurn, 'ana');
    expect(h.push(endTurn(before, 'fac1', 2))).toMatchObject({ status: 'superseded' });
    expect(currentSpeaker(h.state().round)).toBe('ben');
  });

  it('ROUND-3 a latecomer is added at the end of a running round, once', () => {
    const h = inCheckIn();
    h.act(startRound, 'fac1', ['ana']);
    expect(h.act(addToRound, 'ben', 'chloe')).toMatchObject({ reason: 'not-allowed' });
    expect(h.act(addToRound, 'ben', 'ben').status).toBe('applied');
    expect(h.act(addToRound, 'fac1', 'ben')).toMatchObject({ reason: 'duplicate-person' });
    expect(h.act(addToRound, 'fac1', 'obs')).toMatchObject({ reason: 'observer' });
    h.act(addToRound, 'fac1', 'chloe');
    expect(h.state().round!.order).toEqual(['ana', 'ben', 'chloe']);
    for (let i = 0; i < 3; i++) h.act(endTurn, 'fac1');
    expect(h.act(addToRound, 'fac1', 'fac2')).toMatchObject({ reason: 'round-complete' });
  });

  it('ROUND-4 a round is complete when every turn is taken; then a new one may start', () => {
    const h = inCheckIn();
    h.act(startRound, 'fac1', ['ana', 'ben']);
    h.act(endTurn, 'ana');
    expect(isRoundComplete(h.state().round!)).toBe(false);
    h.act(passTurn, 'ben');
    expect(isRoundComplete(h.state().round!)).toBe(true);
    expect(h.act(endTurn, 'fac1')).toMatchObject({ reason: 'round-complete' });
    h.act(startRound, 'fac1', ['chloe']);
    expect(h.state().pastRounds).toHaveLength(1);
    h.act(nextStep, 'fac1');
    expect(h.state().round).toBeNull();
    expect(allRounds(h.state()).map((r) => r.order)).toEqual([['ana', 'ben'], ['chloe']]);
  });

  it('ROUND-5 turn time comes from the event, else the step, else 120 s; turns start at `at`', () => {
    const h = inCheckIn();
    expect(h.act(startRound, 'fac1', ['ana'], 5)).toMatchObject({ reason: 'invalid-seconds' });
    expect(h.act(startRound, 'fac1', ['ana'], 90.5)).toMatchObject({ reason: 'invalid-seconds' });
    h.act(startRound, 'fac1', ['ana', 'ben']);
    const round = h.state().round!;
    expect(round.turnSeconds).toBe(120);
    expect(round.turnStartedAt).toBe(h.last().at);
    h.act(endTurn, 'ana');
    expect(h.state().round!.turnStartedAt).toBe(h.last().at);
    h.act(endTurn, 'ben');
    h.act(startRound, 'fac1', ['ana'], 45);
    expect(h.state().round!.turnSeconds).toBe(45);
    // The consent template gives quick reactions 60 s turns.
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    expect(h.state().step!.key).toBe('react');
    h.act(startRound, 'fac1', ['ana']);
    expect(h.state().round!.turnSeconds).toBe(60);
    expect(h.state().step!.startedAt).toBeGreaterThan(0);
    expect(h.state().items[0]!.timeboxMinutes).toBe(15);
  });
});
