import {
  ASYNC_POLICY_KEY,
  MEETING_KINDS,
  isId,
  parsePolicy,
  type DocKind,
  type RoomRef,
} from '@ronde/domain';
import * as Y from 'yjs';
import type { LocatedWrite } from './locateUpdate.ts';
import { ownNameRefusal } from './displayName.ts';
import type { MeetingFacts } from './meetingFacts.ts';
import { TENSION_WRITE_RULES } from './tensionsPolicy.ts';
import type { Role } from './tokens.ts';

/**
 * The write policy (SPEC WRITE-2 … WRITE-14, docs/legitimacy.md §3): for each
 * root type of each document kind, who may write it and how. A client update
 * is located first (locateUpdate.ts); every write it makes must be allowed
 * by the rule of its root, else the whole update is refused before it is
 * stored or applied. The server's own writes (documents.ts `write`) do not
 * pass through here.
 *
 * Rules are data: an id, the document kind and root they govern, a sentence
 * for people (refusals quote it), and a check that answers `null` (allowed)
 * or why not. Checks read the server's copy of the document as it stands
 * before the update, and the folded meeting (`MeetingFacts`).
 */

export interface Writer {
  readonly userId: string;
  /** The member's role in the space. */
  readonly role: Role;
  /**
   * The member's display name as the server knows it (NAME-4): the only name
   * their own entries may carry; empty (an unnamed creator): none. Absent:
   * not checked (auth off, tests of other rules).
   */
  readonly name?: string;
}

/** NAME-4: a name written for oneself is one's registered name, when one has it. */
function notOwnName(value: unknown, ctx: RuleContext): string | null {
  return ownNameRefusal(value, ctx.writer.name);
}

export interface RuleContext {
  readonly writer: Writer;
  /** The server's copy, before the update. */
  readonly doc: Y.Doc;
  /** The meeting as its log folds (meeting documents only; computed once per check). */
  readonly meeting: () => MeetingFacts;
  /**
   * The room the document is served as: a document is created under its
   * own id and space (WRITE-22). Absent only in unit tests of other rules.
   */
  readonly room?: RoomRef;
  /**
   * Whether the writer may amend the text of a proposal a meeting holds in
   * consent, at this moment of that meeting (domain AMEND-1, read by the
   * guard from the meeting's document); absent when no meeting holds it.
   */
  readonly amending?: boolean;
  /**
   * The author the space's index lists for this proposal, or the creator it
   * lists for this meeting, read by the guard while the document is not
   * created yet (WRITE-22); absent: none.
   */
  readonly listedAuthor?: string;
  /**
   * A field the same update creates on a plain-map root (`meeting/createdBy`),
   * so creating a document and acting on it travel as one update (filled in
   * by {@link judgeWrites}; absent: none).
   */
  readonly created?: (root: string, field: string) => unknown;
}

export interface WriteRule {
  readonly id: string;
  readonly kind: DocKind;
  readonly root: string;
  readonly summary: string;
  readonly check: (write: LocatedWrite, ctx: RuleContext) => string | null;
}

export type PolicyVerdict =
  { readonly ok: true } | { readonly ok: false; readonly rule: string; readonly reason: string };

// ---------------------------------------------------------------- readers

function rootMap(doc: Y.Doc, root: string): Y.Map<unknown> {
  return doc.getMap(root);
}

function entryOf(doc: Y.Doc, root: string, key: string | null): Y.Map<unknown> | null {
  if (key === null) return null;
  const entry = rootMap(doc, root).get(key);
  return entry instanceof Y.Map ? entry : null;
}

/** The value a write puts in place (the last one, for plain JSON), or undefined. */
function writtenValue(write: LocatedWrite): unknown {
  const content = write.content;
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentString) return content.str;
  return undefined;
}

const isAdmin = (ctx: RuleContext): boolean => ctx.writer.role === 'admin';

/** A facilitator of this meeting now: its people map before the start, the log after it. */
function isMeetingFacilitator(ctx: RuleContext): boolean {
  if (isAdmin(ctx)) return true;
  const facts = ctx.meeting();
  if (facts.phase === 'not-started') {
    return entryOf(ctx.doc, 'people', ctx.writer.userId)?.get('role') === 'facilitator';
  }
  return facts.facilitators.has(ctx.writer.userId);
}

