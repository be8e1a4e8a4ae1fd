import {
  listActions,
  listTensions,
  spaceActions,
  spaceMeetings,
  spaceProposals,
  spaceTensions,
  type Action,
  type Tension,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import type { Observable } from '../hooks/yStore.ts';

/** The roots a tension's derived status reads (TENSION-6): the backlog and the indexes it links to. */
function backlogTypes(doc: Y.Doc): Observable {
  const types: Observable[] = [
    spaceTensions(doc),
    spaceActions(doc),
    spaceProposals(doc),
    spaceMeetings(doc),
  ];
  return {
    observeDeep: (f) => types.forEach((type) => type.observeDeep(f)),
    unobserveDeep: (f) => types.forEach((type) => type.unobserveDeep(f)),
  };
}

/**
 * The space's tensions, newest first, with their derived status (SPEC
 * TENSION-6, TENSION-7).
 *
 * @example
 * const tensions = useTensions(spaceRoom.doc);
 */
export function useTensions(doc: Y.Doc): readonly Tension[] {
  return useYStore(doc, backlogTypes, listTensions);
}

/**
 * The space's next actions and projects, not done first (SPEC ACTION-4).
 *
 * @example
 * const mine = useActions(spaceRoom.doc).filter((a) => a.ownerId === me.id);
 */
export function useActions(doc: Y.Doc): readonly Action[] {
  return useYStore(doc, spaceActions, listActions);
}
