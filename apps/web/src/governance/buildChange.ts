import {
  draftAmend,
  draftAmendEntry,
  draftRemove,
  draftRemoveEntry,
  draftUnassign,
  fieldRule,
  newId,
  type ChangeMeta,
  type FieldValue,
  type GovernanceChange,
  type ListName,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { parseRef } from './changeOptions.ts';

/** The add form's fields, all as typed (selects hold ids or `kind:id`). */
export interface ChangeForm {
  readonly action: GovernanceChange['type'];
  readonly circle: string;
  readonly name: string;
  readonly purpose: string;
  readonly elected: boolean;
  readonly text: string;
  readonly record: string;
  readonly field: string;
  readonly value: string;
  readonly flag: boolean;
  readonly list: ListName;
  readonly entry: string;
  readonly role: string;
  readonly person: string;
  readonly termEnd: string;
}

export const EMPTY_FORM: ChangeForm = {
  action: 'role.add',
  circle: '',
  name: '',
  purpose: '',
  elected: false,
  text: '',
  record: '',
  field: '',
  value: '',
  flag: false,
  list: 'accountabilities',
  entry: '',
  role: '',
  person: '',
  termEnd: '',
};

/** The new value of an amendment, as its field's rule wants it (a flag, a date or nothing, text). */
export function amendValue(form: ChangeForm): FieldValue {
  const ref = parseRef(form.record);
  const rule = ref ? fieldRule(ref.kind, form.field) : null;
  if (rule === 'flag') return form.flag;
  if (rule === 'date') return form.value === '' ? null : form.value;
  return form.value;
}

/**
 * The change the form describes, written against the space's records as
 * they are now (the drafts fill in versions and current values: SPEC
 * GOV-5), or `null` when what it names is missing. New records get fresh ids.
 *
 * @example
 * const change = buildChange(spaceDoc, form, { id: newId(), by: me.id, at: Date.now() });
 * if (change) addChange(proposalDoc, change);
 */
export function buildChange(
  spaceDoc: Y.Doc,
  form: ChangeForm,
  meta: ChangeMeta,
): GovernanceChange | null {
  const ref = parseRef(form.record);
  switch (form.action) {
    case 'circle.add':
      return {
        type: 'circle.add',
        ...meta,
        circleId: newId(),
        parentId: form.circle,
        name: form.name,
        purpose: form.purpose,
      };
    case 'role.add':
      return {
        type: 'role.add',
        ...meta,
        roleId: newId(),
        circleId: form.circle,
        name: form.name,
        purpose: form.purpose,
        elected: form.elected,
      };
    case 'policy.add':
      return {
        type: 'policy.add',
        ...meta,
        policyId: newId(),
        circleId: form.circle,
        title: form.name,
        text: form.text,
      };
    case 'record.amend':
      return ref ? draftAmend(spaceDoc, ref, form.field, amendValue(form), meta) : null;
    case 'record.remove':
      return ref && ref.kind !== 'assignment'
        ? draftRemove(spaceDoc, { kind: ref.kind, id: ref.id }, meta)
        : null;
    case 'person.unassign':
      return ref ? draftUnassign(spaceDoc, ref.id, meta) : null;
    case 'person.assign':
      return {
        type: 'person.assign',
        ...meta,
        assignmentId: newId(),
        roleId: form.role,
        personId: form.person,
        focus: form.text,
        termEnd: form.termEnd === '' ? null : form.termEnd,
      };
    default: {
      const owner =
        ref && (ref.kind === 'circle' || ref.kind === 'role')
          ? { kind: ref.kind, id: ref.id }
          : null;
      if (owner === null) return null;
      const { list } = form;
      if (form.action === 'entry.add') {
        return { type: 'entry.add', ...meta, owner, list, entryId: newId(), text: form.text };
      }
      if (form.action === 'entry.amend') {
        return draftAmendEntry(spaceDoc, owner, list, form.entry, form.text, meta);
      }
      return draftRemoveEntry(spaceDoc, owner, list, form.entry, meta);
    }
  }
}
