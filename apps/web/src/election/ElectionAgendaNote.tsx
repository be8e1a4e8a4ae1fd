import { parseElectionTarget, spaceRoom, type ElectionTarget } from '@ronde/domain';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useGovernance } from '../governance/useGovernance.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useRoom } from '../sync/useRoom.ts';

/**
 * The target of an agenda row's election, whether the row shows the
 * planned agenda's item (`election` is the target) or the fold's item
 * (`election.target`); null for any other item.
 */
export function rowElection(item: object): ElectionTarget | null {
  const election = (item as { election?: unknown }).election;
  if (election === null || typeof election !== 'object') return null;
  const target = 'target' in election ? election.target : election;
  return parseElectionTarget(target);
}

/**
 * What an election item of the agenda elects: the role (as the records
 * name it) and the term's end (domain SPEC ELECT-1).
 *
 * @example
 * <ElectionAgendaNote spaceId={spaceId} item={item} />
 */
export function ElectionAgendaNote({ spaceId, item }: { spaceId: string; item: object }) {
  const target = rowElection(item);
  if (target === null) return null;
  return <Note spaceId={spaceId} target={target} />;
}

function Note({ spaceId, target }: { spaceId: string; target: ElectionTarget }) {
  const t = useT();
  const language = useLanguage();
  const view = useGovernance(useRoom(spaceRoom(spaceId)).doc);
  const role = view.roles[target.circleId]?.find((r) => r.id === target.roleId);
  return (
    <p className="agenda-item__text">
      {t('election.agendaNote', {
        role: role?.name ?? t('election.unknownRole'),
        date: formatCalendarDate(language, target.termEnd),
      })}
    </p>
  );
}
