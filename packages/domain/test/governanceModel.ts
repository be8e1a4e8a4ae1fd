import type * as Y from 'yjs';
import type { GovernanceChange } from '../src/governance/changes.ts';
import { entryKey, recordRoot, RECORD_KINDS, type FieldValue } from '../src/governance/model.ts';
import { readAssignment, readCircle, readPolicy, readRole } from '../src/governance/readRecords.ts';

/**
 * An independent model of the governance records for the fuzz test: what
 * the adopted changes should have left, slot by slot (`kind:id` →
 * field or `list:entryId` → value and the decision that wrote it).
 */
export type Slot = { value: FieldValue; version: string };
export type Model = Map<string, Map<string, Slot>>;

const key = (kind: string, id: string): string => `${kind}:${id}`;

/** The version a change was written against, or `undefined` for an addition. */
function expectedVersion(model: Model, change: GovernanceChange): string | null {
  switch (change.type) {
    case 'record.amend':
      return (
        model.get(key(change.record.kind, change.record.id))?.get(change.field)?.version ?? null
      );
    case 'record.remove':
      return model.get(key(change.record.kind, change.record.id))?.get('v')?.version ?? null;
    case 'person.unassign':
      return model.get(key('assignment', change.assignmentId))?.get('v')?.version ?? null;
    case 'entry.amend':
    case 'entry.remove': {
      const record = model.get(key(change.owner.kind, change.owner.id));
      return record?.get(entryKey(change.list, change.entryId))?.version ?? null;
    }
    default:
      return null;
  }
}

/**
 * Whether the model says the change could apply without overwriting
 * anything it did not see: its versions match, what it adds is new.
 */
export function writtenAgainstCurrent(model: Model, change: GovernanceChange): boolean {
  const isNew = (kind: string, id: string): boolean => !model.has(key(kind, id));
  switch (change.type) {
    case 'circle.add':
      return isNew('circle', change.circleId);
    case 'role.add':
      return isNew('role', change.roleId);
    case 'policy.add':
      return isNew('policy', change.policyId);
    case 'person.assign':
      return isNew('assignment', change.assignmentId);
    case 'entry.add': {
      const owner = model.get(key(change.owner.kind, change.owner.id));
      return owner !== undefined && !owner.has(entryKey(change.list, change.entryId));
    }
    default: {
      const expected = expectedVersion(model, change);
      return expected !== null && expected === change.version;
    }
  }
}

/** Applies an adopted change to the model, stamping decision `d`. */
export function modelApply(model: Model, change: GovernanceChange, d: string): void {
  const create = (kind: string, id: string, fields: Record<string, FieldValue>) =>
    model.set(
      key(kind, id),
      new Map([
        ['v', { value: null, version: d }],
        ...Object.entries(fields).map(([f, value]): [string, Slot] => [f, { value, version: d }]),
      ]),
    );
  switch (change.type) {
    case 'circle.add':
      return void create('circle', change.circleId, {
        name: change.name,
        purpose: change.purpose,
        parentId: change.parentId,
      });
    case 'role.add':
      return void create('role', change.roleId, {
        circleId: change.circleId,
        name: change.name,
        purpose: change.purpose,
        elected: change.elected,
      });
    case 'policy.add':
      return void create('policy', change.policyId, {
        circleId: change.circleId,
        title: change.title,
        text: change.text,
      });
    case 'person.assign':
      return void create('assignment', change.assignmentId, {
        roleId: change.roleId,
        personId: change.personId,
        focus: change.focus,
        termEnd: change.termEnd,
      });
    case 'record.amend': {
      const record = model.get(key(change.record.kind, change.record.id))!;
      record.set(change.field, { value: change.after, version: d });
      record.set('v', { value: null, version: d });
      return;
    }
    case 'record.remove':
      return void model.delete(key(change.record.kind, change.record.id));
    case 'person.unassign':
      return void model.delete(key('assignment', change.assignmentId));
    case 'entry.add':
    case 'entry.amend':
    case 'entry.remove': {
      const record = model.get(key(change.owner.kind, change.owner.id))!;
      const slot = entryKey(change.list, change.entryId);
      if (change.type === 'entry.remove') record.delete(slot);
      else
        record.set(slot, {
          value: change.type === 'entry.add' ? change.text : change.after,
          version: d,
        });
      record.set('v', { value: null, version: d });
    }
  }
}

/** The document's records in the model's shape, read through the public readers. */
export function modelOf(doc: Y.Doc): Model {
  const model: Model = new Map();
  for (const kind of RECORD_KINDS) {
    recordRoot(doc, kind).forEach((_value, id) => {
      const slots = new Map<string, Slot>();
      const record =
        kind === 'circle'
          ? readCircle(doc, id)
          : kind === 'role'
            ? readRole(doc, id)
            : kind === 'policy'
              ? readPolicy(doc, id)
              : readAssignment(doc, id);
      if (record === null) return;
      slots.set('v', { value: null, version: record.version });
      for (const [field, value] of Object.entries(record)) {
        if (['id', 'createdAt', 'createdBy', 'version', 'versions'].includes(field)) continue;
        if (field === 'domains' || field === 'accountabilities') {
          for (const entry of value as { id: string; text: string; version: string }[]) {
            slots.set(entryKey(field, entry.id), { value: entry.text, version: entry.version });
          }
          continue;
        }
        const version = record.versions[field] ?? record.createdBy;
        slots.set(field, { value: value as FieldValue, version });
      }
      model.set(key(kind, id), slots);
    });
  }
  return model;
}

/** A model as sorted plain data, to compare with `toEqual`. */
export function plainModel(model: Model): [string, [string, Slot][]][] {
  return [...model.entries()]
    .map(([id, slots]): [string, [string, Slot][]] => [
      id,
      [...slots.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
