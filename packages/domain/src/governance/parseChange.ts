import { isId } from '../ids.ts';
import { isReviewDate } from '../process/outcome.ts';
import { CHANGE_TYPES, type GovernanceChange, type ListOwnerRef } from './changes.ts';
import {
  ENTRY_TEXT_MAX,
  LIST_NAMES,
  LIST_OWNER_KINDS,
  RECORD_KINDS,
  fieldRule,
  type FieldRule,
  type FieldValue,
  type ListName,
  type RecordRef,
} from './model.ts';

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : null;

const oneLine = (v: string): string => v.trim().replace(/\s+/g, ' ');
const LIMITS = { name: 120, title: 200, short: 200, text: 2000, long: 20000 } as const;

/**
 * The value a field may take under its rule, cleaned, or `undefined` when it
 * may not (SPEC GOV-6). Names and titles are trimmed to one line and must not
 * be empty; other texts are kept as written.
 *
 * @example
 * cleanFieldValue('name', '  Facilitator '); // 'Facilitator'
 * cleanFieldValue('date', '2027-02-30'); // undefined
 */
export function cleanFieldValue(rule: FieldRule, value: unknown): FieldValue | undefined {
  switch (rule) {
    case 'flag':
      return typeof value === 'boolean' ? value : undefined;
    case 'date':
      return value === null || (typeof value === 'string' && isReviewDate(value))
        ? value
        : undefined;
    case 'id':
      return typeof value === 'string' && isId(value) ? value : undefined;
    case 'name':
    case 'title': {
      if (typeof value !== 'string') return undefined;
      const line = oneLine(value);
      return line.length > 0 && line.length <= LIMITS[rule] ? line : undefined;
    }
    default:
      return typeof value === 'string' && value.length <= LIMITS[rule] ? value : undefined;
  }
}

const isFieldValue = (v: unknown): v is FieldValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean';

function recordRef(v: unknown): RecordRef | null {
  if (!isObject(v)) return null;
  const kind = oneOf(RECORD_KINDS, v.kind);
  return kind !== null && typeof v.id === 'string' && isId(v.id) ? { kind, id: v.id } : null;
}

function ownerRef(v: unknown): ListOwnerRef | null {
  const ref = recordRef(v);
  const kind = ref && oneOf(LIST_OWNER_KINDS, ref.kind);
  return ref && kind ? { kind, id: ref.id } : null;
}

/**
 * Reads a stored change, or `null` when it is not a valid change (SPEC
 * GOV-6). Total: any value goes in, nothing throws. Ids must be valid ids,
 * fields amendable, values valid under their field's rule.
 *
 * @example
 * parseChange(proposalChanges(doc).get(id)?.toJSON()); // a GovernanceChange or null
 */
export function parseChange(raw: unknown): GovernanceChange | null {
  if (!isObject(raw)) return null;
  const type = oneOf(CHANGE_TYPES, raw.type);
  const { id, by, at } = raw;
  if (type === null || typeof id !== 'string' || !isId(id)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  const base = { id, by: typeof by === 'string' ? by : '', at };
  const ids = (...keys: string[]): boolean =>
    keys.every((k) => typeof raw[k] === 'string' && isId(raw[k]));
  const field = (rule: FieldRule, key: string): FieldValue | undefined =>
    cleanFieldValue(rule, raw[key]);
  const version = typeof raw.version === 'string' ? raw.version : null;
  const list = oneOf<ListName>(LIST_NAMES, raw.list);
  const entryText = (key: string): string | null => {
    const value = raw[key];
    if (typeof value !== 'string') return null;
    const text = oneLine(value);
    return text.length > 0 && text.length <= ENTRY_TEXT_MAX ? text : null;
  };

  switch (type) {
    case 'circle.add': {
      const name = field('name', 'name');
      const purpose = field('text', 'purpose');
      if (!ids('circleId', 'parentId') || typeof name !== 'string') return null;
      if (typeof purpose !== 'string') return null;
      const { circleId, parentId } = raw as { circleId: string; parentId: string };
      return { ...base, type, circleId, parentId, name, purpose };
    }
    case 'role.add': {
      const name = field('name', 'name');
      const purpose = field('text', 'purpose');
      if (!ids('roleId', 'circleId') || typeof name !== 'string') return null;
      if (typeof purpose !== 'string' || typeof raw.elected !== 'boolean') return null;
      const { roleId, circleId } = raw as { roleId: string; circleId: string };
      return { ...base, type, roleId, circleId, name, purpose, elected: raw.elected };
    }
    case 'policy.add': {
      const title = field('title', 'title');
      const text = field('long', 'text');
      if (!ids('policyId', 'circleId') || typeof title !== 'string') return null;
      if (typeof text !== 'string') return null;
      const { policyId, circleId } = raw as { policyId: string; circleId: string };
      return { ...base, type, policyId, circleId, title, text };
    }
    case 'record.amend': {
      const record = recordRef(raw.record);
      if (record === null || typeof raw.field !== 'string' || version === null) return null;
      const rule = fieldRule(record.kind, raw.field);
      const after = rule === null ? undefined : field(rule, 'after');
      if (after === undefined || !isFieldValue(raw.before)) return null;
      return { ...base, type, record, field: raw.field, version, before: raw.before, after };
    }
    case 'record.remove': {
      const record = recordRef(raw.record);
      if (record === null || record.kind === 'assignment' || version === null) return null;
      return { ...base, type, record: { kind: record.kind, id: record.id }, version };
    }
    case 'entry.add': {
      const owner = ownerRef(raw.owner);
      const text = entryText('text');
      if (owner === null || list === null || !ids('entryId') || text === null) return null;
      return { ...base, type, owner, list, entryId: raw.entryId as string, text };
    }
    case 'entry.amend': {
      const owner = ownerRef(raw.owner);
      const after = entryText('after');
      if (owner === null || list === null || !ids('entryId') || after === null) return null;
      if (version === null || typeof raw.before !== 'string') return null;
      const entryId = raw.entryId as string;
      return { ...base, type, owner, list, entryId, version, before: raw.before, after };
    }
    case 'entry.remove': {
      const owner = ownerRef(raw.owner);
      if (owner === null || list === null || !ids('entryId') || version === null) return null;
      return { ...base, type, owner, list, entryId: raw.entryId as string, version };
    }
    case 'person.assign': {
      const focus = field('short', 'focus');
      const termEnd = field('date', 'termEnd');
      if (!ids('assignmentId', 'roleId') || typeof raw.personId !== 'string') return null;
      if (raw.personId === '' || typeof focus !== 'string' || termEnd === undefined) return null;
      const { assignmentId, roleId, personId } = raw as Record<string, string>;
      return {
        ...base,
        type,
        assignmentId: assignmentId!,
        roleId: roleId!,
        personId: personId!,
        focus,
        termEnd: termEnd as string | null,
      };
    }
    case 'person.unassign':
      if (!ids('assignmentId') || version === null) return null;
      return { ...base, type, assignmentId: raw.assignmentId as string, version };
  }
}
