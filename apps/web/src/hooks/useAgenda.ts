import { listAgenda, meetingAgenda, type AgendaItem } from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from './useYStore.ts';

/**
 * The agenda of a meeting document in order; the array keeps its identity
 * until an item is added, edited, moved or removed.
 *
 * @example
 * const agenda = useAgenda(room.doc);
 * agenda.map((item) => <li key={item.id}>{item.title}</li>);
 */
export function useAgenda(doc: Y.Doc): readonly AgendaItem[] {
  return useYStore(doc, meetingAgenda, listAgenda);
}
