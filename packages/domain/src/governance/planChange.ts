import { decodeEntry } from './decodeRecord.ts';
import { changedRecord, type GovernanceChange } from './changes.ts';
import { conflict, type Conflict, type FieldDiff } from './conflict.ts';
import {
  RECORD_VERSION_KEY,
  entryKey,
  versionKey,
  type FieldValue,
  type RecordKind,
} from './model.ts';
import {
  currentValue,
  fieldVersion,
  recordFields,
  recordVersion,
  type Op,
  type Snapshot,
} from './snapshot.ts';

/** What a plan knows beside the records: the decision and the anchor circle. */
export interface PlanContext {
  readonly decisionId: string;
  readonly at: number;
  /** The space's anchor circle (`defaultCircleId`); `null` when the space has not loaded. */
  readonly anchorId: string | null;
}

/** The writes of one change and what it does, field by field. */
export interface ChangePlan {
  readonly ops: Op[];
  readonly fields: FieldDiff[];
}

const ref = (kind: RecordKind, id: string) => ({ kind, id });

/**
 * Checks one change against the records as they are and plans its writes,
 * or returns why it cannot apply (SPEC GOV-8). Pure: reads the snapshot only.
 */
export function planChange(
  snapshot: Snapshot,
  change: GovernanceChange,
  context: PlanContext,
): ChangePlan | Conflict {
  const { decisionId: d, at } = context;
  const missing = (kind: RecordKind, id: string): Conflict =>
    conflict(change.id, 'missing', ref(kind, id));
  const create = (kind: RecordKind, id: string, values: [string, FieldValue][]): ChangePlan => {
    const stamp: [string, unknown][] = [
      ['id', id],
      ['createdAt', at],
      ['createdBy', d],
      [RECORD_VERSION_KEY, d],
    ];
    const versions = values.map(([field]): [string, unknown] => [versionKey(field), d]);
    return {
      ops: [{ op: 'create', kind, id, values: [...stamp, ...values, ...versions] }],
      fields: values.map(([field, after]) => ({ field, entryId: null, before: null, after })),
    };
  };
  const record = changedRecord(change);
  const target = snapshot[record.kind].get(record.id);

  switch (change.type) {
    case 'circle.add':
    case 'role.add':
    case 'policy.add':
    case 'person.assign': {
      if (target) return conflict(change.id, 'exists', record);
      if (change.type === 'circle.add') {
        if (!snapshot.circle.has(change.parentId)) return missing('circle', change.parentId);
        const { name, purpose, parentId } = change;
        return create('circle', change.circleId, [
          ['name', name],
          ['purpose', purpose],
          ['parentId', parentId],
        ]);
      }
      if (change.type === 'role.add') {
        if (!snapshot.circle.has(change.circleId)) return missing('circle', change.circleId);
        const { circleId, name, purpose, elected } = change;
        return create('role', change.roleId, [
          ['circleId', circleId],
          ['name', name],
          ['purpose', purpose],
          ['elected', elected],
        ]);
      }
      if (change.type === 'policy.add') {
        if (!snapshot.circle.has(change.circleId)) return missing('circle', change.circleId);
        const { circleId, title, text } = change;
        return create('policy', change.policyId, [
          ['circleId', circleId],
          ['title', title],
          ['text', text],
        ]);
      }
      if (!snapshot.role.has(change.roleId)) return missing('role', change.roleId);
      const { roleId, personId, focus, termEnd } = change;
      return create('assignment', change.assignmentId, [
        ['roleId', roleId],
        ['personId', personId],
        ['focus', focus],
        ['termEnd', termEnd],
      ]);
    }
    case 'record.amend': {
      if (!target) return missing(record.kind, record.id);
      const actual = fieldVersion(target, change.field);
      const before = currentValue(record.kind, record.id, target, change.field);
      if (actual !== change.version) {
        return conflict(change.id, 'stale', record, {
          field: change.field,
          expected: change.version,
          actual,
          current: before,
        });
      }
      const moved = checkMove(snapshot, change, context);
      if (moved !== null) return moved;
      return {
        ops: [
          { op: 'set', ...record, key: change.field, value: change.after },
          { op: 'set', ...record, key: versionKey(change.field), value: d },
          { op: 'set', ...record, key: RECORD_VERSION_KEY, value: d },
        ],
        fields: [{ field: change.field, entryId: null, before, after: change.after }],
      };
    }
    case 'record.remove':
    case 'person.unassign': {
      if (!target) return missing(record.kind, record.id);
      const actual = recordVersion(target);
      if (actual !== change.version) {
        return conflict(change.id, 'stale', record, { expected: change.version, actual });
      }
      if (record.kind === 'circle' && record.id === context.anchorId) {
        return conflict(change.id, 'anchor', record);
      }
      if (!isEmpty(snapshot, record.kind, record.id))
        return conflict(change.id, 'not-empty', record);
      return {
        ops: [{ op: 'drop', ...record }],
        fields: recordFields(record.kind, record.id, target).map(([field, before]) => ({
          field,
          entryId: null,
          before,
          after: null,
        })),
      };
    }
    case 'entry.add':
    case 'entry.amend':
    case 'entry.remove': {
      if (!target) return missing(record.kind, record.id);
      const key = entryKey(change.list, change.entryId);
      const entry = target.has(key) ? decodeEntry(change.entryId, target.get(key)) : null;
      const where = { field: change.list, entryId: change.entryId };
      if (change.type === 'entry.add') {
        if (target.has(key)) return conflict(change.id, 'exists', record, where);
      } else {
        if (entry === null) return conflict(change.id, 'missing', record, where);
        if (entry.version !== change.version) {
          return conflict(change.id, 'stale', record, {
            ...where,
            expected: change.version,
            actual: entry.version,
            current: entry.text,
          });
        }
      }
      const after =
        change.type === 'entry.add'
          ? change.text
          : change.type === 'entry.amend'
            ? change.after
            : null;
      const write: Op =
        after === null
          ? { op: 'unset', ...record, key }
          : {
              op: 'set',
              ...record,
              key,
              value: { text: after, version: d, addedAt: entry?.addedAt ?? at },
            };
      return {
        ops: [write, { op: 'set', ...record, key: RECORD_VERSION_KEY, value: d }],
        fields: [{ ...where, before: entry?.text ?? null, after }],
      };
    }
  }
}

