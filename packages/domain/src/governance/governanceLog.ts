import type * as Y from 'yjs';
import { compareIds } from '../space.ts';
import type { GovernanceChange } from './changes.ts';
import type { AppliedChange, Conflict, ConflictReason, FieldDiff } from './conflict.ts';
import { RECORD_KINDS, type FieldValue, type RecordRef } from './model.ts';
import { parseChange } from './parseChange.ts';

export const GOVERNANCE_LOG_SCHEMA = 1;

/**
 * What became of one decision's changes, written once by `applyChanges`
 * under the decision's id (SPEC GOV-9, GOV-10): the changes applied, field by
 * field, or the conflicts that kept all of them out. A plain JSON value,
 * written whole and never edited, like a decision log entry.
 */
export interface GovernanceUnit {
  readonly schema: number;
  readonly decisionId: string;
  readonly proposalId: string | null;
  /** The decision's time. */
  readonly at: number;
  readonly status: 'applied' | 'conflict';
  /** In the order they were applied. */
  readonly changes: readonly AppliedChange[];
  readonly conflicts: readonly Conflict[];
}

/** One line of a record's history: which decision changed it, when, and how. */
export interface HistoryEntry {
  readonly decisionId: string;
  readonly proposalId: string | null;
  readonly at: number;
  readonly change: GovernanceChange;
  readonly record: RecordRef;
  readonly fields: readonly FieldDiff[];
}

/**
 * The space document's `governance` map: decision id → {@link GovernanceUnit}.
 * Only the server writes it (docs/legitimacy.md).
 */
export function governanceLog(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('governance');
}

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const isValue = (v: unknown): v is FieldValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean';
const REASONS: readonly ConflictReason[] = [
  'stale',
  'missing',
  'exists',
  'not-empty',
  'anchor',
  'cycle',
  'duplicate',
  'invalid',
  'not-elected',
];

function recordRef(v: unknown): RecordRef | null {
  if (!isObject(v) || typeof v.id !== 'string') return null;
  const kind = RECORD_KINDS.find((k) => k === v.kind);
  return kind === undefined ? null : { kind, id: v.id };
}

function fieldDiff(v: unknown): FieldDiff[] {
  if (!isObject(v) || typeof v.field !== 'string') return [];
  const entryId = typeof v.entryId === 'string' ? v.entryId : null;
  const before = isValue(v.before) ? v.before : null;
  const after = isValue(v.after) ? v.after : null;
  return [{ field: v.field, entryId, before, after }];
}

function appliedChange(v: unknown): AppliedChange[] {
  if (!isObject(v)) return [];
  const change = parseChange(v.change);
  const record = recordRef(v.record);
  if (change === null || record === null) return [];
  const fields = Array.isArray(v.fields) ? v.fields.flatMap(fieldDiff) : [];
  return [{ change, record, fields }];
}

const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseConflict(v: unknown): Conflict[] {
  if (!isObject(v) || typeof v.changeId !== 'string') return [];
  const reason = REASONS.find((r) => r === v.reason);
  if (reason === undefined) return [];
  return [
    {
      changeId: v.changeId,
      reason,
      record: recordRef(v.record),
      field: strOrNull(v.field),
      entryId: strOrNull(v.entryId),
      expected: strOrNull(v.expected),
      actual: strOrNull(v.actual),
      current: isValue(v.current) ? v.current : null,
    },
  ];
}

/**
 * Reads a stored unit, or `null` when it lacks an id, a time or a known
 * status. Malformed changes or conflicts inside are left out (SPEC GOV-2).
 *
 * @example
 * parseGovernanceUnit(governanceLog(spaceDoc).get(decisionId))?.status; // 'applied'
 */
export function parseGovernanceUnit(raw: unknown): GovernanceUnit | null {
  if (!isObject(raw) || typeof raw.decisionId !== 'string') return null;
  if (typeof raw.at !== 'number' || !Number.isFinite(raw.at)) return null;
  if (raw.status !== 'applied' && raw.status !== 'conflict') return null;
  return {
    schema: typeof raw.schema === 'number' ? raw.schema : GOVERNANCE_LOG_SCHEMA,
    decisionId: raw.decisionId,
    proposalId: strOrNull(raw.proposalId),
    at: raw.at,
    status: raw.status,
    changes: Array.isArray(raw.changes) ? raw.changes.flatMap(appliedChange) : [],
    conflicts: Array.isArray(raw.conflicts) ? raw.conflicts.flatMap(parseConflict) : [],
  };
}

/**
 * What a decision did to the records, or `null` when it has not been
 * applied: for the decision log entry (the changes applied).
 *
 * @example
 * readGovernanceUnit(spaceDoc, decisionId)?.changes.length;
 */
export function readGovernanceUnit(doc: Y.Doc, decisionId: string): GovernanceUnit | null {
  const unit = parseGovernanceUnit(governanceLog(doc).get(decisionId));
  return unit !== null && unit.decisionId === decisionId ? unit : null;
}

/**
 * Every decision that changed a record, oldest first: by the decision's
 * time, then decision id in code-unit order, then the order the decision
 * applied its changes (SPEC GOV-10). For a circle or role this includes its
 * domains and accountabilities; a removed record keeps its history.
 *
 * @example
 * recordHistory(spaceDoc, roleId).map((h) => [h.decisionId, h.fields]);
 */
export function recordHistory(doc: Y.Doc, recordId: string): HistoryEntry[] {
  const units: GovernanceUnit[] = [];
  governanceLog(doc).forEach((raw, key) => {
    const unit = parseGovernanceUnit(raw);
    if (unit !== null && unit.decisionId === key && unit.status === 'applied') units.push(unit);
  });
  units.sort((a, b) => a.at - b.at || compareIds(a.decisionId, b.decisionId));
  return units.flatMap((unit) =>
    unit.changes
      .filter((applied) => applied.record.id === recordId)
      .map(({ change, record, fields }) => ({
        decisionId: unit.decisionId,
        proposalId: unit.proposalId,
        at: unit.at,
        change,
        record,
        fields,
      })),
  );
}
