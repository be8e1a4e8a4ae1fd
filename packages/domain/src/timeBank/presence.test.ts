import { describe, expect, it } from 'vitest';
import { harness, PEOPLE } from '../../test/meetingHarness.ts';
import { meetingParticipation } from '../decisions/participation.ts';
import { endTurn, nextStep, skipItem, startMeeting, startRound } from '../process/commands.ts';

const MEETING = { id: 'meet0001', title: 'Weekly', circleId: 'circle01' };

describe('meeting presence for the time bank', () => {
  it('TIME-7 presence runs from a person’s first join, not before the start, to the end', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(startRound, 'fac1', ['ana', 'ben', 'chloe']);
    h.act(endTurn, 'ana');
    h.act(endTurn, 'ben');
    h.act(endTurn, 'chloe');
    for (const item of h.state().items) h.act(skipItem, 'fac1', item.id);
    h.act(nextStep, 'fac1');
    h.act(nextStep, 'fac1');
    const state = h.state();
    expect(state.phase).toBe('ended');
    const { startedAt, endedAt } = state as { startedAt: number; endedAt: number };
    // Ben came in 2 s after the start; Chloé's clock claims a join before the start.
    const people = PEOPLE.map((p) =>
      p.id === 'ben'
        ? { ...p, joinedAt: startedAt + 2000 }
        : p.id === 'chloe'
          ? { ...p, joinedAt: startedAt - 60_000 }
          : p,
    );
    const entry = meetingParticipation(state, MEETING, people)!;
    const presence = new Map(entry.people.map((p) => [p.id, p.presentMs]));
    expect(presence.get('ben')).toBe(endedAt - startedAt - 2000);
    expect(presence.get('chloe')).toBe(endedAt - startedAt);
    expect(presence.get('ana')).toBe(endedAt - startedAt);
    // Someone whose join the clock puts after the end is present for no time.
    const late = PEOPLE.map((p) => (p.id === 'ana' ? { ...p, joinedAt: endedAt + 5000 } : p));
    const lateEntry = meetingParticipation(state, MEETING, late)!;
    expect(lateEntry.people.find((p) => p.id === 'ana')?.presentMs).toBe(0);
  });
});
