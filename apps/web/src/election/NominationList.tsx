import { currentNominations, type ItemState } from '@ronde/domain';
import { useId } from 'react';
import { useT, useTn } from '../i18n/useT.ts';
import { useProcess } from '../process/processModel.ts';

/** Each person's nomination as it stands, whom and why; a changed one says so (ELECT-5). */
export function NominationList({ item }: { item: ItemState }) {
  const t = useT();
  const tn = useTn();
  const id = useId();
  const model = useProcess();
  const nominations = currentNominations(item);
  const tally = new Map<string, number>();
  for (const n of nominations) tally.set(n.nominee, (tally.get(n.nominee) ?? 0) + 1);
  return (
    <section aria-labelledby={`${id}-h`} className="election-nominations">
      <h4 id={`${id}-h`} className="process-subtitle">
        {t('election.nominationsTitle')}
      </h4>
      {nominations.length === 0 ? (
        <p className="meta">{t('election.noNominations')}</p>
      ) : (
        <ul className="election-nominations__list">
          {nominations.map((n) => (
            <li key={n.by}>
              <strong>
                {t('election.nominated', { by: model.name(n.by), nominee: model.name(n.nominee) })}
              </strong>
              {n.stage === 'changed' && (
                <span className="badge election-nominations__changed">{t('election.changed')}</span>
              )}
              {n.reason && <p className="election-nominations__reason">{n.reason}</p>}
            </li>
          ))}
        </ul>
      )}
      {tally.size > 0 && (
        <p className="meta">
          {[...tally.entries()]
            .map(([nominee, count]) => tn('election.tally', count, { name: model.name(nominee) }))
            .join(' · ')}
        </p>
      )}
    </section>
  );
}

/** Before the reveal: who has sealed a nomination (never whom). */
export function SealProgress({ item }: { item: ItemState }) {
  const t = useT();
  const tn = useTn();
  const model = useProcess();
  const seals = item.election?.seals ?? [];
  const mine = seals.some((s) => s.by === model.me);
  return (
    <div className="election-seals" aria-live="polite">
      <p>{tn('election.sealedCount', seals.length)}</p>
      {seals.length > 0 && (
        <p className="meta">
          {t('election.sealedBy', { names: seals.map((s) => model.name(s.by)).join(', ') })}
        </p>
      )}
      {mine && <p className="meta">{t('election.mineSealed')}</p>}
    </div>
  );
}
