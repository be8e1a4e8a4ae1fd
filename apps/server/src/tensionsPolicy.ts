import {
  ACTION_CREATE_FIELDS,
  ACTION_KINDS,
  ACTION_TITLE_MAX,
  CLOSE_REASON_MAX,
  PERSON_NAME_LIMIT,
  TENSION_CLOSINGS,
  TENSION_CREATE_FIELDS,
  TENSION_TEXT_LIMIT,
  isId,
} from '@ronde/domain';
import * as Y from 'yjs';
import { ownNameRefusal } from './displayName.ts';
import type { LocatedWrite } from './locateUpdate.ts';
import type { RuleContext, WriteRule } from './writePolicy.ts';

/**
 * The write policy of the space's backlog (SPEC WRITE-17, WRITE-18; domain
 * TENSION, ACTION): who may log, edit, link and close a tension, and who may
 * create, edit and mark done an action. The server's own writes (a triage's
 * effects, tensionsConsequences.ts) do not pass through here.
 *
 * "Leads" are the space's admins and facilitators (the token's role). A
 * `Y.Map.set` of an existing field deletes the old value: a field's delete
 * is judged by the same rule as writing it.
 */

type Entry = Y.Map<unknown>;

function entryIn(ctx: RuleContext, root: string, key: string): Entry | null {
  const entry = ctx.doc.getMap(root).get(key);
  return entry instanceof Y.Map ? (entry as Entry) : null;
}

function value(write: LocatedWrite): unknown {
  const content = write.content;
  if (content instanceof Y.ContentAny) return content.arr[content.arr.length - 1];
  if (content instanceof Y.ContentString) return content.str;
  return undefined;
}

const leads = (ctx: RuleContext): boolean =>
  ctx.writer.role === 'admin' || ctx.writer.role === 'facilitator';

