import { NOMINATION_REASON_MAX } from '@ronde/domain';
import { useT } from '../i18n/useT.ts';
import { takingPart, useProcess } from '../process/processModel.ts';

/**
 * Whom (a person taking part in the meeting) and why: the fields of a
 * nomination, sealed or changed.
 */
export function NomineeFields({
  id,
  nominee,
  reason,
  onNominee,
  onReason,
}: {
  id: string;
  nominee: string;
  reason: string;
  onNominee: (value: string) => void;
  onReason: (value: string) => void;
}) {
  const t = useT();
  const model = useProcess();
  return (
    <>
      <label htmlFor={`${id}-nominee`}>{t('election.nominee')}</label>
      <select id={`${id}-nominee`} value={nominee} onChange={(e) => onNominee(e.target.value)}>
        <option value="">{t('election.chooseNominee')}</option>
        {takingPart(model).map((p) => (
          <option key={p.id} value={p.id}>
            {model.name(p.id)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-reason`}>{t('election.reason')}</label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        maxLength={NOMINATION_REASON_MAX}
        value={reason}
        onChange={(e) => onReason(e.target.value)}
      />
    </>
  );
}
