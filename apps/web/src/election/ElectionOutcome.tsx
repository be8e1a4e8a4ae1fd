import { currentCandidate, currentItem, recordOutcome } from '@ronde/domain';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useProcess } from '../process/processModel.ts';

/**
 * An election's outcome step: the facilitator fills the role with the
 * standing proposal's person and term (ELECT-7), or defers the election.
 */
export function ElectionOutcome() {
  const t = useT();
  const language = useLanguage();
  const model = useProcess();
  const item = currentItem(model.state);
  if (item === null) return null;
  const candidate = currentCandidate(item);
  if (item.outcome !== null) {
    return (
      <p role="status" className="election-outcome">
        {item.outcome.outcome === 'adopted' && candidate
          ? t('election.filled', {
              name: model.name(candidate.nominee),
              date: formatCalendarDate(language, candidate.termEnd),
            })
          : t(`decisions.outcome.${item.outcome.outcome}`)}
      </p>
    );
  }
  if (!model.facilitator) return <p className="meta">{t('process.waitOutcome')}</p>;
  return (
    <div className="election-outcome">
      {candidate && (
        <button
          type="button"
          className="primary"
          onClick={() =>
            model.run((s, by, at) => recordOutcome(s, by, at, 'adopted', candidate.termEnd))
          }
        >
          {t('election.fill', { name: model.name(candidate.nominee) })}
        </button>
      )}
      <button
        type="button"
        onClick={() => model.run((s, by, at) => recordOutcome(s, by, at, 'deferred', null))}
      >
        {t('election.defer')}
      </button>
    </div>
  );
}
