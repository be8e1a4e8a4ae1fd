import type * as Y from 'yjs';
import type {
  AmendChange,
  AmendEntryChange,
  ListOwnerRef,
  RemoveChange,
  RemoveEntryChange,
  UnassignChange,
} from './changes.ts';
import { decodeEntry, rawOf, type RawRecord } from './decodeRecord.ts';
import {
  entryKey,
  recordRoot,
  type FieldValue,
  type ListName,
  type RecordKind,
  type RecordRef,
} from './model.ts';
import { currentValue, fieldVersion, recordVersion } from './snapshot.ts';

/** Who writes a change, and its id and time. */
export interface ChangeMeta {
  readonly id: string;
  readonly by: string;
  readonly at: number;
}

function raw(doc: Y.Doc, kind: RecordKind, id: string): RawRecord | null {
  return rawOf(recordRoot(doc, kind).get(id));
}

/**
 * An amendment written against the field as the space document has it now:
 * its version and value are filled in (SPEC GOV-5). `null` when the record
 * is missing. Check the result with `parseChange` before adding it.
 *
 * @example
 * draftAmend(spaceDoc, { kind: 'role', id: roleId }, 'purpose', 'Meetings that end on time', meta);
 */
export function draftAmend(
  doc: Y.Doc,
  record: RecordRef,
  field: string,
  after: FieldValue,
  meta: ChangeMeta,
): AmendChange | null {
  const target = raw(doc, record.kind, record.id);
  if (target === null) return null;
  const before = currentValue(record.kind, record.id, target, field);
  const version = fieldVersion(target, field);
  return { type: 'record.amend', ...meta, record, field, version, before, after };
}

/**
 * The removal of a circle, role or policy as it is now, or `null` when missing.
 *
 * @example
 * draftRemove(spaceDoc, { kind: 'policy', id: policyId }, meta);
 */
export function draftRemove(
  doc: Y.Doc,
  record: RemoveChange['record'],
  meta: ChangeMeta,
): RemoveChange | null {
  const target = raw(doc, record.kind, record.id);
  if (target === null) return null;
  return { type: 'record.remove', ...meta, record, version: recordVersion(target) };
}

/**
 * Ends an assignment as it is now, or `null` when missing.
 *
 * @example
 * draftUnassign(spaceDoc, assignmentId, meta);
 */
export function draftUnassign(
  doc: Y.Doc,
  assignmentId: string,
  meta: ChangeMeta,
): UnassignChange | null {
  const target = raw(doc, 'assignment', assignmentId);
  if (target === null) return null;
  return { type: 'person.unassign', ...meta, assignmentId, version: recordVersion(target) };
}

function entry(doc: Y.Doc, owner: ListOwnerRef, list: ListName, entryId: string) {
  const target = raw(doc, owner.kind, owner.id);
  return target === null ? null : decodeEntry(entryId, target.get(entryKey(list, entryId)));
}

/**
 * Rewords a domain or accountability as it is now, or `null` when missing.
 *
 * @example
 * draftAmendEntry(spaceDoc, { kind: 'role', id: roleId }, 'accountabilities', entryId, 'Scheduling meetings', meta);
 */
export function draftAmendEntry(
  doc: Y.Doc,
  owner: ListOwnerRef,
  list: ListName,
  entryId: string,
  after: string,
  meta: ChangeMeta,
): AmendEntryChange | null {
  const found = entry(doc, owner, list, entryId);
  if (found === null) return null;
  const { version, text: before } = found;
  return { type: 'entry.amend', ...meta, owner, list, entryId, version, before, after };
}

/**
 * Removes a domain or accountability as it is now, or `null` when missing.
 *
 * @example
 * draftRemoveEntry(spaceDoc, { kind: 'circle', id: circleId }, 'domains', entryId, meta);
 */
export function draftRemoveEntry(
  doc: Y.Doc,
  owner: ListOwnerRef,
  list: ListName,
  entryId: string,
  meta: ChangeMeta,
): RemoveEntryChange | null {
  const found = entry(doc, owner, list, entryId);
  if (found === null) return null;
  return { type: 'entry.remove', ...meta, owner, list, entryId, version: found.version };
}
