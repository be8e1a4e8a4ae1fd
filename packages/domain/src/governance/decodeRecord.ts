import * as Y from 'yjs';
import { num, str } from '../fields.ts';
import { compareIds } from '../space.ts';
import {
  AMENDABLE_FIELDS,
  LIST_NAMES,
  RECORD_VERSION_KEY,
  versionKey,
  type AssignmentRecord,
  type CircleRecord,
  type ListEntry,
  type ListName,
  type PolicyRecord,
  type RecordBase,
  type RecordKind,
  type RoleRecord,
} from './model.ts';

/**
 * A record's keys and values as plain data: what a Y.Map holds, or what the
 * planner of `applyChanges` holds while it works. Decoding never trusts a
 * value's type (SPEC GOV-2): a record written by another client version or
 * by hand still reads, with empty values where it makes no sense.
 */
export type RawRecord = ReadonlyMap<string, unknown>;

/** The keys and values of a stored record, or `null` if it is not a Y.Map. */
export function rawOf(value: unknown): RawRecord | null {
  return value instanceof Y.Map ? new Map(value.entries()) : null;
}

const textOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

function base(id: string, raw: RawRecord, kind: RecordKind): RecordBase {
  const versions: Record<string, string> = {};
  for (const field of Object.keys(AMENDABLE_FIELDS[kind])) {
    versions[field] = str(raw.get(versionKey(field)));
  }
  return {
    id,
    createdAt: num(raw.get('createdAt')),
    createdBy: str(raw.get('createdBy')),
    version: str(raw.get(RECORD_VERSION_KEY)),
    versions,
  };
}

/** The entries of one list, by time added then id (SPEC GOV-3). */
export function entriesOf(raw: RawRecord, list: ListName): ListEntry[] {
  const prefix = `${list}:`;
  const entries: ListEntry[] = [];
  for (const [key, value] of raw) {
    if (!key.startsWith(prefix)) continue;
    const entry = decodeEntry(key.slice(prefix.length), value);
    if (entry !== null) entries.push(entry);
  }
  return entries.sort((a, b) => a.addedAt - b.addedAt || compareIds(a.id, b.id));
}

/** A stored list entry, or `null` when it is not an object with text. */
export function decodeEntry(id: string, value: unknown): ListEntry | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  if (typeof entry.text !== 'string' || id === '') return null;
  return { id, text: entry.text, version: str(entry.version), addedAt: num(entry.addedAt) };
}

function lists(raw: RawRecord): Record<ListName, ListEntry[]> {
  const [domains, accountabilities] = LIST_NAMES;
  return {
    [domains]: entriesOf(raw, domains),
    [accountabilities]: entriesOf(raw, accountabilities),
  };
}

export function decodeCircle(id: string, raw: RawRecord): CircleRecord {
  return {
    ...base(id, raw, 'circle'),
    name: str(raw.get('name')),
    purpose: str(raw.get('purpose')),
    parentId: textOrNull(raw.get('parentId')),
    ...lists(raw),
  };
}

export function decodeRole(id: string, raw: RawRecord): RoleRecord {
  return {
    ...base(id, raw, 'role'),
    circleId: str(raw.get('circleId')),
    name: str(raw.get('name')),
    purpose: str(raw.get('purpose')),
    elected: raw.get('elected') === true,
    ...lists(raw),
  };
}

export function decodePolicy(id: string, raw: RawRecord): PolicyRecord {
  return {
    ...base(id, raw, 'policy'),
    circleId: str(raw.get('circleId')),
    title: str(raw.get('title')),
    text: str(raw.get('text')),
  };
}

export function decodeAssignment(id: string, raw: RawRecord): AssignmentRecord {
  return {
    ...base(id, raw, 'assignment'),
    roleId: str(raw.get('roleId')),
    personId: str(raw.get('personId')),
    focus: str(raw.get('focus')),
    termEnd: textOrNull(raw.get('termEnd')),
  };
}
