import * as Y from 'yjs';
import type { GovernanceChange } from '../src/governance/changes.ts';
import { recordRoot, type RecordKind } from '../src/governance/model.ts';
import { initSpace } from '../src/space.ts';

/** Writes a record by hand, as an older client or a hostile one might. */
export function putRecord(
  doc: Y.Doc,
  kind: RecordKind,
  id: string,
  fields: Record<string, unknown>,
): Y.Map<unknown> {
  const map = new Y.Map<unknown>(Object.entries({ id, ...fields }));
  recordRoot(doc, kind).set(id, map);
  return map;
}

/**
 * A space with its anchor circle `anchor1` renamed in place, a sub-circle
 * `circle1`, a role `role01` (written by decision `d0`) with one
 * accountability `acc001`, a policy `pol001` and an assignment `asg001`.
 */
export function seededSpace(): Y.Doc {
  const doc = new Y.Doc();
  initSpace(doc, { id: 'space1', name: 'Coop', circleName: 'General', now: 0 });
  const anchor = doc.getMap('space').get('defaultCircleId') as string;
  // A fixed anchor id keeps the tests readable.
  const circles = recordRoot(doc, 'circle');
  const general = circles.get(anchor) as Y.Map<unknown>;
  circles.delete(anchor);
  doc.getMap('space').set('defaultCircleId', 'anchor1');
  putRecord(doc, 'circle', 'anchor1', { ...general.toJSON(), id: 'anchor1', parentId: null });
  const d0 = { createdAt: 1, createdBy: 'd0', v: 'd0' };
  putRecord(doc, 'circle', 'circle1', {
    ...d0,
    name: 'Website',
    purpose: 'A site people use',
    parentId: 'anchor1',
    'v:name': 'd0',
    'v:purpose': 'd0',
    'v:parentId': 'd0',
  });
  putRecord(doc, 'role', 'role01', {
    ...d0,
    circleId: 'circle1',
    name: 'Editor',
    purpose: 'Clear pages',
    elected: false,
    'v:circleId': 'd0',
    'v:name': 'd0',
    'v:purpose': 'd0',
    'v:elected': 'd0',
    'accountabilities:acc001': { text: 'Proofreading pages', version: 'd0', addedAt: 1 },
  });
  putRecord(doc, 'policy', 'pol001', {
    ...d0,
    circleId: 'circle1',
    title: 'Publishing',
    text: 'Two readers before publishing',
    'v:circleId': 'd0',
    'v:title': 'd0',
    'v:text': 'd0',
  });
  putRecord(doc, 'assignment', 'asg001', {
    ...d0,
    roleId: 'role01',
    personId: 'user-awa',
    focus: '',
    termEnd: '2027-06-30',
    'v:focus': 'd0',
    'v:termEnd': 'd0',
  });
  return doc;
}

let counter = 0;
/** Fields every change needs, with a fresh valid id. */
export function meta(at = 100): { id: string; by: string; at: number } {
  counter += 1;
  return { id: `chg${String(counter).padStart(4, '0')}`, by: 'user-awa', at };
}

/** A change with a fresh id, typed. */
export function change<T extends GovernanceChange>(fields: Omit<T, 'id' | 'by' | 'at'>): T {
  return { ...meta(), ...fields } as T;
}
