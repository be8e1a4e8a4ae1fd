import { describe, expect, it } from 'vitest';
import { AGENDA, harness, PEOPLE } from '../../test/meetingHarness.ts';
import type { MeetingPerson } from '../meeting/types.ts';
import { callTimeout, handOver, nextStep, setRole, startMeeting } from './commands.ts';
import { foldMeeting } from './fold.ts';
import { parseEvent } from './parseEvent.ts';
import { roleOf } from './selectors.ts';

const withRole = (id: string, role: MeetingPerson['role']): MeetingPerson[] =>
  PEOPLE.map((person) => (person.id === id ? { ...person, role } : person));

describe('roles fixed by the log', () => {
  it('MEET-2 the start snapshots every role; a later edit of the people map re-judges nothing', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    expect(h.last()).toMatchObject({
      roles: { fac1: 'facilitator', ana: 'participant', obs: 'observer' },
    });
    expect(h.act(nextStep, 'fac1').status).toBe('applied');
    expect(h.act(callTimeout, 'ana').status).toBe('applied');

    // Someone edits the people map afterwards: ana made observer, ben facilitator.
    const people = withRole('ana', 'observer').map((p) =>
      p.id === 'ben' ? { ...p, role: 'facilitator' as const } : p,
    );
    const edited = { agenda: AGENDA, people };
    const refolded = foldMeeting(h.log, edited);
    expect(refolded.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(refolded.facilitators).toEqual(['fac1', 'fac2']);
    expect(roleOf(refolded, edited, 'ana')).toBe('participant');
    expect(roleOf(refolded, edited, 'ben')).toBe('participant');
  });

  it('MEET-2 someone in the start snapshot is judged by the log even once gone from the people map', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    h.act(nextStep, 'fac1');
    h.act(callTimeout, 'ana');
    const edited = {
      agenda: AGENDA,
      people: withRole('fac2', 'observer').filter((person) => person.id !== 'ana'),
    };
    const refolded = foldMeeting(h.log, edited);
    expect(refolded).toEqual(foldMeeting(h.log, { agenda: AGENDA, people: PEOPLE }));
    expect(roleOf(refolded, edited, 'ana')).toBe('participant');
    expect(roleOf(refolded, edited, 'fac2')).toBe('facilitator');
  });

  it('MEET-2 someone who joins after the start takes part, but facilitates only through the log', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    const late: MeetingPerson = { id: 'dan', name: 'DAN', role: 'facilitator', joinedAt: 5 };
    const context = { agenda: AGENDA, people: [...PEOPLE, late] };
    const state = foldMeeting(h.log, context);
    expect(roleOf(state, context, 'dan')).toBe('participant');
    expect(state.facilitators).toEqual(['fac1', 'fac2']);
    expect(roleOf(state, context, 'nobody')).toBeNull();
  });

  it('MEET-2 a start whose snapshot does not keep its author a facilitator is refused', () => {
    const h = harness();
    const event = { ...startMeeting(h.state(), 'fac1', 1), roles: { fac1: 'participant' } };
    expect(h.push(event)).toMatchObject({ status: 'refused', reason: 'not-allowed' });
    expect(h.push({ ...startMeeting(h.state(), 'fac1', 2), roles: 'all' })).toMatchObject({
      reason: 'malformed',
    });
  });

  it('MEET-2 a person id such as __proto__ in a snapshot stays plain data', () => {
    const raw = JSON.parse(
      '{"id":"evt001","type":"meeting.start","by":"fac1","at":1,' +
        '"expects":{"phase":"not-started","itemId":null,"stepId":null},' +
        '"roles":{"__proto__":"facilitator","fac1":"facilitator"}}',
    ) as unknown;
    const event = parseEvent(raw);
    expect(event?.type).toBe('meeting.start');
    const roles = (event as { roles: Record<string, string> }).roles;
    expect(Object.getPrototypeOf(roles)).toBe(Object.prototype);
    expect(Object.hasOwn(roles, '__proto__')).toBe(true);
  });

  it('MEET-15 a facilitator changes a role during the meeting; earlier events stand', () => {
    const h = harness();
    expect(h.act(setRole, 'fac1', 'ana', 'observer')).toMatchObject({ reason: 'not-started' });
    h.act(startMeeting, 'fac1');
    expect(h.act(callTimeout, 'ana').status).toBe('applied');
    expect(h.act(setRole, 'ben', 'ana', 'observer')).toMatchObject({ reason: 'not-facilitator' });
    expect(h.act(setRole, 'fac1', 'zed', 'observer')).toMatchObject({ reason: 'unknown-person' });
    expect(h.act(setRole, 'fac1', 'ana', 'participant')).toMatchObject({ reason: 'same-role' });
    expect(h.act(setRole, 'fac1', 'ana', 'observer').status).toBe('applied');
    expect(h.act(handOver, 'ana', 'ben')).toMatchObject({ reason: 'observer' });
    expect(h.state().results[1]!.status).toBe('applied');

    expect(h.act(setRole, 'fac2', 'ben', 'facilitator').status).toBe('applied');
    expect(h.state().facilitators).toEqual(['ben', 'fac1', 'fac2']);
    expect(h.act(setRole, 'fac1', 'fac1', 'participant').status).toBe('applied');
    expect(h.act(setRole, 'fac2', 'fac2', 'participant').status).toBe('applied');
    expect(h.act(setRole, 'ben', 'ben', 'participant')).toMatchObject({
      reason: 'last-facilitator',
    });
    expect(h.state().facilitators).toEqual(['ben']);
  });

  it('MEET-10 MEET-15 a handover during the meeting is a role change in the log', () => {
    const h = harness();
    h.act(startMeeting, 'fac1');
    expect(h.act(handOver, 'fac1', 'chloe').status).toBe('applied');
    const state = h.state();
    expect(state.roles).toMatchObject({ fac1: 'participant', chloe: 'facilitator' });
    expect(state.facilitators).toEqual(['chloe', 'fac2']);
  });
});
