import '../styles/equity.css';
import { speakingTimes, type SpeakerTime } from '@ronde/domain';
import { useId } from 'react';
import { useServerNow } from '../hooks/useServerNow.ts';
import { useLanguage, useT, useTn } from '../i18n/useT.ts';
import { useProcess } from './processModel.ts';
import { formatClock } from './serverTime.ts';

/** A share as a whole percentage in the language's way ("42 %" in French). */
export function formatShare(language: string, share: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    share,
  );
}

/**
 * Who spoke how long (domain EQUITY-1, EQUITY-2): time, share, turns taken
 * and passed per person, for the whole meeting. While the meeting runs the
 * running turn counts up to the server's now; after it, ended turns only.
 */
export function SpeakingTimes({ live }: { live: boolean }) {
  const t = useT();
  const { state } = useProcess();
  const now = useServerNow(live ? 1000 : 60_000);
  const times = speakingTimes(state, live ? { now } : {});
  return <SpeakingTable times={times} caption={t('equity.title')} />;
}

function SpeakingTable({ times, caption }: { times: readonly SpeakerTime[]; caption: string }) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const language = useLanguage();
  const model = useProcess();
  if (times.length === 0) {
    return (
      <section className="equity" aria-labelledby={`${id}-h`}>
        <h4 id={`${id}-h`} className="process-subtitle">
          {caption}
        </h4>
        <p className="meta">{t('equity.none')}</p>
      </section>
    );
  }
  return (
    <section className="equity" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`} className="process-subtitle">
        {caption}
      </h4>
      <div className="table-scroll">
        <table className="equity__table" aria-labelledby={`${id}-h`}>
          <thead>
            <tr>
              <th scope="col">{t('equity.person')}</th>
              <th scope="col">{t('equity.time')}</th>
              <th scope="col">{t('equity.share')}</th>
              <th scope="col">{t('equity.turnsTaken')}</th>
            </tr>
          </thead>
          <tbody>
            {times.map((s) => (
              <tr key={s.person}>
                <th scope="row">{model.name(s.person)}</th>
                <td>
                  <time dateTime={`PT${Math.round(s.spokenMs / 1000)}S`}>
                    {formatClock(s.spokenMs)}
                  </time>
                </td>
                <td>
                  <span className="equity__bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(s.share * 100)}%` }} />
                  </span>
                  {formatShare(language, s.share)}
                </td>
                <td>
                  {tn('equity.turns', s.turnsSpoken)}
                  {s.turnsPassed > 0 && (
                    <span className="meta"> · {tn('equity.passes', s.turnsPassed)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
