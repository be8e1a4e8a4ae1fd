import { currentCandidate, type ItemState } from '@ronde/domain';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import { useLanguage, useT } from '../i18n/useT.ts';
import { useProcess } from '../process/processModel.ts';

/** The facilitator's standing proposal: who, with what focus, until when (ELECT-6). */
export function CandidateCard({ item }: { item: ItemState }) {
  const t = useT();
  const language = useLanguage();
  const model = useProcess();
  const candidate = currentCandidate(item);
  if (candidate === null) return <p className="meta">{t('election.noProposal')}</p>;
  return (
    <div className="election-candidate" role="group" aria-label={t('election.proposalTitle')}>
      <p>
        <strong>
          {t('election.proposed', {
            name: model.name(candidate.nominee),
            date: formatCalendarDate(language, candidate.termEnd),
          })}
        </strong>
      </p>
      {candidate.focus && (
        <p className="meta">{t('election.focusIs', { focus: candidate.focus })}</p>
      )}
    </div>
  );
}
