import type * as Y from 'yjs';
import { readSpace } from '../space.ts';
import { changedRecord, type GovernanceChange } from './changes.ts';
import type { Conflict, FieldDiff } from './conflict.ts';
import { planChange } from './planChange.ts';
import { planChanges } from './planChanges.ts';
import { recordFields, snapshotOf, type Snapshot } from './snapshot.ts';
import type { RecordRef } from './model.ts';

/** A change as the proposal shows it: what it does, field by field, and whether it would apply. */
export interface ChangeDiff {
  readonly changeId: string;
  readonly type: GovernanceChange['type'];
  readonly record: RecordRef;
  /** The record's name (title for a policy, person for an assignment) now, or as the change names it. */
  readonly label: string;
  readonly fields: readonly FieldDiff[];
  /** Why it would not apply now, or `null`. */
  readonly conflict: Conflict | null;
}

/** The diff a change states by itself (used when it cannot apply to the records as they are). */
function statedFields(change: GovernanceChange): FieldDiff[] {
  const field = (
    name: string,
    before: FieldDiff['before'],
    after: FieldDiff['after'],
  ): FieldDiff => ({
    field: name,
    entryId: null,
    before,
    after,
  });
  switch (change.type) {
    case 'circle.add':
      return [
        field('name', null, change.name),
        field('purpose', null, change.purpose),
        field('parentId', null, change.parentId),
      ];
    case 'role.add':
      return [
        field('circleId', null, change.circleId),
        field('name', null, change.name),
        field('purpose', null, change.purpose),
        field('elected', null, change.elected),
      ];
    case 'policy.add':
      return [
        field('circleId', null, change.circleId),
        field('title', null, change.title),
        field('text', null, change.text),
      ];
    case 'person.assign':
      return [
        field('roleId', null, change.roleId),
        field('personId', null, change.personId),
        field('focus', null, change.focus),
        field('termEnd', null, change.termEnd),
      ];
    case 'record.amend':
      return [field(change.field, change.before, change.after)];
    case 'entry.add':
      return [{ field: change.list, entryId: change.entryId, before: null, after: change.text }];
    case 'entry.amend':
      return [
        { field: change.list, entryId: change.entryId, before: change.before, after: change.after },
      ];
    case 'entry.remove':
      return [{ field: change.list, entryId: change.entryId, before: null, after: null }];
    case 'record.remove':
    case 'person.unassign':
      return [];
  }
}

function label(snapshot: Snapshot, change: GovernanceChange): string {
  const record = changedRecord(change);
  const raw = snapshot[record.kind].get(record.id);
  const name = (fields: FieldDiff[]): string => {
    const found = fields.find((f) => ['name', 'title', 'personId'].includes(f.field));
    return typeof found?.after === 'string' ? found.after : '';
  };
  if (raw === undefined) return name(statedFields(change));
  const fields = recordFields(record.kind, record.id, raw);
  const found = fields.find(([field]) => ['name', 'title', 'personId'].includes(field));
  return typeof found?.[1] === 'string' ? found[1] : '';
}

/**
 * What one change would do to the records as they are now, field by field
 * (before → after), and the conflict it would meet (SPEC GOV-8). A change
 * that builds on another change of its proposal (a role in a circle the
 * proposal adds) reads as `missing` here: use {@link diffChanges} for a
 * whole proposal.
 *
 * @example
 * diffChange(spaceDoc, change).fields; // [{ field: 'purpose', entryId: null, before: 'Old', after: 'New' }]
 */
export function diffChange(doc: Y.Doc, change: GovernanceChange): ChangeDiff {
  const snapshot = snapshotOf(doc);
  const anchorId = readSpace(doc)?.defaultCircleId ?? null;
  const plan = planChange(snapshot, change, { decisionId: '', at: change.at, anchorId });
  const common = {
    changeId: change.id,
    type: change.type,
    record: changedRecord(change),
    label: label(snapshot, change),
  };
  return 'reason' in plan
    ? { ...common, fields: statedFields(change), conflict: plan }
    : { ...common, fields: plan.fields, conflict: null };
}

/**
 * The diffs of all of a proposal's changes, planned together as adoption
 * would apply them (SPEC GOV-7), in list order.
 *
 * @example
 * diffChanges(spaceDoc, listChanges(proposalDoc)).filter((d) => d.conflict !== null);
 */
export function diffChanges(doc: Y.Doc, changes: readonly GovernanceChange[]): ChangeDiff[] {
  const snapshot = snapshotOf(doc);
  const labels = new Map(changes.map((c) => [c.id, label(snapshot, c)]));
  const anchorId = readSpace(doc)?.defaultCircleId ?? null;
  const plan = planChanges(snapshot, changes, { decisionId: '', at: 0, anchorId });
  return changes.map((change) => {
    const applied = plan.applied.find((a) => a.change.id === change.id);
    const conflict = plan.conflicts.find((c) => c.changeId === change.id) ?? null;
    return {
      changeId: change.id,
      type: change.type,
      record: changedRecord(change),
      label: labels.get(change.id) ?? '',
      fields: applied?.fields ?? statedFields(change),
      conflict,
    };
  });
}
