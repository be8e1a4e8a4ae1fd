import {
  changedRecord,
  type Conflict,
  type FieldDiff,
  type FieldValue,
  type GovernanceChange,
  type RecordRef,
} from '@ronde/domain';
import { formatCalendarDate } from '../decisions/formatDecision.ts';
import type { MessageKey } from '../i18n/en.ts';
import type { Language } from '../i18n/translate.ts';
import type { Translate } from '../i18n/useT.ts';
import type { GovernanceView } from './useGovernance.ts';

/** What a change's words need: the records, the proposal's own changes, people's names. */
export interface Naming {
  readonly t: Translate;
  readonly language: Language;
  readonly view: GovernanceView;
  /** The changes of the proposal being read (records it adds have names before they exist). */
  readonly changes: readonly GovernanceChange[];
  readonly people: Readonly<Record<string, string>>;
}

/** A person's name, or "someone" when the space never recorded it. */
export function personName(naming: Naming, id: string): string {
  return naming.people[id] ?? naming.t('gov.someone');
}

/** The name a proposal's own change gives the record it adds, or `null`. */
function addedName(naming: Naming, ref: RecordRef): string | null {
  for (const change of naming.changes) {
    if (change.type === 'circle.add' && ref.kind === 'circle' && change.circleId === ref.id) {
      return change.name;
    }
    if (change.type === 'role.add' && ref.kind === 'role' && change.roleId === ref.id) {
      return change.name;
    }
    if (change.type === 'policy.add' && ref.kind === 'policy' && change.policyId === ref.id) {
      return change.title;
    }
  }
  return null;
}

/**
 * A record's name as people read it: a circle's or role's name, a policy's
 * title, "Ana as Treasurer" for an assignment; "(unknown)" when nothing names it.
 */
export function recordName(naming: Naming, ref: RecordRef): string {
  const { view } = naming;
  if (ref.kind === 'circle') {
    const found = view.circles.find((c) => c.id === ref.id);
    if (found) return found.name;
  }
  if (ref.kind === 'role') {
    const found = Object.values(view.roles)
      .flat()
      .find((r) => r.id === ref.id);
    if (found) return found.name;
  }
  if (ref.kind === 'policy') {
    const found = Object.values(view.policies)
      .flat()
      .find((p) => p.id === ref.id);
    if (found) return found.title;
  }
  if (ref.kind === 'assignment') {
    const found = Object.values(view.assignments)
      .flat()
      .find((a) => a.id === ref.id);
    const assign = naming.changes.find(
      (c) => c.type === 'person.assign' && c.assignmentId === ref.id,
    );
    const person = found?.personId ?? (assign?.type === 'person.assign' ? assign.personId : null);
    const role = found?.roleId ?? (assign?.type === 'person.assign' ? assign.roleId : null);
    if (person !== null && role !== null) {
      return naming.t('gov.assignmentName', {
        person: personName(naming, person),
        role: recordName(naming, { kind: 'role', id: role }),
      });
    }
  }
  return addedName(naming, ref) ?? naming.t('gov.unknownRecord');
}

/** The field's label ("Purpose", "Term ends"…). */
export function fieldLabel(t: Translate, field: string): string {
  const key = `gov.field.${field}` as MessageKey;
  return FIELD_KEYS.has(key) ? t(key) : field;
}

const FIELD_KEYS = new Set<string>([
  'gov.field.name',
  'gov.field.purpose',
  'gov.field.parentId',
  'gov.field.circleId',
  'gov.field.elected',
  'gov.field.title',
  'gov.field.text',
  'gov.field.focus',
  'gov.field.termEnd',
  'gov.field.roleId',
  'gov.field.personId',
  'gov.field.domains',
  'gov.field.accountabilities',
]);