/** Plain-map roots with fields: `root/field`. */
function fieldOf(write: LocatedWrite): string | null {
  return write.path.keys.length === 1 ? (write.path.keys[0] ?? null) : null;
}

/** Map-of-maps roots: `root/key` (the entry) or `root/key/field`, nothing deeper. */
function entryPath(write: LocatedWrite): { key: string; field: string | null } | string {
  const [key, field, ...rest] = write.path.keys;
  if (typeof key !== 'string') return 'not a keyed entry';
  if (rest.length > 0 || field === null) return 'nested deeper than an entry’s fields';
  if (field === undefined) {
    // The entry itself: it must be a map (readers call `.get` on it), and is never removed here.
    // Any other type (an empty Y.Text) would make those readers throw on every replica.
    if (
      write.op === 'insert' &&
      !(write.content instanceof Y.ContentType && write.content.type instanceof Y.Map)
    ) {
      return 'an entry that is not a map';
    }
    return { key, field: null };
  }
  return { key, field };
}

// ---------------------------------------------------------------- checks

/**
 * WRITE-22: a document's `id` and `spaceId`, written at its creation, are
 * its room's. The server's consequences read them from the document (a
 * meeting's index entry, participation, decisions and the proposal it holds
 * are keyed by `meeting.id`), so a document created under another's id
 * would act in that one's name.
 */
function createdAsItsRoom(field: string, write: LocatedWrite, ctx: RuleContext): string | null {
  if (ctx.room === undefined || write.op !== 'insert') return null;
  const own = field === 'id' ? ctx.room.id : field === 'spaceId' ? ctx.room.spaceId : null;
  if (own === null || writtenValue(write) === own) return null;
  return `a document created with another ${field} than its room’s (WRITE-22)`;
}

const serverOnly = (): string => 'only the server writes here';

const IMMUTABLE_MEETING = new Set(['id', 'spaceId', 'createdAt', 'createdBy', 'schema']);
const MEETING_FIELDS = new Set(['title', 'circleId', 'kind', 'startsAt', 'secretaryId']);

function checkMeetingFields(write: LocatedWrite, ctx: RuleContext): string | null {
  const field = fieldOf(write);
  if (field === null) return 'not a field of the meeting';
  if (!rootMap(ctx.doc, 'meeting').has('id')) {
    const foreign = createdAsItsRoom(field, write, ctx);
    if (foreign !== null) return foreign;
    if (ctx.listedAuthor !== undefined && ctx.listedAuthor !== ctx.writer.userId) {
      // Listed by its creator before its document arrived: nobody else creates it.
      return 'a meeting the space lists as another member’s is created by them (WRITE-22)';
    }
    // Creation: whoever creates it names themselves as its creator.
    if (
      field === 'createdBy' &&
      write.op === 'insert' &&
      writtenValue(write) !== ctx.writer.userId
    ) {
      return 'a meeting created in someone else’s name';
    }
    return null;
  }
  if (IMMUTABLE_MEETING.has(field)) return `the meeting’s ${field} never changes`;
  if (!MEETING_FIELDS.has(field)) return `unknown meeting field ${field}`;
  if (ctx.meeting().phase === 'ended') return 'the meeting has ended';
  if (!isMeetingFacilitator(ctx)) return 'only a facilitator edits the meeting';
  return null;
}

const PERSON_FIELDS = new Set(['id', 'name', 'role', 'joinedAt']);

/** The roles someone may give themselves when they join. */
function ownJoinRoles(ctx: RuleContext): readonly string[] {
  if (ctx.meeting().phase !== 'not-started') return ['participant', 'observer'];
  const meeting = rootMap(ctx.doc, 'meeting');
  const creator = meeting.has('id')
    ? meeting.get('createdBy')
    : ctx.created?.('meeting', 'createdBy');
  const created = creator === ctx.writer.userId;
  const leads = ctx.writer.role === 'admin' || ctx.writer.role === 'facilitator';
  return created || leads
    ? ['participant', 'observer', 'facilitator']
    : ['participant', 'observer'];
}

