import {
  currentCandidate,
  currentNominations,
  FOCUS_MAX,
  proposeCandidate,
  type ItemState,
} from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { takingPart, useProcess } from '../process/processModel.ts';

/** The most nominated person (ties: the first nominated), to start the facilitator's choice from. */
function mostNominated(item: ItemState): string {
  const tally = new Map<string, number>();
  for (const n of currentNominations(item)) tally.set(n.nominee, (tally.get(n.nominee) ?? 0) + 1);
  let best = '';
  for (const [nominee, count] of tally) if (count > (tally.get(best) ?? 0)) best = nominee;
  return best;
}

/**
 * The facilitator proposes someone, with a focus and the term's last day:
 * in the propose step, or in the integration step to integrate an
 * objection (another person, a shorter term, another focus) (ELECT-6).
 */
export function ProposeForm({ item }: { item: ItemState }) {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const standing = currentCandidate(item);
  const maxEnd = item.election?.target.termEnd ?? '';
  const [nominee, setNominee] = useState(standing?.nominee ?? mostNominated(item));
  const [focus, setFocus] = useState(standing?.focus ?? '');
  const [termEnd, setTermEnd] = useState(standing?.termEnd ?? maxEnd);
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nominee === '') return setError(t('election.nomineeRequired'));
    if (termEnd === '' || termEnd > maxEnd) return setError(t('election.termInvalid'));
    setError(null);
    model.run((s, by, at) => proposeCandidate(s, by, at, { nominee, focus, termEnd }));
  };
  const title = standing === null ? t('election.proposeTitle') : t('election.reproposeTitle');
  return (
    <form className="election-form" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h4 id={`${id}-h`} className="process-subtitle">
        {title}
      </h4>
      <label htmlFor={`${id}-nominee`}>{t('election.candidate')}</label>
      <select id={`${id}-nominee`} value={nominee} onChange={(e) => setNominee(e.target.value)}>
        <option value="">{t('election.chooseNominee')}</option>
        {takingPart(model).map((p) => (
          <option key={p.id} value={p.id}>
            {model.name(p.id)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-focus`}>{t('election.focus')}</label>
      <input
        id={`${id}-focus`}
        maxLength={FOCUS_MAX}
        value={focus}
        onChange={(e) => setFocus(e.target.value)}
      />
      <label htmlFor={`${id}-term`}>{t('election.termEnd')}</label>
      <input
        id={`${id}-term`}
        type="date"
        max={maxEnd}
        value={termEnd}
        onChange={(e) => setTermEnd(e.target.value)}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('election.propose')}
      </button>
    </form>
  );
}
