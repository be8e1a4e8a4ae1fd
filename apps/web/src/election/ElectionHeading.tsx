import { meetingFields, readMeeting, spaceRoom, type ElectionTarget } from '@ronde/domain';
import type * as Y from 'yjs';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useGovernance } from '../governance/useGovernance.ts';
import { useYStore } from '../hooks/useYStore.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useRoom } from '../sync/useRoom.ts';

function meetingSpaceId(doc: Y.Doc): string {
  return readMeeting(doc)?.spaceId ?? '';
}

/**
 * What is elected: the role and its circle as the governance records name
 * them, its purpose, who fills it now, and the term announced (ELECT-1).
 * Opens the space room itself.
 */
export function ElectionHeading({
  meetingDoc,
  target,
}: {
  meetingDoc: Y.Doc;
  target: ElectionTarget;
}) {
  const spaceId = useYStore(meetingDoc, meetingFields, meetingSpaceId);
  if (spaceId === '') return null;
  return <Heading spaceId={spaceId} target={target} />;
}

function Heading({ spaceId, target }: { spaceId: string; target: ElectionTarget }) {
  const t = useT();
  const language = useLanguage();
  const space = useRoom(spaceRoom(spaceId));
  const view = useGovernance(space.doc);
  const role = view.roles[target.circleId]?.find((r) => r.id === target.roleId) ?? null;
  const circle = view.circles.find((c) => c.id === target.circleId) ?? null;
  return (
    <div className="election-heading">
      <p>
        <strong>
          {t('election.electing', {
            role: role?.name ?? t('election.unknownRole'),
            circle: circle?.name ?? '',
          })}
        </strong>
      </p>
      {role?.purpose && <p className="meta">{role.purpose}</p>}
      <p className="meta">
        {t('election.termUntil', { date: formatCalendarDate(language, target.termEnd) })}
      </p>
    </div>
  );
}
