import type { GovernanceChange } from './changes.ts';
import type { FieldValue, RecordRef } from './model.ts';

/**
 * Why a change cannot apply to the records as they are (SPEC GOV-8):
 * - `stale`: the field, entry or record changed since the change was written
 * - `missing`: what it changes, or the circle/role/parent it names, is gone
 * - `exists`: the record or entry it adds is already there
 * - `not-empty`: a circle still holds circles, roles or policies; a role still has people
 * - `anchor`: the anchor circle cannot be removed or moved
 * - `cycle`: the move would put a circle under itself
 * - `duplicate`: the proposal changes that field, entry or record twice
 * - `invalid`: not a valid change (`parseChange` refuses it)
 * - `not-elected`: an election names a role that is not an elected role of
 *   the circle it names (SPEC ELECT-10)
 */
export type ConflictReason =
  | 'stale'
  | 'missing'
  | 'exists'
  | 'not-empty'
  | 'anchor'
  | 'cycle'
  | 'duplicate'
  | 'invalid'
  | 'not-elected';

export interface Conflict {
  readonly changeId: string;
  readonly reason: ConflictReason;
  /** The record concerned (for `missing`, the one that is missing). */
  readonly record: RecordRef | null;
  /** The field, or the list of an entry; `null` for the record as a whole. */
  readonly field: string | null;
  readonly entryId: string | null;
  /** For `stale`: the version the change was written against, and the current one. */
  readonly expected: string | null;
  readonly actual: string | null;
  /** For `stale`: the value now (the entry's text for an entry). */
  readonly current: FieldValue;
}

/** One field (or entry) of a record before and after a change; `null` where there was or is none. */
export interface FieldDiff {
  readonly field: string;
  readonly entryId: string | null;
  readonly before: FieldValue;
  readonly after: FieldValue;
}

/** A change as it was applied: the change itself and what it did, field by field. */
export interface AppliedChange {
  readonly change: GovernanceChange;
  readonly record: RecordRef;
  readonly fields: readonly FieldDiff[];
}

/** Builds a conflict, the fields a reason does not use left `null`. */
export function conflict(
  changeId: string,
  reason: ConflictReason,
  record: RecordRef | null,
  more: Partial<Omit<Conflict, 'changeId' | 'reason' | 'record'>> = {},
): Conflict {
  return {
    changeId,
    reason,
    record,
    field: more.field ?? null,
    entryId: more.entryId ?? null,
    expected: more.expected ?? null,
    actual: more.actual ?? null,
    current: more.current ?? null,
  };
}