function checkPeople(write: LocatedWrite, ctx: RuleContext): string | null {
  const at = entryPath(write);
  if (typeof at === 'string') return at;
  const own = at.key === ctx.writer.userId;
  const existing = entryOf(ctx.doc, 'people', at.key);
  if (at.field === null) {
    if (write.op === 'delete') return 'people are never removed from a meeting';
    if (!own) return 'someone else’s entry';
    if (existing) return 'an entry replaced (a role reset)';
    return null;
  }
  if (!PERSON_FIELDS.has(at.field)) return `unknown person field ${at.field}`;
  if (!existing) {
    // Joining: one's own new entry, whose id is its key, in a role one may take.
    if (!own) return 'someone else’s entry';
    if (at.field === 'id' && writtenValue(write) !== at.key)
      return 'an entry whose id is not its key';
    if (at.field === 'name' && write.op === 'insert') return notOwnName(writtenValue(write), ctx);
    if (at.field === 'role' && !ownJoinRoles(ctx).includes(String(writtenValue(write)))) {
      return `joining as ${String(writtenValue(write))}`;
    }
    return null;
  }
  if (at.field === 'name') {
    if (!own) return 'someone else’s name';
    return write.op === 'insert' ? notOwnName(writtenValue(write), ctx) : null;
  }
  if (at.field === 'role') {
    if (ctx.meeting().phase !== 'not-started') {
      return 'roles change through the process log once the meeting has started';
    }
    return isMeetingFacilitator(ctx) ? null : 'only a facilitator changes roles';
  }
  return `a person’s ${at.field} never changes`;
}

const AGENDA_FIELDS = new Set([
  'id',
  'kind',
  'title',
  'proposalId',
  'process',
  'text',
  'ownerId',
  'timeboxMinutes',
  'order',
  'createdAt',
  'createdBy',
  // An election item's role and term (domain ELECT-1), fixed like its kind.
  'circleId',
  'roleId',
  'termEnd',
]);

/** Fields of an item fixed once it exists. */
const AGENDA_FIXED = new Set(['id', 'kind', 'proposalId', 'circleId', 'roleId', 'termEnd']);

function checkAgenda(write: LocatedWrite, ctx: RuleContext): string | null {
  const at = entryPath(write);
  if (typeof at === 'string') return at;
  if (ctx.meeting().phase !== 'not-started') {
    return 'the agenda changes through the process log once the meeting has started';
  }
  const existing = entryOf(ctx.doc, 'agenda', at.key);
  if (at.field !== null && !AGENDA_FIELDS.has(at.field)) return `unknown item field ${at.field}`;
  if (!existing) {
    if (at.field === null && write.op === 'delete') return null;
    if (at.field === 'id' && writtenValue(write) !== at.key)
      return 'an item whose id is not its key';
    if (at.field === 'createdBy' && writtenValue(write) !== ctx.writer.userId) {
      return 'an item added in someone else’s name';
    }
    return null;
  }
  if (at.field === null && write.op === 'insert') return 'an item replaced';
  if (at.field !== null && AGENDA_FIXED.has(at.field)) {
    return `an item’s ${at.field} never changes`;
  }
  if (at.field === 'createdBy' || at.field === 'createdAt')
    return `an item’s ${at.field} never changes`;
  const mine =
    existing.get('createdBy') === ctx.writer.userId ||
    existing.get('ownerId') === ctx.writer.userId;
  return mine || isMeetingFacilitator(ctx)
    ? null
    : 'only its author, its owner or a facilitator edits an item';
}

const PROPOSAL_IMMUTABLE = new Set(['id', 'spaceId', 'createdAt', 'createdBy', 'schema']);

function proposalStatus(doc: Y.Doc): unknown {
  return rootMap(doc, 'proposal').get('status');
}

