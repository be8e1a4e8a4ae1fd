import type * as Y from 'yjs';
import { isId } from '../ids.ts';
import { cleanName } from '../space.ts';
import { MEETING_KINDS, type MeetingInfo, type MeetingKind } from './types.ts';
import { num, oneOf, setChanged, str } from '../fields.ts';

/**
 * The meeting document (DESIGN 2), room `<spaceId>/meeting/<id>`. Top-level shared types:
 * - `meeting` (Y.Map): `id`, `spaceId`, `title`, `circleId`, `kind`, `startsAt`,
 *   `secretaryId`, `createdAt`, `createdBy`, `schema`
 * - `people` (Y.Map of Y.Map): see `people.ts`
 * - `agenda` (Y.Map of Y.Map): see `agenda.ts`
 * - `log` (Y.Array): the process event log, owned by `../process/`
 */
export const MEETING_SCHEMA_VERSION = 1;
export const MEETING_TITLE_MAX = 200;

/** The meeting's own fields. Observe it to follow a rename or a new secretary. */
export function meetingFields(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meeting');
}

export interface InitMeetingInput {
  readonly id: string;
  readonly spaceId: string;
  readonly title: string;
  readonly circleId: string;
  readonly kind: MeetingKind;
  readonly startsAt: number;
  /** The creator's user id. */
  readonly createdBy: string;
  readonly now: number;
}

/**
 * Writes a new meeting into an empty document (SPEC MDOC-1). Throws if the
 * document already holds a meeting or a field is invalid. The creator is not
 * added to `people` here: call `joinMeeting` with the facilitator role.
 *
 * @example
 * initMeeting(doc, { id, spaceId, title: 'Weekly governance', circleId, kind: 'governance',
 *   startsAt: Date.parse('2030-01-07T09:00'), createdBy: me.id, now: Date.now() });
 */
export function initMeeting(doc: Y.Doc, input: InitMeetingInput): MeetingInfo {
  if (meetingFields(doc).has('id')) throw new Error('this document already holds a meeting');
  if (!isId(input.id) || !isId(input.spaceId)) throw new RangeError('invalid meeting or space id');
  const title = cleanName(input.title, 'meeting title', MEETING_TITLE_MAX);
  checkKind(input.kind);
  checkTime(input.startsAt, 'start');
  const info: MeetingInfo = {
    id: input.id,
    spaceId: input.spaceId,
    title,
    circleId: input.circleId,
    kind: input.kind,
    startsAt: input.startsAt,
    secretaryId: null,
    createdAt: input.now,
    createdBy: input.createdBy,
  };
  doc.transact(() => {
    const fields = meetingFields(doc);
    fields.set('schema', MEETING_SCHEMA_VERSION);
    for (const [key, value] of Object.entries(info)) fields.set(key, value);
  });
  return info;
}

/**
 * Reads the meeting, or `null` while the document has not arrived yet.
 *
 * @example
 * readMeeting(doc)?.title; // 'Weekly governance'
 */
export function readMeeting(doc: Y.Doc): MeetingInfo | null {
  const fields = meetingFields(doc);
  const id = fields.get('id');
  if (typeof id !== 'string') return null;
  const secretaryId = fields.get('secretaryId');
  return {
    id,
    spaceId: str(fields.get('spaceId')),
    title: str(fields.get('title')),
    circleId: str(fields.get('circleId')),
    kind: oneOf(MEETING_KINDS, fields.get('kind'), 'governance'),
    startsAt: num(fields.get('startsAt')),
    secretaryId: typeof secretaryId === 'string' && secretaryId ? secretaryId : null,
    createdAt: num(fields.get('createdAt')),
    createdBy: str(fields.get('createdBy')),
  };
}

export type MeetingPatch = Partial<
  Pick<MeetingInfo, 'title' | 'circleId' | 'kind' | 'startsAt' | 'secretaryId'>
>;

/**
 * Changes the meeting's title, circle, kind, start or secretary (SPEC MDOC-2:
 * same rules as at creation; the secretary must be one of the meeting's
 * people, or null). Writes only what changed.
 *
 * @example
 * updateMeeting(doc, { secretaryId: 'k3Jd9XqP2mZr8sTw' });
 */
export function updateMeeting(doc: Y.Doc, patch: MeetingPatch): void {
  const fields = meetingFields(doc);
  if (!fields.has('id')) throw new Error('this document holds no meeting');
  const title =
    patch.title === undefined
      ? undefined
      : cleanName(patch.title, 'meeting title', MEETING_TITLE_MAX);
  if (patch.kind !== undefined) checkKind(patch.kind);
  if (patch.startsAt !== undefined) checkTime(patch.startsAt, 'start');
  if (patch.secretaryId && !doc.getMap('people').has(patch.secretaryId)) {
    throw new RangeError('the secretary must be one of the meeting’s people');
  }
  doc.transact(() => {
    setChanged(fields, {
      title,
      circleId: patch.circleId,
      kind: patch.kind,
      startsAt: patch.startsAt,
      // Stored as '' rather than deleted, so "no secretary" is a value that merges like the others.
      secretaryId: patch.secretaryId === undefined ? undefined : (patch.secretaryId ?? ''),
    });
  });
}

function checkKind(kind: string): void {
  if (!(MEETING_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`unknown meeting kind ${kind}`);
  }
}

function checkTime(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${field} must be a time`);
}
