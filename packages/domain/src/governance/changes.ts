import type { FieldValue, ListName, ListOwnerKind, RecordKind, RecordRef } from './model.ts';

/**
 * The structured changes a proposal carries beside its text (SPEC GOV-5).
 * Plain data, one discriminated union. Every change has its own `id` (its
 * key in the proposal's `changes` map), `by` (who wrote it) and `at` (when,
 * for the order it is listed in). A change that touches an existing field,
 * entry or record names the `version` it was written against: the id of the
 * decision that last wrote it, `''` when none did.
 */
interface ChangeBase {
  readonly id: string;
  readonly by: string;
  readonly at: number;
}

/** A new circle under `parentId`, with the id the proposal minted for it. */
export interface AddCircleChange extends ChangeBase {
  readonly type: 'circle.add';
  readonly circleId: string;
  readonly parentId: string;
  readonly name: string;
  readonly purpose: string;
}

/** A new role in a circle; `elected` for facilitator, secretary, representative… */
export interface AddRoleChange extends ChangeBase {
  readonly type: 'role.add';
  readonly roleId: string;
  readonly circleId: string;
  readonly name: string;
  readonly purpose: string;
  readonly elected: boolean;
}

/** A new policy of a circle. */
export interface AddPolicyChange extends ChangeBase {
  readonly type: 'policy.add';
  readonly policyId: string;
  readonly circleId: string;
  readonly title: string;
  readonly text: string;
}

/** One field of a record, from `before` to `after`, written against `version`. */
export interface AmendChange extends ChangeBase {
  readonly type: 'record.amend';
  readonly record: RecordRef;
  readonly field: string;
  readonly version: string;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

/** Removes a circle, role or policy, written against the record's `version`. */
export interface RemoveChange extends ChangeBase {
  readonly type: 'record.remove';
  readonly record: { readonly kind: Exclude<RecordKind, 'assignment'>; readonly id: string };
  readonly version: string;
}

/** The circle or role whose list an entry change touches. */
export interface ListOwnerRef {
  readonly kind: ListOwnerKind;
  readonly id: string;
}

/** A new domain or accountability. */
export interface AddEntryChange extends ChangeBase {
  readonly type: 'entry.add';
  readonly owner: ListOwnerRef;
  readonly list: ListName;
  readonly entryId: string;
  readonly text: string;
}

/** Rewords a domain or accountability written against its `version`. */
export interface AmendEntryChange extends ChangeBase {
  readonly type: 'entry.amend';
  readonly owner: ListOwnerRef;
  readonly list: ListName;
  readonly entryId: string;
  readonly version: string;
  readonly before: string;
  readonly after: string;
}

/** Removes a domain or accountability written against its `version`. */
export interface RemoveEntryChange extends ChangeBase {
  readonly type: 'entry.remove';
  readonly owner: ListOwnerRef;
  readonly list: ListName;
  readonly entryId: string;
  readonly version: string;
}

/** A person fills a role, with a focus and the last day of the term (or none). */
export interface AssignChange extends ChangeBase {
  readonly type: 'person.assign';
  readonly assignmentId: string;
  readonly roleId: string;
  readonly personId: string;
  readonly focus: string;
  readonly termEnd: string | null;
}

/** Ends an assignment, written against its `version`. */
export interface UnassignChange extends ChangeBase {
  readonly type: 'person.unassign';
  readonly assignmentId: string;
  readonly version: string;
}

export type GovernanceChange =
  | AddCircleChange
  | AddRoleChange
  | AddPolicyChange
  | AmendChange
  | RemoveChange
  | AddEntryChange
  | AmendEntryChange
  | RemoveEntryChange
  | AssignChange
  | UnassignChange;

export type GovernanceChangeType = GovernanceChange['type'];

export const CHANGE_TYPES = [
  'circle.add',
  'role.add',
  'policy.add',
  'record.amend',
  'record.remove',
  'entry.add',
  'entry.amend',
  'entry.remove',
  'person.assign',
  'person.unassign',
] as const satisfies readonly GovernanceChangeType[];

/**
 * The record a change creates or touches (an entry change touches its
 * owner).
 *
 * @example
 * changedRecord({ type: 'person.unassign', assignmentId: 'a1', ... }); // { kind: 'assignment', id: 'a1' }
 */
export function changedRecord(change: GovernanceChange): RecordRef {
  switch (change.type) {
    case 'circle.add':
      return { kind: 'circle', id: change.circleId };
    case 'role.add':
      return { kind: 'role', id: change.roleId };
    case 'policy.add':
      return { kind: 'policy', id: change.policyId };
    case 'record.amend':
    case 'record.remove':
      return change.record;
    case 'entry.add':
    case 'entry.amend':
    case 'entry.remove':
      return change.owner;
    case 'person.assign':
    case 'person.unassign':
      return { kind: 'assignment', id: change.assignmentId };
  }
}