function checkProposalFields(write: LocatedWrite, ctx: RuleContext): string | null {
  const field = fieldOf(write);
  if (field === null) return 'not a field of the proposal';
  if (!rootMap(ctx.doc, 'proposal').has('id')) {
    const foreign = createdAsItsRoom(field, write, ctx);
    if (foreign !== null) return foreign;
    if (ctx.listedAuthor !== undefined && ctx.listedAuthor !== ctx.writer.userId) {
      // Listed by its author before its document arrived: nobody else creates it (WRITE-22).
      return 'a proposal the space lists as another member’s is created by them (WRITE-22)';
    }
    if (field === 'status' && write.op === 'insert' && writtenValue(write) !== 'draft') {
      return 'a proposal is created as a draft';
    }
    if (
      field === 'authorId' &&
      write.op === 'insert' &&
      writtenValue(write) !== ctx.writer.userId
    ) {
      return 'a proposal is created in one’s own name';
    }
    if (field === 'createdBy' && write.op === 'insert') {
      return notOwnName(writtenValue(write), ctx);
    }
    return null;
  }
  if (field === 'status')
    return 'only the server moves a proposal’s status (it follows its meeting)';
  if (PROPOSAL_IMMUTABLE.has(field)) return `the proposal’s ${field} never changes`;
  if (field !== 'circleId') return `unknown proposal field ${field}`;
  return proposalStatus(ctx.doc) === 'draft' ? null : 'only a draft changes circle';
}

function checkProposalText(write: LocatedWrite, ctx: RuleContext): string | null {
  if (!rootMap(ctx.doc, 'proposal').has('id')) {
    return ctx.listedAuthor !== undefined && ctx.listedAuthor !== ctx.writer.userId
      ? 'a proposal the space lists as another member’s is created by them (WRITE-22)'
      : null;
  }
  const status = proposalStatus(ctx.doc);
  const fields = rootMap(ctx.doc, 'proposal');
  if (status === 'in-consent' && fields.has('asyncConsentId') && !fields.has('asyncClosedBy')) {
    // Closing: the text is frozen as it is decided (ACONS-4, ACONS-13).
    if (fields.has('asyncClosing'))
      return 'the asynchronous consent is closing: its text is frozen';
    // In asynchronous consent the proposer amends; every amendment asks again (ACONS-4).
    return fields.get('authorId') === ctx.writer.userId
      ? null
      : 'in asynchronous consent only its proposer amends the text';
  }
  if (status === 'in-consent' && ctx.amending === false) {
    // Held by a meeting: its proposer or a facilitator, at an amend step (AMEND-1); its
    // structured changes too, since adopting it applies them (GOV-8).
    return 'in a meeting only its proposer or a facilitator amends the text, at an amend step (AMEND-1)';
  }
  return status === 'draft' || status === 'in-consent'
    ? null
    : `the text of a proposal that is ${String(status)} does not change`;
}

/** The space's settings: admins, and only known settings with valid values (ACONS-3). */
function checkSettings(write: LocatedWrite, ctx: RuleContext): string | null {
  const field = fieldOf(write);
  if (field !== ASYNC_POLICY_KEY) return `unknown setting ${String(field)}`;
  if (!isAdmin(ctx)) return 'only an admin changes the space’s settings';
  if (write.op === 'delete') return null;
  return parsePolicy(writtenValue(write)) === null
    ? 'not a valid asynchronous consent policy'
    : null;
}

function checkSpaceFields(write: LocatedWrite, ctx: RuleContext): string | null {
  const field = fieldOf(write);
  if (field === null) return 'not a field of the space';
  if (!rootMap(ctx.doc, 'space').has('id')) return null;
  if (field !== 'name') return `the space’s ${field} never changes`;
  return isAdmin(ctx) ? null : 'only an admin renames the space';
}

function checkCircles(_write: LocatedWrite, ctx: RuleContext): string | null {
  if (!rootMap(ctx.doc, 'space').has('id')) return null;
  return 'circles change through adopted proposals (the server applies them)';
}

/**
 * An index entry's title: ten times the domain's 200 (PROP-1, MDOC-1), so a
 * proposal's co-edited title (merged edits may pass 200) always fits, while
 * no entry carries megabytes into the space document every member loads.
 */
export const INDEX_TITLE_MAX = 2000;

