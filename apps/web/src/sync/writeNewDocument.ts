import { newId, roomName, type DocKind } from '@ronde/domain';
import type * as Y from 'yjs';
import { openDoc } from './openDoc.ts';

/**
 * Writes a new document of `kind` in the space from this device: a fresh id,
 * so nobody else can have written it, and its room opened for `write` (given
 * the document, its id and the time) then let go — the page that shows it
 * takes its own reference within the room's grace. Returns the id; throws
 * what `write` throws.
 *
 * @example
 * const meetingId = writeNewDocument(spaceId, 'meeting', (doc, id, now) => initMeeting(doc, { id, now, … }));
 * navigate(`/s/${spaceId}/m/${meetingId}`);
 */
export function writeNewDocument(
  spaceId: string,
  kind: Exclude<DocKind, 'space'>,
  write: (doc: Y.Doc, id: string, now: number) => void,
): string {
  const id = newId();
  const { room, release } = openDoc(roomName({ spaceId, kind, id }));
  try {
    write(room.doc, id, Date.now());
    return id;
  } finally {
    release();
  }
}