/** A move of a circle (parentId) or role (circleId): the target exists, no cycle, not the anchor. */
function checkMove(
  snapshot: Snapshot,
  change: Extract<GovernanceChange, { type: 'record.amend' }>,
  context: PlanContext,
): Conflict | null {
  const { record, field, after } = change;
  const moves =
    (record.kind === 'circle' && field === 'parentId') ||
    (record.kind === 'role' && field === 'circleId');
  if (!moves || typeof after !== 'string') return null;
  if (record.kind === 'circle' && record.id === context.anchorId) {
    return conflict(change.id, 'anchor', record, { field });
  }
  if (!snapshot.circle.has(after)) return conflict(change.id, 'missing', ref('circle', after));
  if (record.kind !== 'circle') return null;
  const seen = new Set<string>();
  for (let at: string | undefined = after; at !== undefined && !seen.has(at);) {
    if (at === record.id) return conflict(change.id, 'cycle', record, { field });
    seen.add(at);
    const parent: unknown = snapshot.circle.get(at)?.get('parentId');
    at = typeof parent === 'string' ? parent : undefined;
  }
  return null;
}

/** Whether nothing still hangs on a record about to be removed. */
function isEmpty(snapshot: Snapshot, kind: RecordKind, id: string): boolean {
  const has = (records: Map<string, Map<string, unknown>>, key: string): boolean =>
    [...records.values()].some((r) => r.get(key) === id);
  if (kind === 'circle') {
    return (
      !has(snapshot.circle, 'parentId') &&
      !has(snapshot.role, 'circleId') &&
      !has(snapshot.policy, 'circleId')
    );
  }
  if (kind === 'role') return !has(snapshot.assignment, 'roleId');
  return true;
}
