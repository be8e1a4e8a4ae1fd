import {
  addAgendaItem,
  appendEvent,
  initMeeting,
  joinMeeting,
  type MeetingEvent,
  type MeetingRole,
  type MeetingState,
} from '@ronde/domain';
import * as Y from 'yjs';
import { readMeetingState } from './useMeetingState.ts';

/** Test people: two facilitators, three participants (ben proposes the IDM item), one observer. */
export const PEOPLE: readonly (readonly [string, string, MeetingRole])[] = [
  ['fac00001', 'Awa', 'facilitator'],
  ['fac00002', 'Farid', 'facilitator'],
  ['ana00001', 'Ana', 'participant'],
  ['ben00001', 'Ben', 'participant'],
  ['chl00001', 'Chloe', 'participant'],
  ['obs00001', 'Olga', 'observer'],
];

/** A meeting doc with those people and two proposal items: IDM (by Ben), then consent (by Ana). */
export function testMeeting() {
  const doc = new Y.Doc();
  initMeeting(doc, {
    id: 'meet0001',
    spaceId: 'space001',
    title: 'Governance',
    circleId: 'circle01',
    kind: 'governance',
    startsAt: 0,
    createdBy: 'fac00001',
    now: 0,
  });
  PEOPLE.forEach(([id, name, role], i) => joinMeeting(doc, { id, name, role, now: i + 1 }));
  addAgendaItem(doc, {
    id: 'idmitem1',
    kind: 'proposal',
    title: 'Budget',
    proposalId: 'prop0001',
    process: 'idm',
    ownerId: 'ben00001',
    timeboxMinutes: 10,
    createdBy: 'fac00001',
    now: 10,
  });
  addAgendaItem(doc, {
    id: 'cnsitem1',
    kind: 'proposal',
    title: 'Rota',
    proposalId: 'prop0002',
    process: 'consent',
    ownerId: 'ana00001',
    createdBy: 'fac00001',
    now: 11,
  });
  let clock = 1_700_000_000_000;
  /** Appends a command as `by`, checking that it applied. */
  const run = <A extends unknown[]>(
    command: (s: MeetingState, by: string, at: number, ...args: A) => MeetingEvent,
    by: string,
    ...args: A
  ): MeetingState => {
    clock += 1000;
    appendEvent(doc, command(readMeetingState(doc), by, clock, ...args));
    const state = readMeetingState(doc);
    const result = state.results.at(-1);
    if (result?.status !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
    return state;
  };
  return { doc, run, clock: () => clock };
}
