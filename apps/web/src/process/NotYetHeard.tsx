import { notYetHeard } from '@ronde/domain';
import { useId } from 'react';
import { useLanguage, useT } from '../i18n/useT.ts';
import { formatNames } from '../decisions/formatDecision.ts';
import { useProcess } from './processModel.ts';

/**
 * Who has not been heard yet in the current item (or, in the check-in and
 * the closing, in the meeting): people taking part who have not spoken in a
 * round of it (domain EQUITY-3). A facilitator starts the next round with
 * them from the speaking order (EQUITY-4).
 */
export function NotYetHeard() {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const model = useProcess();
  const { state } = model;
  const quiet = notYetHeard(state, { people: model.people }, state.currentItemId);
  return (
    <section className="not-heard" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`} className="process-subtitle">
        {state.currentItemId ? t('equity.notHeardItem') : t('equity.notHeardMeeting')}
      </h4>
      {quiet.length === 0 ? (
        <p className="meta">{t('equity.everyoneHeard')}</p>
      ) : (
        <p>{formatNames(language, quiet.map(model.name))}</p>
      )}
    </section>
  );
}
