import type * as Y from 'yjs';

/**
 * The governance records of the space document (SPEC GOV-1). Each record is
 * a Y.Map of its fields, so changes to different fields merge:
 * - `circles` (shared with `listCircles`): `id`, `name`, `purpose`,
 *   `parentId`, `createdAt`, `createdBy`
 * - `roles`: `id`, `circleId`, `name`, `purpose`, `elected`, `createdAt`, `createdBy`
 * - `policies`: `id`, `circleId`, `title`, `text`, `createdAt`, `createdBy`
 * - `assignments`: `id`, `roleId`, `personId`, `focus`, `termEnd`, `createdAt`, `createdBy`
 *
 * Beside its fields a record holds `v` (the id of the last decision that
 * changed it), `v:<field>` (the id of the last decision that wrote that
 * field; absent reads as `''`), and for circles and roles one key per list
 * entry, `domains:<entryId>` / `accountabilities:<entryId>`, holding a plain
 * {@link ListEntry}: adding one accountability and amending another touch
 * different keys and merge.
 */
export const RECORD_KINDS = ['circle', 'role', 'policy', 'assignment'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The kinds of record that hold domains and accountabilities. */
export const LIST_OWNER_KINDS = ['circle', 'role'] as const;
export type ListOwnerKind = (typeof LIST_OWNER_KINDS)[number];

export const LIST_NAMES = ['domains', 'accountabilities'] as const;
export type ListName = (typeof LIST_NAMES)[number];

/** What a field may hold: text, a flag, a record id, or nothing (a term without end). */
export type FieldValue = string | boolean | null;

/**
 * How each amendable field is checked (SPEC GOV-6): `name` 1–120 characters
 * on one line, `title` 1–200, `short` up to 200, `text` up to 2000, `long`
 * up to 20000, `id` an existing record's id, `flag` a boolean, `date`
 * `YYYY-MM-DD` or `null`.
 */
export type FieldRule = 'name' | 'title' | 'short' | 'text' | 'long' | 'id' | 'flag' | 'date';

/** The fields a proposal may amend, by record kind. */
export const AMENDABLE_FIELDS = {
  circle: { name: 'name', purpose: 'text', parentId: 'id' },
  role: { name: 'name', purpose: 'text', circleId: 'id', elected: 'flag' },
  policy: { title: 'title', text: 'long' },
  assignment: { focus: 'short', termEnd: 'date' },
} as const satisfies Record<RecordKind, Record<string, FieldRule>>;

export const ENTRY_TEXT_MAX = 500;

/** A reference to a record. */
export interface RecordRef {
  readonly kind: RecordKind;
  readonly id: string;
}

/** One domain or accountability of a circle or role. */
export interface ListEntry {
  readonly id: string;
  readonly text: string;
  /** The id of the decision that last wrote it. */
  readonly version: string;
  /** When it was added (the decision's time). */
  readonly addedAt: number;
}

/** What every record carries beside its own fields. */
export interface RecordBase {
  readonly id: string;
  readonly createdAt: number;
  /** The decision that created it, `''` for one created with the space. */
  readonly createdBy: string;
  /** The last decision that changed it (any field or entry), `''` if none. */
  readonly version: string;
  /** The last decision that wrote each field, `''` when none did. */
  readonly versions: Readonly<Record<string, string>>;
}

export interface CircleRecord extends RecordBase {
  readonly name: string;
  readonly purpose: string;
  /** `null` for the anchor circle (and for a circle written without one). */
  readonly parentId: string | null;
  readonly domains: readonly ListEntry[];
  readonly accountabilities: readonly ListEntry[];
}

export interface RoleRecord extends RecordBase {
  readonly circleId: string;
  readonly name: string;
  readonly purpose: string;
  /** An elected role of its circle (facilitator, secretary, representative…). */
  readonly elected: boolean;
  readonly domains: readonly ListEntry[];
  readonly accountabilities: readonly ListEntry[];
}

export interface PolicyRecord extends RecordBase {
  readonly circleId: string;
  readonly title: string;
  readonly text: string;
}

export interface AssignmentRecord extends RecordBase {
  readonly roleId: string;
  readonly personId: string;
  readonly focus: string;
  /** The last day of the term (`YYYY-MM-DD`), or `null` for no end. */
  readonly termEnd: string | null;
}

/** The root map of the space document holding records of a kind. */
export const RECORD_ROOTS = {
  circle: 'circles',
  role: 'roles',
  policy: 'policies',
  assignment: 'assignments',
} as const satisfies Record<RecordKind, string>;

/**
 * The records of one kind. Observe it deeply to follow them.
 *
 * @example
 * recordRoot(spaceDoc, 'role').observeDeep(render);
 */
export function recordRoot(doc: Y.Doc, kind: RecordKind): Y.Map<unknown> {
  return doc.getMap(RECORD_ROOTS[kind]);
}

/** The key of a field's version in a record's map. */
export function versionKey(field: string): string {
  return `v:${field}`;
}

/** The key of a list entry in its owner's map. */
export function entryKey(list: ListName, entryId: string): string {
  return `${list}:${entryId}`;
}

/** The record key holding the last decision that changed the record. */
export const RECORD_VERSION_KEY = 'v';

/**
 * Whether `kind` and `field` name an amendable field.
 *
 * @example
 * isAmendable('role', 'purpose'); // true
 * isAmendable('role', 'id'); // false
 */
export function isAmendable(kind: RecordKind, field: string): boolean {
  return Object.hasOwn(AMENDABLE_FIELDS[kind], field);
}

/** The rule of an amendable field, or `null`. */
export function fieldRule(kind: RecordKind, field: string): FieldRule | null {
  const rules: Record<string, FieldRule> = AMENDABLE_FIELDS[kind];
  return Object.hasOwn(rules, field) ? rules[field]! : null;
}
