import { listCircles, type Circle, spaceCircles } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The circles of a space document, sorted by name.
 *
 * @example
 * const circles = useCircles(room.doc);
 * circles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>);
 */
export function useCircles(doc: Y.Doc): readonly Circle[] {
  return useYStore(doc, spaceCircles, listCircles);
}