const isText = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isOptionalId = (v: unknown): boolean => v === '' || (typeof v === 'string' && isId(v));
const isTime = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isDate = (v: unknown): boolean => v === '' || (typeof v === 'string' && DATE.test(v));
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `root/key` or `root/key/field`, nothing deeper; an entry is always a map. */
function located(write: LocatedWrite): { key: string; field: string | null } | string {
  const [key, field, ...rest] = write.path.keys;
  if (typeof key !== 'string') return 'not a keyed entry';
  if (rest.length > 0 || field === null) return 'nested deeper than an entry’s fields';
  if (field === undefined) {
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

/** The entry itself: created once, never replaced nor removed. */
function judgeEntry(write: LocatedWrite, existing: Entry | null, noun: string): string | null {
  if (write.op === 'delete') return existing ? `${noun}s are never removed` : null;
  return existing ? `${noun} replaced` : null;
}

// ---------------------------------------------------------------- tensions

const TENSION_NEW = new Set<string>(TENSION_CREATE_FIELDS);

function newTensionField(field: string, v: unknown, key: string, ctx: RuleContext): string | null {
  if (!TENSION_NEW.has(field)) return `a new tension has no ${field}`;
  switch (field) {
    case 'id':
      return v === key ? null : 'a tension whose id is not its key';
    case 'by':
      return v === ctx.writer.userId ? null : 'a tension logged in someone else’s name';
    case 'createdAt':
      return isTime(v) ? null : 'not a time';
    case 'roleId':
      return isOptionalId(v) ? null : 'not a role id';
    case 'byName':
      // The author's own name as the space knows it (NAME-4), or none ('').
      if (!isText(v, PERSON_NAME_LIMIT)) return 'not a name of at most 120';
      return v === '' ? null : ownNameRefusal(v, ctx.writer.name);
    default:
      return isText(v, TENSION_TEXT_LIMIT) ? null : `${field} is not a text of at most 1000`;
  }
}

function checkTensions(write: LocatedWrite, ctx: RuleContext): string | null {
  const at = located(write);
  if (typeof at === 'string') return at;
  const existing = entryIn(ctx, 'tensions', at.key);
  if (at.field === null) return judgeEntry(write, existing, 'a tension');
  const v = value(write);
  if (!existing) {
    return write.op === 'delete' ? null : newTensionField(at.field, v, at.key, ctx);
  }
  const field = at.field;
  if (field === 'id' || field === 'by' || field === 'byName' || field === 'createdAt') {
    return `a tension’s ${field} never changes`;
  }
  if (field === 'triagedTo') return 'only the server records a triage';
  if (existing.get('closing') !== undefined) return 'a closed tension does not change';
  const own = existing.get('by') === ctx.writer.userId || leads(ctx);
  const insert = write.op === 'insert';
  switch (field) {
    case 'what':
    case 'couldBe':
      if (!own) return 'only its author or a facilitator edits a tension';
      return !insert || isText(v, TENSION_TEXT_LIMIT) ? null : 'not a text of at most 1000';
    case 'roleId':
      if (!own) return 'only its author or a facilitator edits a tension';
      return !insert || isOptionalId(v) ? null : 'not a role id';
    case 'proposalId':
      return linkProposal(write, existing, v, ctx);
    case 'meetingId':
    case 'agendaItemId':
      if (insert) return linkAgenda(field, v, ctx);
      // Taking it off an agenda: its author, a lead, or anyone once that meeting has ended.
      return own || !onLiveAgenda(existing, ctx) ? null : 'the tension is on a meeting’s agenda';
    case 'actionId':
      return linkAction(write, existing, v, at.key, ctx);
    case 'closing':
    case 'closedBy':
    case 'closedAt':
    case 'closeReason':
      if (!own) return 'only its author or a facilitator closes a tension';
      return insert ? closingField(field, v, ctx) : 'a closing is never undone';
    default:
      return `unknown tension field ${field}`;
  }
}

/** TENSION-3: once, to a listed proposal its writer authored (or a lead). */
function linkProposal(
  write: LocatedWrite,
  existing: Entry,
  v: unknown,
  ctx: RuleContext,
): string | null {
  if (write.op === 'delete' || existing.has('proposalId')) {
    return 'a tension’s proposal is linked once';
  }
  const listed = typeof v === 'string' ? entryIn(ctx, 'proposals', v) : null;
  if (listed === null) return 'a link to a proposal the space does not list';
  if (listed.get('authorId') !== ctx.writer.userId && !leads(ctx)) {
    return 'only the proposal’s author or a facilitator links it';
  }
  return null;
}

/** TENSION-4: a listed meeting that has not ended, and an item id. */
function linkAgenda(field: string, v: unknown, ctx: RuleContext): string | null {
  if (field === 'agendaItemId') return typeof v === 'string' && isId(v) ? null : 'not an item id';
  const listed = typeof v === 'string' ? entryIn(ctx, 'meetings', v) : null;
  if (listed === null) return 'a link to a meeting the space does not list';
  return listed.get('status') === 'ended' ? 'that meeting has ended' : null;
}

function onLiveAgenda(existing: Entry, ctx: RuleContext): boolean {
  const meetingId = existing.get('meetingId');
  const listed = typeof meetingId === 'string' ? entryIn(ctx, 'meetings', meetingId) : null;
  return listed !== null && listed.get('status') !== 'ended';
}

/** TENSION-5: once, to an action made of this tension, by its creator (or a lead). */
function linkAction(
  write: LocatedWrite,
  existing: Entry,
  v: unknown,
  key: string,
  ctx: RuleContext,
): string | null {
  if (write.op === 'delete' || existing.has('actionId')) return 'a tension’s action is linked once';
  const action = typeof v === 'string' ? entryIn(ctx, 'actions', v) : null;
  if (action === null || action.get('tensionId') !== key) {
    return 'a link to an action not made of this tension';
  }
  if (action.get('by') !== ctx.writer.userId && !leads(ctx)) {
    return 'only the action’s creator or a facilitator links it';
  }
  return null;
}

function closingField(field: string, v: unknown, ctx: RuleContext): string | null {
  switch (field) {
    case 'closing':
      return (TENSION_CLOSINGS as readonly unknown[]).includes(v) ? null : 'not a closing';
    case 'closedBy':
      return v === ctx.writer.userId ? null : 'a tension closed in someone else’s name';
    case 'closedAt':
      return isTime(v) ? null : 'not a time';
    default:
      return isText(v, CLOSE_REASON_MAX) ? null : 'not a reason of at most 500';
  }
}

// ---------------------------------------------------------------- actions

const ACTION_NEW = new Set<string>(ACTION_CREATE_FIELDS);

function actionValue(field: string, v: unknown, ctx: RuleContext): string | null {
  switch (field) {
    case 'kind':
      return (ACTION_KINDS as readonly unknown[]).includes(v) ? null : 'not a kind of action';
    case 'title':
      return typeof v === 'string' && v.trim() !== '' && v.length <= ACTION_TITLE_MAX
        ? null
        : 'not a title of 1 to 200 characters';
    case 'ownerId':
      return typeof v === 'string' && isId(v) ? null : 'not an owner id';
    case 'ownerName':
      return isText(v, PERSON_NAME_LIMIT) ? null : 'not a name of at most 120';
    case 'dueDate':
      return isDate(v) ? null : 'not a YYYY-MM-DD date';
    case 'roleId':
      return isOptionalId(v) ? null : 'not a role id';
    case 'createdAt':
    case 'doneAt':
      return isTime(v) ? null : 'not a time';
    case 'doneBy':
      return v === ctx.writer.userId ? null : 'done in someone else’s name';
    case 'done':
      return typeof v === 'boolean' ? null : 'not a done state';
    default:
      return `unknown action field ${field}`;
  }
}

function newActionField(field: string, v: unknown, key: string, ctx: RuleContext): string | null {
  if (!ACTION_NEW.has(field)) return `a new action has no ${field}`;
  switch (field) {
    case 'id':
      return v === key ? null : 'an action whose id is not its key';
    case 'by':
      return v === ctx.writer.userId ? null : 'an action created in someone else’s name';
    case 'done':
      return v === false ? null : 'an action starts not done';
    case 'tensionId':
      return v === '' || (typeof v === 'string' && entryIn(ctx, 'tensions', v) !== null)
        ? null
        : 'made of a tension the space does not hold';
    default:
      return actionValue(field, v, ctx);
  }
}

const ACTION_FIXED = new Set(['id', 'by', 'createdAt', 'tensionId', 'meetingId']);
const ACTION_DONE = new Set(['done', 'doneAt', 'doneBy']);
const ACTION_EDIT = new Set(['title', 'kind', 'ownerId', 'ownerName', 'dueDate', 'roleId']);

function checkActions(write: LocatedWrite, ctx: RuleContext): string | null {
  const at = located(write);
  if (typeof at === 'string') return at;
  const existing = entryIn(ctx, 'actions', at.key);
  if (at.field === null) return judgeEntry(write, existing, 'an action');
  const v = value(write);
  if (!existing) return write.op === 'delete' ? null : newActionField(at.field, v, at.key, ctx);
  const field = at.field;
  if (ACTION_FIXED.has(field)) return `an action’s ${field} never changes`;
  const owner = existing.get('ownerId') === ctx.writer.userId;
  if (ACTION_DONE.has(field)) {
    if (!owner && !leads(ctx)) return 'only its owner or a facilitator marks an action done';
  } else if (ACTION_EDIT.has(field)) {
    if (!owner && existing.get('by') !== ctx.writer.userId && !leads(ctx)) {
      return 'only its creator, its owner or a facilitator edits an action';
    }
  } else {
    return `unknown action field ${field}`;
  }
  return write.op === 'delete' ? null : actionValue(field, v, ctx);
}

/** The rules of the backlog's roots, listed in writePolicy.ts's table. */
export const TENSION_WRITE_RULES: readonly WriteRule[] = [
  {
    id: 'WRITE-17',
    kind: 'space',
    root: 'tensions',
    summary:
      'tensions: anyone logs one in their own name; its author or a facilitator edits or closes it; links point to things the space holds, once',
    check: checkTensions,
  },
  {
    id: 'WRITE-18',
    kind: 'space',
    root: 'actions',
    summary:
      'actions: anyone creates one in their own name; its creator, owner or a facilitator edits it; its owner or a facilitator marks it done',
    check: checkActions,
  },
];
