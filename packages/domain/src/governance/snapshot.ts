import * as Y from 'yjs';
import { str } from '../fields.ts';
import { decodeAssignment, decodeCircle, decodePolicy, decodeRole, rawOf } from './decodeRecord.ts';
import {
  RECORD_KINDS,
  RECORD_VERSION_KEY,
  recordRoot,
  versionKey,
  type FieldValue,
  type RecordKind,
} from './model.ts';

/**
 * The governance records as plain maps, a private working copy for planning
 * a proposal's changes: each planned write is applied to it, so the next
 * change is checked against the records as the earlier ones left them.
 */
export type Snapshot = Record<RecordKind, Map<string, Map<string, unknown>>>;

/** One write to the records; the same list is applied to the snapshot and then to the document. */
export type Op =
  | {
      readonly op: 'create';
      readonly kind: RecordKind;
      readonly id: string;
      readonly values: readonly (readonly [string, unknown])[];
    }
  | {
      readonly op: 'set';
      readonly kind: RecordKind;
      readonly id: string;
      readonly key: string;
      readonly value: unknown;
    }
  | { readonly op: 'unset'; readonly kind: RecordKind; readonly id: string; readonly key: string }
  | { readonly op: 'drop'; readonly kind: RecordKind; readonly id: string };

/** Copies the records of the document; values that are not records are left out. */
export function snapshotOf(doc: Y.Doc): Snapshot {
  const snapshot = {} as Snapshot;
  for (const kind of RECORD_KINDS) {
    const records = new Map<string, Map<string, unknown>>();
    recordRoot(doc, kind).forEach((value, id) => {
      const raw = rawOf(value);
      if (raw !== null) records.set(id, new Map(raw));
    });
    snapshot[kind] = records;
  }
  return snapshot;
}

/** Applies a write to the working copy. */
export function applyOp(snapshot: Snapshot, op: Op): void {
  const records = snapshot[op.kind];
  if (op.op === 'create') records.set(op.id, new Map(op.values));
  else if (op.op === 'drop') records.delete(op.id);
  else if (op.op === 'set') records.get(op.id)?.set(op.key, op.value);
  else records.get(op.id)?.delete(op.key);
}

/** Applies a write to the document (the snapshot was taken from it, so every target exists). */
export function writeOp(doc: Y.Doc, op: Op): void {
  const root = recordRoot(doc, op.kind);
  if (op.op === 'create') {
    root.set(op.id, new Y.Map(op.values.map(([k, v]) => [k, v] as [string, unknown])));
    return;
  }
  if (op.op === 'drop') {
    root.delete(op.id);
    return;
  }
  const record = root.get(op.id);
  if (!(record instanceof Y.Map)) return;
  if (op.op === 'set') record.set(op.key, op.value);
  else record.delete(op.key);
}

/** The version of a field: the last decision that wrote it, `''` when none did. */
export function fieldVersion(record: ReadonlyMap<string, unknown>, field: string): string {
  return str(record.get(versionKey(field)));
}

/** The last decision that changed a record. */
export function recordVersion(record: ReadonlyMap<string, unknown>): string {
  return str(record.get(RECORD_VERSION_KEY));
}

/** The fields a record shows in a diff, with their values, in a fixed order. */
export function recordFields(
  kind: RecordKind,
  id: string,
  raw: ReadonlyMap<string, unknown>,
): [string, FieldValue][] {
  switch (kind) {
    case 'circle': {
      const c = decodeCircle(id, raw);
      return [
        ['name', c.name],
        ['purpose', c.purpose],
        ['parentId', c.parentId],
      ];
    }
    case 'role': {
      const r = decodeRole(id, raw);
      const fields: [string, FieldValue][] = [
        ['circleId', r.circleId],
        ['name', r.name],
      ];
      return [...fields, ['purpose', r.purpose], ['elected', r.elected]];
    }
    case 'policy': {
      const p = decodePolicy(id, raw);
      return [
        ['circleId', p.circleId],
        ['title', p.title],
        ['text', p.text],
      ];
    }
    case 'assignment': {
      const a = decodeAssignment(id, raw);
      const fields: [string, FieldValue][] = [
        ['roleId', a.roleId],
        ['personId', a.personId],
      ];
      return [...fields, ['focus', a.focus], ['termEnd', a.termEnd]];
    }
  }
}

/** The current value of one field, as the readers show it. */
export function currentValue(
  kind: RecordKind,
  id: string,
  raw: ReadonlyMap<string, unknown>,
  field: string,
): FieldValue {
  return recordFields(kind, id, raw).find(([name]) => name === field)?.[1] ?? null;
}