const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** What each field of an index entry holds (WRITE-11, WRITE-12); any other field is refused. */
const INDEX_FIELDS: Readonly<Record<string, Readonly<Record<string, (v: unknown) => boolean>>>> = {
  proposals: {
    id: (v) => typeof v === 'string',
    title: (v) => typeof v === 'string' && v.length <= INDEX_TITLE_MAX,
    status: (v) => typeof v === 'string',
    circleId: (v) => v === '' || (typeof v === 'string' && isId(v)),
    createdAt: isTime,
    updatedAt: isTime,
    authorId: (v) => typeof v === 'string',
  },
  meetings: {
    id: (v) => typeof v === 'string',
    title: (v) => typeof v === 'string' && v.length <= INDEX_TITLE_MAX,
    status: (v) => typeof v === 'string',
    circleId: (v) => v === '' || (typeof v === 'string' && isId(v)),
    kind: (v) => (MEETING_KINDS as readonly unknown[]).includes(v),
    startsAt: isTime,
    updatedAt: isTime,
    createdBy: (v) => typeof v === 'string',
  },
};

/**
 * Who edits a listed meeting's entry: its creator; an admin for an entry
 * listed before entries named their creator. Nothing else rewrites a
 * meeting's entry (a proposal's is kept in step with its document by every
 * viewer, a meeting's is not), so another member's edit would stand.
 */
function meetingEntryEditor(entry: Y.Map<unknown>, ctx: RuleContext): string | null {
  const creator = entry.get('createdBy');
  if (typeof creator === 'string' && creator !== '') {
    return creator === ctx.writer.userId ? null : 'only its creator edits a meeting’s entry';
  }
  return isAdmin(ctx) ? null : 'only an admin edits a meeting’s entry that names no creator';
}

/**
 * The proposal and meeting indexes: members list and edit entries; the
 * status is the server's; the entry's author (`authorField`) is its writer's
 * own and never changes.
 */
function checkIndex(initialStatus: string, authorField: 'authorId' | 'createdBy') {
  return (write: LocatedWrite, ctx: RuleContext): string | null => {
    const at = entryPath(write);
    if (typeof at === 'string') return at;
    const existing = entryOf(ctx.doc, write.path.root, at.key);
    if (at.field === null) {
      if (write.op === 'delete') return existing ? 'index entries are never removed' : null;
      return existing ? 'an index entry replaced' : null;
    }
    // Known fields only, each holding its kind of value (a JSON value: `writtenValue`).
    const valid = INDEX_FIELDS[write.path.root]?.[at.field];
    if (valid === undefined) return `an index entry has no ${at.field}`;
    if (
      write.op === 'insert' &&
      !(write.content instanceof Y.ContentAny && valid(writtenValue(write)))
    ) {
      return `not a valid ${at.field} for an index entry`;
    }
    if (at.field === 'id' && writtenValue(write) !== at.key && write.op === 'insert') {
      return 'an entry whose id is not its key';
    }
    if (at.field === 'status') {
      if (!existing && write.op === 'insert' && writtenValue(write) === initialStatus) return null;
      return 'only the server writes a status';
    }
    if (at.field === authorField) {
      if (existing) return 'an entry’s author never changes';
      if (write.op === 'insert' && writtenValue(write) !== ctx.writer.userId) {
        return 'an entry is added in one’s own name';
      }
    }
    if (existing && write.path.root === 'meetings') return meetingEntryEditor(existing, ctx);
    return null;
  };
}

// ---------------------------------------------------------------- the table

