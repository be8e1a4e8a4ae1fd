import { isId } from './ids.ts';

/** The kinds of document Ronde keeps: one Y.Doc per entity (DESIGN 2). */
export const DOC_KINDS = ['space', 'proposal', 'meeting', 'consent'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** Which document a room holds. A space's own document has `id === spaceId`. */
export interface RoomRef {
  readonly spaceId: string;
  readonly kind: DocKind;
  readonly id: string;
}

/**
 * The room name of a document: `<spaceId>/<kind>/<id>` (SPEC ROOM-1).
 *
 * @example
 * roomName({ spaceId: 'sp1abc', kind: 'proposal', id: 'pr1abc' }); // 'sp1abc/proposal/pr1abc'
 */
export function roomName(ref: RoomRef): string {
  return `${ref.spaceId}/${ref.kind}/${ref.id}`;
}

/** The room of a space's own document. */
export function spaceRoom(spaceId: string): string {
  return roomName({ spaceId, kind: 'space', id: spaceId });
}

function isDocKind(value: string): value is DocKind {
  return (DOC_KINDS as readonly string[]).includes(value);
}

/**
 * Parses a room name, or returns `null` when it is not one (SPEC ROOM-2):
 * exactly three segments, valid ids, a known kind, and a space room whose id
 * is its space id.
 *
 * @example
 * parseRoomName('sp1abc/proposal/pr1abc'); // { spaceId: 'sp1abc', kind: 'proposal', id: 'pr1abc' }
 * parseRoomName('sp1abc/../x'); // null
 */
export function parseRoomName(name: string): RoomRef | null {
  const parts = name.split('/');
  if (parts.length !== 3) return null;
  const [spaceId, kind, id] = parts as [string, string, string];
  if (!isId(spaceId) || !isId(id) || !isDocKind(kind)) return null;
  if (kind === 'space' && id !== spaceId) return null;
  return { spaceId, kind, id };
}
