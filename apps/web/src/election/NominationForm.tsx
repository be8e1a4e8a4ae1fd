import { changeNomination, newSalt, sealNomination } from '@ronde/domain';
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT.ts';
import { useProcess } from '../process/processModel.ts';
import { keepSecret } from './nominationSecrets.ts';
import { NomineeFields } from './NomineeFields.tsx';

/**
 * My nomination: sealed in the nominate step (only its seal leaves the
 * device, ELECT-3), or changed openly in the change round (ELECT-5).
 */
export function NominationForm({ mode }: { mode: 'seal' | 'change' }) {
  const t = useT();
  const id = useId();
  const model = useProcess();
  const [nominee, setNominee] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (nominee === '') return setError(t('election.nomineeRequired'));
    if (reason.trim() === '') return setError(t('election.reasonRequired'));
    setError(null);
    if (mode === 'seal') {
      model.run((s, by, at) => {
        const sealed = sealNomination(s, by, at, { nominee, reason }, newSalt());
        keepSecret(sealed.event.id, sealed.secret);
        return sealed.event;
      });
      // Sealed means unseen: the choice does not stay on a screen others may glance at.
      setNominee('');
      setReason('');
    } else {
      model.run((s, by, at) => changeNomination(s, by, at, { nominee, reason }));
    }
    setSent(true);
  };
  const title = mode === 'seal' ? t('election.sealTitle') : t('election.changeTitle');
  return (
    <form className="election-form" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h4 id={`${id}-h`} className="process-subtitle">
        {title}
      </h4>
      {mode === 'seal' && <p className="meta">{t('election.sealHint')}</p>}
      <NomineeFields
        id={id}
        nominee={nominee}
        reason={reason}
        onNominee={(v) => {
          setNominee(v);
          setSent(false);
        }}
        onReason={(v) => {
          setReason(v);
          setSent(false);
        }}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className={mode === 'seal' ? 'primary' : undefined}>
        {mode === 'seal' ? t('election.seal') : t('election.change')}
      </button>
      {sent && (
        <p role="status" className="meta">
          {mode === 'seal' ? t('election.sealSent') : t('election.changeSent')}
        </p>
      )}
    </form>
  );
}
