import type { Circle } from '@ronde/domain';

/**
 * The field choosing the circle a new proposal or meeting belongs to, or a
 * filter by circle: with `anyLabel`, a first option (value `''`) for any.
 *
 * @example
 * <CircleSelect id={`${id}-circle`} label={t('newProposal.circle')} circles={circles} value={circleId} onChange={setCircleId} />
 */
export function CircleSelect({
  id,
  label,
  circles,
  value,
  onChange,
  anyLabel,
}: {
  id: string;
  label: string;
  circles: readonly Circle[];
  value: string;
  onChange: (circleId: string) => void;
  /** Names the option choosing no circle in particular; without it there is none. */
  anyLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {circles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
