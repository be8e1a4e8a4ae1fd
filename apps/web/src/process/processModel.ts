import {
  roleOf,
  type MeetingEvent,
  type MeetingPerson,
  type MeetingRole,
  type MeetingState,
} from '@ronde/domain';
import { createContext, useContext } from 'react';
import type * as Y from 'yjs';
import { submitEvent } from '../sync/eventChannel.ts';
import { serverNow } from './serverTime.ts';

/** Builds one event against the state the user saw (its `expects`). */
export type Command = (state: MeetingState, by: string, at: number) => MeetingEvent;

/** What every process screen needs: the state, who I am, and how to act. */
export interface ProcessModel {
  readonly doc: Y.Doc;
  readonly state: MeetingState;
  readonly people: readonly MeetingPerson[];
  readonly me: string;
  /** My role as the log fixes it; null when I have not joined. */
  readonly role: MeetingRole | null;
  readonly facilitator: boolean;
  /** A facilitator or a participant: may call a time-out, record a position… */
  readonly takesPart: boolean;
  /** A person's display name. */
  readonly name: (id: string) => string;
  /**
   * Submits the command built against the rendered state, at the server's
   * time: signed and sent to the server, which appends it to the log.
   */
  readonly run: (command: Command) => void;
}

/**
 * The model of the process screens for one user. `readOnly` (a space
 * observer, or a removed member) makes them an observer whatever the log
 * says, and `run` does nothing (`submitEvent` refuses an observer's event too).
 *
 * @example
 * const model = processModel(doc, state, people, me.id, t('meeting.unnamed'));
 * model.run((s, by, at) => nextStep(s, by, at));
 */
export function processModel(
  doc: Y.Doc,
  state: MeetingState,
  people: readonly MeetingPerson[],
  me: string,
  unnamed: string,
  readOnly = false,
): ProcessModel {
  const logRole = roleOf(state, { agenda: [], people }, me);
  const role = readOnly && logRole !== null ? 'observer' : logRole;
  const names = new Map(people.map((p) => [p.id, p.name.trim() || unnamed]));
  return {
    doc,
    state,
    people,
    me,
    role,
    facilitator: !readOnly && state.facilitators.includes(me),
    takesPart: role === 'facilitator' || role === 'participant',
    name: (id) => names.get(id) ?? unnamed,
    run: (command) => {
      if (!readOnly) void submitEvent(doc, command(state, me, serverNow()));
    },
  };
}

/** The people who take part (facilitators and participants, not observers), in join order. */
export function takingPart(model: ProcessModel): MeetingPerson[] {
  return model.people.filter((p) => {
    const role = roleOf(model.state, { agenda: [], people: model.people }, p.id);
    return role === 'facilitator' || role === 'participant';
  });
}

export const ProcessContext = createContext<ProcessModel | null>(null);

/** The process model of the enclosing `MeetingProcess`. */
export function useProcess(): ProcessModel {
  const model = useContext(ProcessContext);
  if (model === null) throw new Error('useProcess outside a ProcessContext');
  return model;
}
