import { useId } from 'react';
import type * as Y from 'yjs';
import { useGovernance } from '../governance/useGovernance.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useT } from '../i18n/useT.ts';

const TEXT = {
  tension: { label: 'tensions.form.role', none: 'tensions.form.asMyself' },
  action: { label: 'actions.edit.role', none: 'actions.edit.noRole' },
} as const satisfies Record<string, { label: MessageKey; none: MessageKey }>;

/**
 * The field naming the role a tension is sensed in or an action belongs to
 * (TENSION-1, ACTION-3): every role of the space, labelled with its circle,
 * after a first option (value `''`) for none; `of` words it for its form.
 *
 * @example
 * <RoleSelect spaceDoc={spaceDoc} of="tension" value={roleId} onChange={setRoleId} />
 */
export function RoleSelect({
  spaceDoc,
  of,
  value,
  onChange,
}: {
  spaceDoc: Y.Doc;
  of: keyof typeof TEXT;
  value: string;
  onChange: (roleId: string) => void;
}) {
  const t = useT();
  const id = useId();
  const view = useGovernance(spaceDoc);
  const roles = view.circles.flatMap((circle) =>
    (view.roles[circle.id] ?? []).map((role) => ({
      id: role.id,
      label: `${role.name} · ${circle.name}`,
    })),
  );
  return (
    <div className="field">
      <label htmlFor={id}>{t(TEXT[of].label)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t(TEXT[of].none)}</option>
        {roles.map((role) => (
          <option key={role.id} value={role.id}>
            {role.label}
          </option>
        ))}
      </select>
    </div>
  );
}
