import { useId } from 'react';
import { useT } from '../i18n/useT.ts';
import { DURATION_UNITS, type DurationUnit } from './duration.ts';

/**
 * An amount and a unit (minutes, hours, days): how far away a deadline is.
 *
 * @example
 * <DurationFields label={t('async.send.in')} amount={amount} unit={unit} onAmount={setAmount} onUnit={setUnit} />
 */
export function DurationFields({
  label,
  amount,
  unit,
  onAmount,
  onUnit,
}: {
  label: string;
  amount: string;
  unit: DurationUnit;
  onAmount: (value: string) => void;
  onUnit: (value: DurationUnit) => void;
}) {
  const t = useT();
  const id = useId();
  return (
    <div className="async-duration">
      <label htmlFor={`${id}-amount`}>{label}</label>
      <input
        id={`${id}-amount`}
        type="number"
        inputMode="numeric"
        min={1}
        max={9999}
        step={1}
        required
        value={amount}
        onChange={(e) => onAmount(e.target.value)}
      />
      <label htmlFor={`${id}-unit`} className="visually-hidden">
        {t('async.duration.unit')}
      </label>
      <select
        id={`${id}-unit`}
        value={unit}
        onChange={(e) => onUnit(e.target.value as DurationUnit)}
      >
        {DURATION_UNITS.map((u) => (
          <option key={u} value={u}>
            {t(`async.duration.${u}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
