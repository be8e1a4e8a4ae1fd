import * as Y from 'yjs';
import type { GovernanceChange } from './changes.ts';
import { parseChange } from './parseChange.ts';
import { compareChanges } from './planChanges.ts';

/**
 * The structured changes of a proposal document: `changes` (Y.Map), change
 * id → Y.Map of the change's fields (plain values; `record` and `owner` as
 * plain objects). Two people editing different fields of one change, or
 * different changes, merge (SPEC GOV-5).
 */
export function proposalChanges(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap('changes');
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Adds a change to a proposal. Throws a RangeError when `parseChange`
 * refuses it, or when a change with its id is already there.
 *
 * @example
 * addChange(proposalDoc, { type: 'role.add', id: newId(), roleId: newId(), circleId, name: 'Facilitator', purpose: '', elected: true, by: userId, at: Date.now() });
 */
export function addChange(doc: Y.Doc, change: GovernanceChange): GovernanceChange {
  const parsed = parseChange(change);
  if (parsed === null) throw new RangeError(`not a valid change: ${JSON.stringify(change)}`);
  const changes = proposalChanges(doc);
  if (changes.has(parsed.id)) throw new Error(`change ${parsed.id} is already there`);
  changes.set(parsed.id, new Y.Map<unknown>(Object.entries(parsed)));
  return parsed;
}

/**
 * Edits fields of a change (not its `id` or `type`), writing only those that
 * differ. Throws when the change is missing or the result would be invalid.
 *
 * @example
 * updateChange(proposalDoc, changeId, { after: 'Keeps the meeting on time' });
 */
export function updateChange(
  doc: Y.Doc,
  id: string,
  patch: Readonly<Record<string, unknown>>,
): GovernanceChange {
  const entry = proposalChanges(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`change ${id} is not there`);
  const current = entry.toJSON() as Record<string, unknown>;
  const parsed = parseChange({ ...current, ...patch, id, type: current.type });
  if (parsed === null) throw new RangeError(`not a valid change: ${JSON.stringify(patch)}`);
  doc.transact(() => {
    for (const [key, value] of Object.entries(parsed)) {
      if (!same(entry.get(key), value)) entry.set(key, value);
    }
  });
  return parsed;
}

/** Takes a change out of a proposal; nothing happens when it is not there. @example removeChange(proposalDoc, changeId); */
export function removeChange(doc: Y.Doc, id: string): void {
  proposalChanges(doc).delete(id);
}

/**
 * The valid changes of a proposal, by `at` then id (SPEC GOV-5). A stored
 * value `parseChange` refuses, or filed under another key, is left out: what
 * is shown is what gets adopted.
 *
 * @example
 * listChanges(proposalDoc).map((c) => c.type);
 */
export function listChanges(doc: Y.Doc): GovernanceChange[] {
  const list: GovernanceChange[] = [];
  proposalChanges(doc).forEach((entry, key) => {
    const change = parseChange(entry instanceof Y.Map ? entry.toJSON() : entry);
    if (change !== null && change.id === key) list.push(change);
  });
  return list.sort(compareChanges);
}
