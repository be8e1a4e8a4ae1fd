import { readSpace, type SpaceInfo, spaceFields } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The space of a space document, or `null` until it has loaded. Re-renders
 * only when the space's own fields change.
 *
 * @example
 * const space = useSpace(room.doc);
 * return <h1>{space?.name}</h1>;
 */
export function useSpace(doc: Y.Doc): SpaceInfo | null {
  return useYStore(doc, spaceFields, readSpace);
}
