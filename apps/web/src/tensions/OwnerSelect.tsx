import { useT } from '../i18n/useT.ts';

/**
 * The field choosing who owns an action (ACTION-1): one option per possible
 * owner, named by `nameOf`, so each form keeps its own way of naming people.
 *
 * @example
 * <OwnerSelect id={`${id}-owner`} owners={owners} nameOf={(p) => model.name(p.id)} value={ownerId} onChange={setOwnerId} />
 */
export function OwnerSelect<Owner extends { readonly id: string }>({
  id,
  owners,
  nameOf,
  value,
  onChange,
}: {
  id: string;
  owners: readonly Owner[];
  nameOf: (owner: Owner) => string;
  value: string;
  onChange: (ownerId: string) => void;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t('actions.form.owner')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {owners.map((p) => (
          <option key={p.id} value={p.id}>
            {nameOf(p)}
          </option>
        ))}
      </select>
    </div>
  );
}
