import {
  listTensions,
  spaceRoom,
  spaceTensions,
  type DecisionEntry,
  type Tension,
} from '@ronde/domain';
import { Link } from 'react-router';
import { nameIn, formatNames } from '../decisions/formatDecision.ts';
import { useYStore } from '../hooks/useYStore.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useRoom } from '../sync/useRoom.ts';
import { authorName } from './authorName.ts';

/**
 * Who a decision owes to (issue 10): the authors of the recorded text with
 * their share (attested by the server when it recorded the entry, HIST-6),
 * who raised the tension the proposal answers (the space's backlog), the
 * objectors whose objections were integrated, the facilitators and the
 * participants.
 *
 * @example
 * <DecisionContributors entry={entry} spaceId={spaceId} />
 */
export function DecisionContributors({
  entry,
  spaceId,
}: {
  entry: DecisionEntry;
  spaceId: string;
}) {
  const t = useT();
  const language = useLanguage();
  const room = useRoom(spaceRoom(spaceId));
  const tensions = useYStore(room.doc, spaceTensions, listTensions);
  const name = (id: string) => nameIn(entry, id, t('decisions.someone'));
  const names = (ids: readonly string[]) => formatNames(language, ids.map(name));
  const origin: Tension | undefined =
    entry.proposalId === null ? undefined : tensions.find((x) => x.proposalId === entry.proposalId);
  const objectors = [
    ...new Set(
      entry.objections
        .filter((o) => o.resolution === 'integrated' || o.resolution === 'confirmed')
        .map((o) => o.objector),
    ),
  ];
  const authors = entry.authors ?? [];
  const total = authors.reduce((sum, a) => sum + a.chars, 0);
  const authorNames = entry.names;
  const labelOf = (id: string) =>
    id !== '' && id !== '@server' && authorNames[id] === undefined
      ? t('decisions.someone')
      : authorName(t, authorNames, id);
  const percent = new Intl.NumberFormat(language, { style: 'percent' });
  const heading = `contributors-${entry.id}`;
  return (
    <section className="decision__part contributors" aria-labelledby={heading}>
      <h3 id={heading}>{t('contributors.title')}</h3>
      <dl className="decision__facts contributors__list">
        <div>
          <dt>{t('contributors.authors')}</dt>
          <dd>
            {authors.length === 0 ? (
              t('contributors.authorsNone')
            ) : (
              <ul className="contributors__authors">
                {authors.map((author) => (
                  <li key={author.id}>
                    {labelOf(author.id)}{' '}
                    <span className="meta">
                      {percent.format(total === 0 ? 0 : author.chars / total)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {entry.proposalId !== null && (
              <Link to={`/s/${spaceId}/p/${entry.proposalId}/history`}>
                {t('contributors.history')}
              </Link>
            )}
          </dd>
        </div>
        {origin && (
          <div>
            <dt>{t('contributors.originator')}</dt>
            <dd>{origin.byName || name(origin.by)}</dd>
          </div>
        )}
        {objectors.length > 0 && (
          <div>
            <dt>{t('contributors.objectors')}</dt>
            <dd>{names(objectors)}</dd>
          </div>
        )}
        {entry.facilitators.length > 0 && (
          <div>
            <dt>{t('contributors.facilitators')}</dt>
            <dd>{names(entry.facilitators)}</dd>
          </div>
        )}
        {entry.participants.length > 0 && (
          <div>
            <dt>{t('contributors.participants')}</dt>
            <dd>{names(entry.participants)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
