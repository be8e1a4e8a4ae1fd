import {
  assignmentsOf,
  circleTree,
  diffChanges,
  governanceLog,
  listChanges,
  listCircleRecords,
  listDecisions,
  policiesOf,
  proposalChanges,
  readSpace,
  recordHistory,
  recordRoot,
  rolesOf,
  spaceDecisions,
  spaceFields,
  type AssignmentRecord,
  type ChangeDiff,
  type HistoryEntry,
  type CircleNode,
  type CircleRecord,
  type GovernanceChange,
  type PolicyRecord,
  type RoleRecord,
} from '@ronde/domain';
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { createYStore, type Observable } from '../hooks/yStore.ts';

/** The governance records of a space, read once per change of them. */
export interface GovernanceView {
  readonly anchorId: string | null;
  readonly tree: readonly CircleNode[];
  readonly circles: readonly CircleRecord[];
  readonly roles: Readonly<Record<string, readonly RoleRecord[]>>;
  readonly policies: Readonly<Record<string, readonly PolicyRecord[]>>;
  readonly assignments: Readonly<Record<string, readonly AssignmentRecord[]>>;
  /** How many decisions have changed the records: moves whenever the history does. */
  readonly units: number;
}

/** Several shared types observed as one. */
function observeAll(types: readonly Observable[]): Observable {
  return {
    observeDeep: (f) => types.forEach((type) => type.observeDeep(f)),
    unobserveDeep: (f) => types.forEach((type) => type.unobserveDeep(f)),
  };
}

function recordTypes(doc: Y.Doc): Observable {
  return observeAll([
    spaceFields(doc),
    recordRoot(doc, 'circle'),
    recordRoot(doc, 'role'),
    recordRoot(doc, 'policy'),
    recordRoot(doc, 'assignment'),
    governanceLog(doc),
  ]);
}

/**
 * Every record of the space document, grouped for the governance page and
 * the changes editor (SPEC GOV-3 orders).
 *
 * @example
 * const view = readGovernance(spaceDoc);
 * view.roles[view.anchorId ?? '']?.map((r) => r.name);
 */
export function readGovernance(doc: Y.Doc): GovernanceView {
  const circles = listCircleRecords(doc);
  const roles: Record<string, RoleRecord[]> = {};
  const policies: Record<string, PolicyRecord[]> = {};
  const assignments: Record<string, AssignmentRecord[]> = {};
  for (const circle of circles) {
    roles[circle.id] = rolesOf(doc, circle.id);
    policies[circle.id] = policiesOf(doc, circle.id);
    for (const role of roles[circle.id]!) assignments[role.id] = assignmentsOf(doc, role.id);
  }
  return {
    anchorId: readSpace(doc)?.defaultCircleId ?? null,
    tree: circleTree(doc),
    circles,
    roles,
    policies,
    assignments,
    units: governanceLog(doc).size,
  };
}

/**
 * The space's governance records, re-read when any of them changes.
 *
 * @example
 * const { tree } = useGovernance(spaceRoom.doc);
 */
export function useGovernance(spaceDoc: Y.Doc): GovernanceView {
  return useYStore(spaceDoc, recordTypes, readGovernance);
}

/**
 * A proposal's structured changes, in list order (SPEC GOV-5).
 *
 * @example
 * const changes = useProposalChanges(proposalRoom.doc);
 */
export function useProposalChanges(proposalDoc: Y.Doc): readonly GovernanceChange[] {
  return useYStore(proposalDoc, proposalChanges, listChanges);
}

/** User id → display name, as the decision log names people. */
function readNames(doc: Y.Doc): Readonly<Record<string, string>> {
  const names: Record<string, string> = {};
  // Oldest first, so the latest name someone was recorded with wins.
  for (const entry of listDecisions(doc).reverse()) Object.assign(names, entry.names);
  return names;
}

/**
 * The names of the people the space's decision log mentions, by user id:
 * who can be assigned to a role, and how an assignment names its person.
 *
 * @example
 * const names = useKnownPeople(spaceDoc);
 * names[assignment.personId] ?? t('gov.someone');
 */
export function useKnownPeople(spaceDoc: Y.Doc): Readonly<Record<string, string>> {
  return useYStore(spaceDoc, spaceDecisions, readNames);
}

/**
 * The diffs of a proposal's changes against the space's records as they
 * are now (SPEC GOV-7, GOV-8), re-read when either document changes.
 *
 * @example
 * const diffs = useChangeDiffs(spaceRoom.doc, proposalRoom.doc);
 * diffs.filter((d) => d.conflict !== null);
 */
export function useChangeDiffs(spaceDoc: Y.Doc, proposalDoc: Y.Doc): readonly ChangeDiff[] {
  const store = useMemo(
    () =>
      createYStore([recordTypes(spaceDoc), proposalChanges(proposalDoc)], () =>
        diffChanges(spaceDoc, listChanges(proposalDoc)),
      ),
    [spaceDoc, proposalDoc],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * A record's history, oldest first (SPEC GOV-10), re-read when the
 * governance log changes.
 *
 * @example
 * useRecordHistory(spaceDoc, roleId).map((h) => h.decisionId);
 */
export function useRecordHistory(spaceDoc: Y.Doc, recordId: string): readonly HistoryEntry[] {
  const store = useMemo(
    () => createYStore([governanceLog(spaceDoc)], () => recordHistory(spaceDoc, recordId)),
    [spaceDoc, recordId],
  );
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
