import {
  addChange,
  AMENDABLE_FIELDS,
  CHANGE_TYPES,
  draftAmend,
  fieldRule,
  LIST_NAMES,
  newId,
  type GovernanceChange,
  type ListName,
} from '@ronde/domain';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { buildChange, EMPTY_FORM, type ChangeForm } from './buildChange.ts';
import {
  circleOptions,
  entryOptions,
  parseRef,
  peopleOptions,
  recordOptions,
  roleOptions,
  type Option,
} from './changeOptions.ts';
import { fieldLabel, type Naming } from './changeText.ts';

/** The value shown by a select: the chosen one while it is offered, else the first offered. */
const pick = (value: string, options: readonly Option[]): string =>
  options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');

/** The form with every select resolved to what it shows, and the options it offers. */
function resolve(naming: Naming, raw: ChangeForm, me: { id: string; name: string }) {
  const { action } = raw;
  const circles = circleOptions(naming, action !== 'policy.add');
  const recordKinds =
    action === 'record.amend'
      ? (['circle', 'role', 'policy', 'assignment'] as const)
      : action === 'record.remove'
        ? (['circle', 'role', 'policy'] as const)
        : action === 'person.unassign'
          ? (['assignment'] as const)
          : (['circle', 'role'] as const);
  const records = recordOptions(naming, recordKinds);
  const record = pick(raw.record, records);
  const ref = parseRef(record);
  const fields: Option[] = ref
    ? Object.keys(AMENDABLE_FIELDS[ref.kind]).map((f) => ({
        value: f,
        label: fieldLabel(naming.t, f),
      }))
    : [];
  const entries = entryOptions(naming, record, raw.list);
  const roles = roleOptions(naming, true);
  const people = peopleOptions(naming, me);
  const form: ChangeForm = {
    ...raw,
    circle: pick(raw.circle, circles),
    record,
    field: pick(raw.field, fields),
    entry: pick(raw.entry, entries),
    role: pick(raw.role, roles),
    person: pick(raw.person, people),
  };
  return { form, circles, records, ref, fields, entries, roles, people };
}

/**
 * Adds a structured change to a proposal (SPEC GOV-5): what to change, then
 * the fields that kind of change needs. An amendment or removal is written
 * against the record as it is now (its version and value filled in); the
 * change is refused, with a message, when it is incomplete or invalid.
 */
