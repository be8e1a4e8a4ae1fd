import '../styles/equity.css';
import {
  listParticipation,
  participationTotals,
  spaceParticipation,
  type ParticipationEntry,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { formatDay, formatNames } from '../decisions/formatDecision.ts';
import { useYStore } from '../hooks/useYStore.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { formatClock } from '../process/serverTime.ts';
import { formatShare } from '../process/SpeakingTimes.tsx';

/** The meetings shown one by one, latest first; the totals count them all. */
const SHOWN = 8;

/**
 * The participation entries of a space, oldest first (domain EQUITY-6),
 * kept until one is filed.
 *
 * @example
 * const entries = useParticipation(spaceRoom.doc);
 */
export function useParticipation(doc: Y.Doc): readonly ParticipationEntry[] {
  return useYStore(doc, spaceParticipation, listParticipation);
}

/**
 * The space page's view of participation over time: each person's time and
 * share across the ended meetings, and meeting by meeting who spoke how much
 * (filed by the server when a meeting ends, EQUITY-5).
 */
export function ParticipationOverview({ spaceDoc }: { spaceDoc: Y.Doc }) {
  const t = useT();
  const tn = useTn();
  const language = useLanguage();
  const entries = useParticipation(spaceDoc);
  const totals = participationTotals(entries);
  return (
    <section aria-labelledby="participation-title" className="participation">
      <h2 id="participation-title">{t('participation.title')}</h2>
      {entries.length === 0 ? (
        <p className="empty">{t('participation.empty')}</p>
      ) : (
        <>
          <p className="meta">{tn('participation.across', entries.length)}</p>
          <div className="table-scroll">
            <table className="equity__table">
              <caption className="visually-hidden">{t('participation.totals')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('equity.person')}</th>
                  <th scope="col">{t('equity.time')}</th>
                  <th scope="col">{t('equity.share')}</th>
                  <th scope="col">{t('participation.meetings')}</th>
                  <th scope="col">{t('equity.turnsTaken')}</th>
                </tr>
              </thead>
              <tbody>
                {totals.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">{p.name || t('meeting.unnamed')}</th>
                    <td>{formatClock(p.spokenMs)}</td>
                    <td>{formatShare(language, p.share)}</td>
                    <td>{p.meetings}</td>
                    <td>
                      {tn('equity.turns', p.turnsSpoken)}
                      {p.turnsPassed > 0 && (
                        <span className="meta"> · {tn('equity.passes', p.turnsPassed)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="participation__subtitle">{t('participation.byMeeting')}</h3>
          <ol className="participation__meetings" reversed>
            {[...entries]
              .reverse()
              .slice(0, SHOWN)
              .map((entry) => (
                <MeetingShares key={entry.meetingId} entry={entry} />
              ))}
          </ol>
        </>
      )}
    </section>
  );
}

function MeetingShares({ entry }: { entry: ParticipationEntry }) {
  const t = useT();
  const language = useLanguage();
  const total = entry.people.reduce((sum, p) => sum + p.spokenMs, 0);
  const shares = entry.people.map((p) =>
    t('participation.share', {
      name: p.name || t('meeting.unnamed'),
      share: formatShare(language, total > 0 ? p.spokenMs / total : 0),
    }),
  );
  return (
    <li className="participation__meeting">
      <strong>{entry.title}</strong>{' '}
      <time className="meta" dateTime={new Date(entry.endedAt).toISOString()}>
        {formatDay(language, entry.endedAt)}
      </time>
      <p>{formatNames(language, shares)}</p>
    </li>
  );
}
