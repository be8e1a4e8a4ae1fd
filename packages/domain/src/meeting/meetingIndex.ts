import type * as Y from 'yjs';
import { compareIds } from '../space.ts';
import { MEETING_KINDS, type MeetingKind } from './types.ts';
import { mapOf, num, oneOf, setChanged, str } from '../fields.ts';

/**
 * The meetings index of the space document: `meetings` (Y.Map of Y.Map),
 * one entry per meeting so the space page lists them without opening each
 * meeting document.
 */
export const MEETING_STATUSES = ['upcoming', 'live', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** A meeting as the space lists it; the meeting document is the source. */
export interface MeetingSummary {
  readonly id: string;
  readonly title: string;
  readonly circleId: string;
  readonly kind: MeetingKind;
  readonly startsAt: number;
  readonly status: MeetingStatus;
  readonly updatedAt: number;
  /**
   * The user id of whoever created it (MDOC-6): nobody else creates its
   * document (server WRITE-22). Absent on older entries.
   */
  readonly createdBy?: string;
}

/** The space's meetings, grouped as the space page shows them. */
export interface MeetingGroups {
  /** Live now, the earliest started first. */
  readonly live: readonly MeetingSummary[];
  /** Not started yet, the soonest first. */
  readonly upcoming: readonly MeetingSummary[];
  /** Ended, the most recent first. */
  readonly ended: readonly MeetingSummary[];
}

/** The meetings index. Observe it deeply to follow the list. */
export function spaceMeetings(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('meetings');
}

/**
 * Lists a meeting in the space (SPEC MDOC-6: a meeting is listed once; adding
 * an id already listed throws).
 *
 * @example
 * addMeetingSummary(spaceDoc, { id, title, circleId, kind: 'governance', startsAt,
 *   status: 'upcoming', updatedAt: Date.now(), createdBy: me.id });
 */
export function addMeetingSummary(doc: Y.Doc, summary: MeetingSummary): void {
  const index = spaceMeetings(doc);
  if (index.has(summary.id)) throw new Error(`meeting ${summary.id} is already listed`);
  index.set(summary.id, mapOf({ ...summary }));
}

/**
 * Updates a listed meeting. Writes only the fields that changed, and a patch
 * older than the entry's `updatedAt` is ignored entirely (SPEC MDOC-7), so a
 * replica reporting a stale state cannot undo a newer one.
 *
 * @example
 * updateMeetingSummary(spaceDoc, id, { status: 'live', updatedAt: Date.now() });
 */
export function updateMeetingSummary(
  doc: Y.Doc,
  id: string,
  patch: Partial<Omit<MeetingSummary, 'id' | 'updatedAt'>> & { readonly updatedAt: number },
): void {
  const entry = spaceMeetings(doc).get(id);
  if (!entry) throw new Error(`meeting ${id} is not listed`);
  if (patch.updatedAt < num(entry.get('updatedAt'))) return;
  doc.transact(() => {
    setChanged(entry, {
      title: patch.title,
      circleId: patch.circleId,
      kind: patch.kind,
      startsAt: patch.startsAt,
      status: patch.status,
    });
    if (patch.updatedAt > num(entry.get('updatedAt'))) entry.set('updatedAt', patch.updatedAt);
  });
}

function creatorOf(entry: Y.Map<unknown>): Pick<MeetingSummary, 'createdBy'> {
  const createdBy = entry.get('createdBy');
  return typeof createdBy === 'string' && createdBy !== '' ? { createdBy } : {};
}

/**
 * The space's meetings grouped for the space page (SPEC MDOC-8): live ones
 * first by start, upcoming ones by start (soonest first), ended ones most
 * recent start first; ties broken by id in code-unit order.
 *
 * @example
 * const { live, upcoming, ended } = listMeetings(spaceDoc);
 */
export function listMeetings(doc: Y.Doc): MeetingGroups {
  const all: MeetingSummary[] = [];
  spaceMeetings(doc).forEach((entry, id) => {
    all.push({
      id,
      title: str(entry.get('title')),
      circleId: str(entry.get('circleId')),
      kind: oneOf(MEETING_KINDS, entry.get('kind'), 'governance'),
      startsAt: num(entry.get('startsAt')),
      status: oneOf(MEETING_STATUSES, entry.get('status'), 'upcoming'),
      updatedAt: num(entry.get('updatedAt')),
      ...creatorOf(entry),
    });
  });
  const soonest = (a: MeetingSummary, b: MeetingSummary): number =>
    a.startsAt - b.startsAt || compareIds(a.id, b.id);
  const latest = (a: MeetingSummary, b: MeetingSummary): number =>
    b.startsAt - a.startsAt || compareIds(a.id, b.id);
  return {
    live: all.filter((m) => m.status === 'live').sort(soonest),
    upcoming: all.filter((m) => m.status === 'upcoming').sort(soonest),
    ended: all.filter((m) => m.status === 'ended').sort(latest),
  };
}
