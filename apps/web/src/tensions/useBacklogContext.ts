import type { SpaceInfo } from '@ronde/domain';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { useGovernance, useKnownPeople } from '../governance/useGovernance.ts';
import { useCircles } from '../hooks/useCircles.ts';
import { useMeetings } from '../hooks/useMeetings.ts';
import { useProposals } from '../hooks/useProposals.ts';
import { useSpacePeople } from '../members/useSpacePeople.ts';
import { useAccess } from '../state/useAccess.ts';
import { useIdentity } from '../state/useIdentity.ts';
import { knownPeople } from './people.ts';
import type { TensionContext } from './TensionCard.tsx';
import { useActions, useTensions } from './useBacklog.ts';

/**
 * Everything a backlog page reads of the space document, once: the backlog,
 * the indexes it links to, the roles' names and the people it can name (the
 * space's directory first, then the names its records hold).
 *
 * @example
 * const { ctx, tensions } = useBacklogContext(space, spaceDoc);
 */
export function useBacklogContext(space: SpaceInfo, spaceDoc: Y.Doc) {
  const identity = useIdentity(space.id);
  const access = useAccess(space.id);
  const tensions = useTensions(spaceDoc);
  const actions = useActions(spaceDoc);
  const circles = useCircles(spaceDoc);
  const proposals = useProposals(spaceDoc);
  const groups = useMeetings(spaceDoc);
  const view = useGovernance(spaceDoc);
  const decisionNames = useKnownPeople(spaceDoc);
  const directory = useSpacePeople(space.id);
  const ctx = useMemo((): TensionContext => {
    const me = { id: identity.id, name: identity.name };
    const roleNames: Record<string, string> = {};
    for (const list of Object.values(view.roles))
      for (const role of list) roleNames[role.id] = role.name;
    return {
      space,
      spaceDoc,
      circles,
      proposals,
      meetings: [...groups.live, ...groups.upcoming, ...groups.ended],
      actions,
      roleNames,
      people: knownPeople(me, directory.people, [decisionNames], tensions, actions),
      me,
      lead: !access.readOnly && (access.role === 'admin' || access.role === 'facilitator'),
      readOnly: access.readOnly,
    };
  }, [
    identity,
    access.readOnly,
    access.role,
    space,
    spaceDoc,
    circles,
    proposals,
    groups,
    actions,
    view,
    decisionNames,
    directory,
    tensions,
  ]);
  return { ctx, tensions, actions };
}