/** A field's value in words: ids become names, flags yes/no, dates long, nothing "—". */
export function valueText(naming: Naming, field: string, value: FieldValue): string {
  const { t } = naming;
  if (value === null) return field === 'termEnd' ? t('gov.value.noEnd') : t('gov.value.none');
  if (typeof value === 'boolean') return value ? t('gov.value.yes') : t('gov.value.no');
  if (field === 'parentId' || field === 'circleId') {
    return recordName(naming, { kind: 'circle', id: value });
  }
  if (field === 'roleId') return recordName(naming, { kind: 'role', id: value });
  if (field === 'personId') return personName(naming, value);
  if (field === 'termEnd') return formatCalendarDate(naming.language, value);
  return value === '' ? t('gov.value.empty') : value;
}

/** One line of a diff: the field (or list), and its value before and after. */
export interface DiffLine {
  readonly key: string;
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
}

const ADDS = new Set(['circle.add', 'role.add', 'policy.add', 'entry.add', 'person.assign']);
const REMOVES = new Set(['record.remove', 'entry.remove', 'person.unassign']);

/**
 * A change's field diffs in words: what an addition becomes (no before),
 * what a removal was (no after), an amendment's before → after.
 *
 * @example
 * diffLines(naming, diff.fields, diff.type); // [{ label: 'Text', before: 'Spend up to 100', after: 'Spend up to 500' }]
 */
export function diffLines(
  naming: Naming,
  fields: readonly FieldDiff[],
  type: GovernanceChange['type'],
): DiffLine[] {
  return fields.map((f) => ({
    key: `${f.field}:${f.entryId ?? ''}`,
    label: fieldLabel(naming.t, f.field),
    before: ADDS.has(type) ? null : valueText(naming, f.field, f.before),
    after: REMOVES.has(type) ? null : valueText(naming, f.field, f.after),
  }));
}

/**
 * What a change does, in one sentence: "Add role “Treasurer”", "Amend
 * policy “Budget”", "Assign Ana to role “Treasurer”"…
 *
 * @example
 * changeTitle(naming, change); // 'Amend policy “Budget”'
 */
export function changeTitle(naming: Naming, change: GovernanceChange): string {
  const { t } = naming;
  const name = recordName(naming, changedRecord(change));
  switch (change.type) {
    case 'circle.add':
      return t('gov.change.addCircle', { name: change.name });
    case 'role.add':
      return t('gov.change.addRole', { name: change.name });
    case 'policy.add':
      return t('gov.change.addPolicy', { name: change.title });
    case 'record.amend':
      return t(`gov.change.amend.${change.record.kind}`, { name });
    case 'record.remove':
      return t(`gov.change.remove.${change.record.kind}`, { name });
    case 'entry.add':
      return t(`gov.change.entryAdd.${change.list}.${change.owner.kind}`, { name });
    case 'entry.amend':
      return t(`gov.change.entryAmend.${change.list}.${change.owner.kind}`, { name });
    case 'entry.remove':
      return t(`gov.change.entryRemove.${change.list}.${change.owner.kind}`, { name });
    case 'person.assign':
      return t('gov.change.assign', {
        person: personName(naming, change.personId),
        name: recordName(naming, { kind: 'role', id: change.roleId }),
      });
    case 'person.unassign':
      return t('gov.change.unassign', { name });
  }
}

/**
 * Why a change cannot apply, and what to amend (SPEC GOV-8): a stale field
 * names what it is now.
 *
 * @example
 * conflictText(naming, conflict); // 'Text was changed by a later decision; it is now “Spend nothing”. …'
 */
export function conflictText(naming: Naming, conflict: Conflict): string {
  const { t } = naming;
  if (conflict.reason === 'stale') {
    if (conflict.field === null) return t('gov.conflict.staleRecord');
    const field = fieldLabel(t, conflict.field);
    const current =
      conflict.entryId !== null && conflict.current === null
        ? t('gov.value.none')
        : valueText(naming, conflict.field, conflict.current);
    return t('gov.conflict.stale', { field, current });
  }
  return t(`gov.conflict.${conflict.reason}`);
}
