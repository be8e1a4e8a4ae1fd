import type * as Y from 'yjs';
import { isId } from '../ids.ts';
import { canonicalJson } from '../signing/canonicalJson.ts';

/**
 * The time bank's events (SPEC TIME-1): a member declares hours of work,
 * another member confirms or disputes them, the declarer amends a disputed
 * entry. Each is signed by its author's device and appended by the server
 * to the space document's `timeLog` array (server SPEC TIMESRV); clients
 * never write that array.
 */

/** What a declared stretch of work was for. */
export const WORK_KINDS = ['proposal', 'role', 'project', 'commons'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** At most one day of work per entry. */
export const MAX_ENTRY_MINUTES = 24 * 60;
export const TIME_SUBJECT_MAX = 200;
export const TIME_NOTE_MAX = 1000;
export const TIME_REASON_MAX = 500;
export const TIME_NAME_MAX = 60;

/** The fields of a declaration that an amendment may change. */
export interface WorkFields {
  readonly minutes: number;
  /** The calendar day of the work, `YYYY-MM-DD`. */
  readonly workedOn: string;
  readonly kind: WorkKind;
  /** What was worked on: a proposal's or role's title, a project's name… */
  readonly subject: string;
  readonly circleId: string;
  readonly note: string;
  /**
   * What the work was on, by id, when it names a record: a role's id for
   * role work, a proposal's for proposal work (TIME-1; the server checks it
   * is of the entry's circle, TIMESRV-7).
   */
  readonly subjectId?: string;
}

interface Base {
  readonly id: string;
  readonly by: string;
  /** The author's display name when they signed. */
  readonly name: string;
  /** When it was signed, in server time (the server refuses a clock far off). */
  readonly at: number;
}

export type TimeEvent =
  | (Base & WorkFields & { readonly type: 'time.declare' })
  | (Base & { readonly type: 'time.confirm'; readonly entryId: string })
  | (Base & { readonly type: 'time.dispute'; readonly entryId: string; readonly reason: string })
  | (Base & WorkFields & { readonly type: 'time.amend'; readonly entryId: string });

export type TimeEventType = TimeEvent['type'];

/** The space document's time log (server-written). */
export function timeLog(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('timeLog');
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether a string is a real calendar day `YYYY-MM-DD` (years 2000–2999).
 *
 * @example
 * isDay('2026-02-29'); // false
 */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 2000 || y > 2999) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const clean = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.length <= max * 4 ? v.trim().replace(/\s+/g, ' ').slice(0, max) : null;

function parseWork(raw: Record<string, unknown>): WorkFields | null {
  const { minutes, workedOn, kind, circleId } = raw;
  if (typeof minutes !== 'number' || !Number.isInteger(minutes)) return null;
  if (minutes < 1 || minutes > MAX_ENTRY_MINUTES) return null;
  if (typeof workedOn !== 'string' || !isDay(workedOn)) return null;
  if (typeof kind !== 'string' || !(WORK_KINDS as readonly string[]).includes(kind)) return null;
  if (typeof circleId !== 'string' || !isId(circleId)) return null;
  const subject = clean(raw.subject, TIME_SUBJECT_MAX);
  const note = raw.note === undefined ? '' : clean(raw.note, TIME_NOTE_MAX);
  if (!subject || note === null) return null;
  const { subjectId } = raw;
  if (subjectId !== undefined && (typeof subjectId !== 'string' || !isId(subjectId))) return null;
  const work = { minutes, workedOn, kind: kind as WorkKind, subject, circleId, note };
  return subjectId === undefined ? work : { ...work, subjectId };
}

/**
 * A time event from untrusted JSON, normalised (names, subjects and notes
 * trimmed, inner white space collapsed), or `null` when it is not a
 * well-formed one (SPEC TIME-1). Unknown members (`kid`, `sig`) are left out.
 *
 * @example
 * const event = parseTimeEvent(JSON.parse(body));
 */
export function parseTimeEvent(raw: unknown): TimeEvent | null {
  if (!isObject(raw)) return null;
  const { id, type, by, at } = raw;
  if (typeof id !== 'string' || !isId(id)) return null;
  if (typeof by !== 'string' || !isId(by)) return null;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return null;
  const name = clean(raw.name ?? '', TIME_NAME_MAX);
  if (name === null) return null;
  const base = { id, by, at, name };
  const entryId = typeof raw.entryId === 'string' && isId(raw.entryId) ? raw.entryId : null;
  switch (type) {
    case 'time.declare': {
      const work = parseWork(raw);
      return work ? { ...base, type, ...work } : null;
    }
    case 'time.amend': {
      const work = parseWork(raw);
      return work && entryId ? { ...base, type, entryId, ...work } : null;
    }
    case 'time.confirm':
      return entryId ? { ...base, type, entryId } : null;
    case 'time.dispute': {
      const reason = clean(raw.reason, TIME_REASON_MAX);
      return entryId && reason ? { ...base, type, entryId, reason } : null;
    }
    default:
      return null;
  }
}

const encoder = new TextEncoder();

/**
 * The bytes an author signs for a time event (SPEC TIME-2): the UTF-8 of the
 * canonical JSON of `{ event, kid, room }`, `room` being the space's room,
 * the event as `parseTimeEvent` returns it. The room binds the signature to
 * one space's time log; it can never pass for a meeting's process event.
 *
 * @example
 * const sig = await signBytes(key, timeEventSigningPayload(spaceRoom(id), key.keyId, event));
 */
export function timeEventSigningPayload(
  room: string,
  kid: string,
  event: TimeEvent,
): Uint8Array<ArrayBuffer> {
  const bare: Record<string, unknown> = { ...event };
  delete bare.kid;
  delete bare.sig;
  return encoder.encode(canonicalJson({ event: bare, kid, room }));
}
