import type { MeetingPerson, MeetingState, ProposalSummary } from '@ronde/domain';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n/useT.ts';
import { processModel } from '../process/processModel.ts';
import type { PlannerRole } from './agendaRights.ts';
import { LiveAgenda } from './LiveAgenda.tsx';
import { PlannedAgenda } from './PlannedAgenda.tsx';

/**
 * The meeting's agenda: before the start the meeting document's `agenda`
 * map, co-edited (SPEC WRITE-6); from the start on the items the process log
 * folds, changed by process events (AGENDA-8…13), since the server no
 * longer takes writes to the map.
 *
 * @example
 * <Agenda doc={room.doc} state={state} spaceId={spaceId} people={people}
 *   proposals={proposals} who={{ userId: me.id, manages, writes }} readOnly={false} />
 */
export function Agenda({
  doc,
  state,
  spaceId,
  people,
  proposals,
  who,
  readOnly,
  inDrawer = false,
}: {
  doc: Y.Doc;
  state: MeetingState;
  spaceId: string;
  people: readonly MeetingPerson[];
  proposals: readonly ProposalSummary[];
  /** Who edits the planned agenda, and how far (before the start). */
  who: PlannerRole;
  /** A space observer or removed member: never writes. */
  readOnly: boolean;
  /** Shown in the facilitator's drawer: the live agenda needs no panel of its own. */
  inDrawer?: boolean;
}) {
  const t = useT();
  const unnamed = t('meeting.unnamed');
  const model = useMemo(
    () => processModel(doc, state, people, who.userId, unnamed, readOnly),
    [doc, state, people, who.userId, unnamed, readOnly],
  );
  if (state.phase === 'not-started') {
    return (
      <PlannedAgenda doc={doc} spaceId={spaceId} people={people} proposals={proposals} who={who} />
    );
  }
  return <LiveAgenda model={model} spaceId={spaceId} proposals={proposals} inDrawer={inDrawer} />;
}