export const WRITE_RULES: readonly WriteRule[] = [
  {
    id: 'WRITE-3',
    kind: 'meeting',
    root: 'log',
    summary: 'the process log: the server only (clients submit signed events)',
    check: serverOnly,
  },
  {
    id: 'WRITE-4',
    kind: 'meeting',
    root: 'meeting',
    summary:
      'the meeting’s fields: created once by their creator; then title, circle, kind, start and secretary by a facilitator until it ends',
    check: checkMeetingFields,
  },
  {
    id: 'WRITE-5',
    kind: 'meeting',
    root: 'people',
    summary:
      'people: one’s own new entry and one’s own name; roles by a facilitator before the start, through the log after it',
    check: checkPeople,
  },
  {
    id: 'WRITE-6',
    kind: 'meeting',
    root: 'agenda',
    summary:
      'the agenda before the start: items added in one’s own name, edited by their author, owner or a facilitator; after it, through the log only',
    check: checkAgenda,
  },
  {
    id: 'WRITE-7',
    kind: 'proposal',
    root: 'proposal',
    summary:
      'the proposal’s fields: created once as a draft; the circle of a draft by members; the status by the server only',
    check: checkProposalFields,
  },
  ...['title', 'driver', 'body', 'changes'].map((root): WriteRule => ({
    id: 'WRITE-8',
    kind: 'proposal',
    root,
    summary:
      'the proposal’s text and its structured changes: members while a draft; in consent, as its meeting (AMEND-1) or its asynchronous consent (ACONS-4) says',
    check: checkProposalText,
  })),
  {
    id: 'WRITE-9',
    kind: 'space',
    root: 'space',
    summary: 'the space’s fields: created once; then its name by an admin',
    check: checkSpaceFields,
  },
  {
    id: 'WRITE-10',
    kind: 'space',
    root: 'circles',
    summary: 'circles: created with the space; then only by the server, applying adopted proposals',
    check: checkCircles,
  },
  ...['roles', 'policies', 'assignments', 'governance'].map((root): WriteRule => ({
    id: 'WRITE-15',
    kind: 'space',
    root,
    summary: 'governance records and their history: the server only, applying adopted proposals',
    check: serverOnly,
  })),
  {
    id: 'WRITE-11',
    kind: 'space',
    root: 'proposals',
    summary: 'the proposal index: members add and edit entries; the status is the server’s',
    check: checkIndex('draft', 'authorId'),
  },
  {
    id: 'WRITE-12',
    kind: 'space',
    root: 'meetings',
    summary:
      'the meeting index: members add entries in their own name, and edit only their own; the status is the server’s',
    check: checkIndex('upcoming', 'createdBy'),
  },
  {
    id: 'WRITE-13',
    kind: 'space',
    root: 'decisions',
    summary: 'the decision log: the server only',
    check: serverOnly,
  },
  ...TENSION_WRITE_RULES,
  {
    id: 'WRITE-19',
    kind: 'consent',
    root: 'log',
    summary: 'an asynchronous consent’s log: the server only (clients submit signed events)',
    check: serverOnly,
  },
  {
    id: 'WRITE-20',
    kind: 'space',
    root: 'asyncConsents',
    summary: 'the index of asynchronous consents: the server only',
    check: serverOnly,
  },
  {
    id: 'WRITE-21',
    kind: 'space',
    root: 'settings',
    summary: 'the space’s settings (the asynchronous consent policy): admins, valid values only',
    check: checkSettings,
  },
];

const RULES_BY_ROOT = new Map(WRITE_RULES.map((rule) => [`${rule.kind}:${rule.root}`, rule]));

/**
 * Judges every write of an update (SPEC WRITE-2: a root its document kind
 * does not have is written by nobody). The first refused write decides.
 *
 * @example
 * const verdict = judgeWrites('meeting', located.writes, ctx);
 * if (!verdict.ok) refuse(`${verdict.rule}: ${verdict.reason}`);
 */
export function judgeWrites(
  kind: DocKind,
  writes: readonly LocatedWrite[],
  base: RuleContext,
): PolicyVerdict {
  // Fields the update itself writes on plain-map roots, last write winning:
  // a meeting created and joined in one update judges the join by its creator.
  // Built only for such an update: every keystroke passes here, and what it
  // allocates, the garbage collector pays for.
  let createdFields: Map<string, unknown> | null = null;
  for (const write of writes) {
    const field = fieldOf(write);
    if (write.op === 'insert' && field !== null) {
      (createdFields ??= new Map()).set(`${write.path.root}/${field}`, writtenValue(write));
    }
  }
  const created = createdFields;
  const ctx: RuleContext = created
    ? { ...base, created: (root, field) => created.get(`${root}/${field}`) }
    : base;
  for (const write of writes) {
    const rule = RULES_BY_ROOT.get(`${kind}:${write.path.root}`);
    if (!rule) {
      return { ok: false, rule: 'WRITE-2', reason: `a ${kind} document has no ${write.path.root}` };
    }
    const refusal = rule.check(write, ctx);
    if (refusal !== null) return { ok: false, rule: rule.id, reason: refusal };
  }
  return { ok: true };
}
