import type { AgendaItem, MeetingPerson } from '../src/meeting/types.ts';
import { foldMeeting } from '../src/process/fold.ts';
import type { MeetingEvent } from '../src/process/events.ts';
import type { EventResult, FoldContext, MeetingState } from '../src/process/state.ts';

/** Test fixtures for the meeting process: people, an agenda, and a log driven by commands. */

const person = (id: string, role: MeetingPerson['role']): MeetingPerson => ({
  id,
  name: id.toUpperCase(),
  role,
  joinedAt: 0,
});

/** Two facilitators, three participants, one observer. */
export const PEOPLE: readonly MeetingPerson[] = [
  person('fac1', 'facilitator'),
  person('fac2', 'facilitator'),
  person('ana', 'participant'),
  person('ben', 'participant'),
  person('chloe', 'participant'),
  person('obs', 'observer'),
];

export function agendaItem(
  id: string,
  kind: AgendaItem['kind'],
  fields: Partial<AgendaItem> = {},
): AgendaItem {
  return {
    id,
    kind,
    title: `Item ${id}`,
    proposalId: kind === 'proposal' ? `prop-${id}` : null,
    process: kind === 'proposal' ? 'consent' : null,
    text: '',
    ownerId: 'ana',
    timeboxMinutes: 15,
    order: 0,
    createdAt: 0,
    createdBy: 'fac1',
    ...fields,
  };
}

/** A consent proposal by ana, an IDM proposal by ben, a tension, an information item. */
export const AGENDA: readonly AgendaItem[] = [
  agendaItem('consent1', 'proposal', { order: 1 }),
  agendaItem('idm1', 'proposal', { order: 2, process: 'idm', ownerId: 'ben' }),
  agendaItem('tension1', 'tension', { order: 3, ownerId: 'chloe', text: 'Keys' }),
  agendaItem('info1', 'information', { order: 4 }),
];

export const CONTEXT: FoldContext = { agenda: AGENDA, people: PEOPLE };

export interface Harness {
  readonly log: unknown[];
  state(): MeetingState;
  /** Appends a command built from the current state; returns its result. */
  act<A extends unknown[]>(
    command: (state: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
    by: string,
    ...args: A
  ): EventResult;
  /** Appends any value as is; returns its result. */
  push(raw: unknown): EventResult;
  /** The event last appended. */
  last(): MeetingEvent;
}

/** A meeting log in memory, folded after every append; the clock ticks 1 s per command. */
export function harness(context: FoldContext = CONTEXT): Harness {
  const log: unknown[] = [];
  let clock = 1_000_000;
  const state = (): MeetingState => foldMeeting(log, context);
  const push = (raw: unknown): EventResult => {
    log.push(raw);
    return state().results.at(-1)!;
  };
  return {
    log,
    state,
    act: (command, by, ...args) => {
      clock += 1000;
      return push(command(state(), by, clock, ...args));
    },
    push,
    last: () => log.at(-1) as MeetingEvent,
  };
}