export function AddChangeForm({
  naming,
  proposalDoc,
  spaceDoc,
  me,
}: {
  naming: Naming;
  proposalDoc: Y.Doc;
  spaceDoc: Y.Doc;
  me: { id: string; name: string };
}) {
  const { t } = naming;
  const id = useId();
  const [raw, setForm] = useState<ChangeForm>(EMPTY_FORM);
  const [error, setError] = useState(false);
  const { action } = raw;

  const { form, circles, records, ref, fields, entries, roles, people } = resolve(naming, raw, me);
  const rule = ref ? fieldRule(ref.kind, form.field) : null;

  const set = (patch: Partial<ChangeForm>) => {
    setError(false);
    setForm((f) => ({ ...f, ...patch }));
  };
  /** Picking what to amend fills in its value now, to edit from there. */
  const prefill = (next: ChangeForm): Partial<ChangeForm> => {
    const target = parseRef(next.record);
    if (next.action === 'entry.amend') {
      const entry = entryOptions(naming, next.record, next.list).find(
        (e) => e.value === next.entry,
      );
      return { text: entry?.label ?? '' };
    }
    if (next.action !== 'record.amend' || target === null) return {};
    const meta = { id: 'x', by: me.id, at: 0 };
    const before = draftAmend(spaceDoc, target, next.field, null, meta)?.before ?? null;
    return typeof before === 'boolean' ? { flag: before } : { value: before ?? '' };
  };
  const choose = (patch: Partial<ChangeForm>) => {
    set({ ...patch, ...prefill(resolve(naming, { ...raw, ...patch }, me).form) });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const change = buildChange(spaceDoc, form, { id: newId(), by: me.id, at: Date.now() });
    try {
      if (change === null) throw new RangeError('incomplete');
      addChange(proposalDoc, change);
      setForm({ ...EMPTY_FORM, action: form.action });
    } catch {
      setError(true);
    }
  };

  const select = (
    name: string,
    label: string,
    value: string,
    options: readonly Option[],
    on: (v: string) => void,
  ) => (
    <Field id={`${id}-${name}`} label={label}>
      <select id={`${id}-${name}`} value={value} onChange={(e) => on(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const text = (name: keyof ChangeForm, label: string, long = false) => (
    <Field id={`${id}-${name}`} label={label}>
      {long ? (
        <textarea
          id={`${id}-${name}`}
          rows={3}
          value={String(form[name])}
          onChange={(e) => set({ [name]: e.target.value })}
        />
      ) : (
        <input
          id={`${id}-${name}`}
          type="text"
          value={String(form[name])}
          onChange={(e) => set({ [name]: e.target.value })}
        />
      )}
    </Field>
  );
  const lists = LIST_NAMES.map((l) => ({ value: l, label: t(`gov.list.${l}`) }));
  const listSelect = select('list', t('gov.form.list'), form.list, lists, (v) =>
    choose({ list: v as ListName, entry: '' }),
  );

  return (
    <form className="gov-add card" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{t('gov.form.title')}</h3>
      {select(
        'action',
        t('gov.form.action'),
        action,
        CHANGE_TYPES.map((type) => ({ value: type, label: t(`gov.action.${type}`) })),
        (v) => choose({ action: v as GovernanceChange['type'], record: '' }),
      )}
      {(action === 'circle.add' || action === 'role.add' || action === 'policy.add') && (
        <>
          {select(
            'circle',
            action === 'circle.add' ? t('gov.form.parent') : t('gov.form.circle'),
            form.circle,
            circles,
            (v) => set({ circle: v }),
          )}
          {text('name', action === 'policy.add' ? t('gov.field.title') : t('gov.field.name'))}
          {action === 'policy.add'
            ? text('text', t('gov.field.text'), true)
            : text('purpose', t('gov.field.purpose'), true)}
          {action === 'role.add' && (
            <div className="field field--check">
              <input
                id={`${id}-elected`}
                type="checkbox"
                checked={form.elected}
                onChange={(e) => set({ elected: e.target.checked })}
              />
              <label htmlFor={`${id}-elected`}>{t('gov.form.elected')}</label>
            </div>
          )}
        </>
      )}
      {(action === 'record.amend' ||
        action === 'record.remove' ||
        action === 'person.unassign' ||
        action.startsWith('entry.')) &&
        select(
          'record',
          action.startsWith('entry.') ? t('gov.form.owner') : t('gov.form.record'),
          form.record,
          records,
          (v) => choose({ record: v, field: '', entry: '' }),
        )}
      {action === 'record.amend' && ref && (
        <>
          {select('field', t('gov.form.field'), form.field, fields, (v) => choose({ field: v }))}
          {rule === 'flag' ? (
            <div className="field field--check">
              <input
                id={`${id}-flag`}
                type="checkbox"
                checked={form.flag}
                onChange={(e) => set({ flag: e.target.checked })}
              />
              <label htmlFor={`${id}-flag`}>{fieldLabel(t, form.field)}</label>
            </div>
          ) : rule === 'id' ? (
            select(
              'value',
              t('gov.form.newValue', { field: fieldLabel(t, form.field) }),
              pick(form.value, circleOptions(naming, false)),
              circleOptions(naming, false),
              (v) => set({ value: v }),
            )
          ) : rule === 'date' ? (
            <Field
              id={`${id}-value`}
              label={t('gov.form.newValue', { field: fieldLabel(t, form.field) })}
            >
              <input
                id={`${id}-value`}
                type="date"
                value={form.value}
                onChange={(e) => set({ value: e.target.value })}
              />
            </Field>
          ) : (
            text(
              'value',
              t('gov.form.newValue', { field: fieldLabel(t, form.field) }),
              rule === 'text' || rule === 'long',
            )
          )}
        </>
      )}
      {action.startsWith('entry.') && listSelect}
      {(action === 'entry.amend' || action === 'entry.remove') &&
        select('entry', t(`gov.list.${form.list}`), form.entry, entries, (v) =>
          choose({ entry: v }),
        )}
      {(action === 'entry.add' || action === 'entry.amend') && text('text', t('gov.form.wording'))}
      {action === 'person.assign' && (
        <>
          {select('role', t('gov.field.roleId'), form.role, roles, (v) => set({ role: v }))}
          {select('person', t('gov.field.personId'), form.person, people, (v) =>
            set({ person: v }),
          )}
          {text('text', t('gov.field.focus'))}
          <Field id={`${id}-term`} label={t('gov.field.termEnd')}>
            <input
              id={`${id}-term`}
              type="date"
              value={form.termEnd}
              onChange={(e) => set({ termEnd: e.target.value })}
            />
          </Field>
        </>
      )}
      {error && (
        <p className="field__error" role="alert">
          {t('gov.form.invalid')}
        </p>
      )}
      <button type="submit" className="button button--primary">
        {t('gov.form.submit')}
      </button>
    </form>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
