import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initSpace, listCircles } from '../space.ts';
import { compareNames } from './nameOrder.ts';
import {
  assignmentsOf,
  assignmentsOfPerson,
  circleTree,
  listCircleRecords,
  policiesOf,
  readCircle,
  readRole,
  rolesOf,
  type CircleNode,
} from './readRecords.ts';
import { recordRoot, type RecordKind } from './model.ts';

function put(
  doc: Y.Doc,
  kind: RecordKind,
  id: string,
  fields: Record<string, unknown>,
): Y.Map<unknown> {
  const map = new Y.Map<unknown>(Object.entries({ id, ...fields }));
  recordRoot(doc, kind).set(id, map);
  return map;
}

function space(): { doc: Y.Doc; anchor: string } {
  const doc = new Y.Doc();
  const info = initSpace(doc, { id: 'space1', name: 'Coop', circleName: 'General', now: 10 });
  return { doc, anchor: info.defaultCircleId };
}

describe('governance records', () => {
  it('GOV-1 the default circle reads as the anchor circle: no parent, empty lists, no versions', () => {
    const { doc, anchor } = space();
    expect(readCircle(doc, anchor)).toEqual({
      id: anchor,
      name: 'General',
      purpose: '',
      parentId: null,
      createdAt: 10,
      createdBy: '',
      version: '',
      versions: { name: '', purpose: '', parentId: '' },
      domains: [],
      accountabilities: [],
    });
    expect(circleTree(doc)).toEqual([{ circle: readCircle(doc, anchor), children: [] }]);
  });

  it('GOV-1 fields, versions and list entries of one record merge across replicas', () => {
    const a = new Y.Doc();
    const role = put(a, 'role', 'role01', { circleId: 'c1', name: 'Scribe', purpose: 'Notes' });
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    role.set('name', 'Secretary');
    role.set('v:name', 'd1');
    role.set('accountabilities:e1', { text: 'Keeps minutes', version: 'd1', addedAt: 1 });
    const other = b.getMap<Y.Map<unknown>>('roles').get('role01')!;
    other.set('purpose', 'Memory');
    other.set('v:purpose', 'd2');
    other.set('accountabilities:e2', { text: 'Sends them', version: 'd2', addedAt: 2 });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const read = readRole(doc, 'role01')!;
      expect([read.name, read.purpose, read.versions]).toEqual([
        'Secretary',
        'Memory',
        { name: 'd1', purpose: 'd2', circleId: '', elected: '' },
      ]);
      expect(read.accountabilities.map((e) => e.text)).toEqual(['Keeps minutes', 'Sends them']);
    }
  });

  it('GOV-2 readers tolerate hostile values and never throw', () => {
    const { doc, anchor } = space();
    recordRoot(doc, 'role').set('plain', 'not a map');
    recordRoot(doc, 'role').set('weird', new Y.Array());
    put(doc, 'role', 'r1', {
      circleId: anchor,
      name: 42,
      purpose: { x: 1 },
      elected: 'yes',
      createdAt: Number.NaN,
      'domains:d1': 'just text',
      'domains:d2': { text: 7 },
      'domains:d3': { text: 'Kept', addedAt: 'soon' },
      'accountabilities:': { text: 'no id' },
      'v:name': 3,
    });
    put(doc, 'circle', 'c2', { name: null, parentId: 12 });
    put(doc, 'assignment', 'a1', { roleId: 'r1', personId: ['x'], termEnd: 5 });
    put(doc, 'policy', 'p1', { circleId: anchor, title: false });
    expect(rolesOf(doc, anchor)).toEqual([
      {
        id: 'r1',
        circleId: anchor,
        name: '',
        purpose: '',
        elected: false,
        createdAt: 0,
        createdBy: '',
        version: '',
        versions: { name: '', purpose: '', circleId: '', elected: '' },
        domains: [{ id: 'd3', text: 'Kept', version: '', addedAt: 0 }],
        accountabilities: [],
      },
    ]);
    expect(readCircle(doc, 'c2')?.parentId).toBeNull();
    expect(assignmentsOf(doc, 'r1')[0]).toMatchObject({ personId: '', termEnd: null });
    expect(policiesOf(doc, anchor)[0]?.title).toBe('');
    expect(readRole(doc, 'plain')).toBeNull();
    expect(() => circleTree(doc)).not.toThrow();
    expect(
      listCircles(doc)
        .map((c) => c.id)
        .sort(),
    ).toEqual([anchor, 'c2'].sort());
  });

  it('GOV-3 names sort without accents and case, then as written, then by id', () => {
    expect(['zèbre', 'Écoute', 'abc', 'ecoute', 'Abc'].sort(compareNames)).toEqual([
      'Abc',
      'abc',
      'ecoute',
      'Écoute',
      'zèbre',
    ]);
    const { doc, anchor } = space();
    put(doc, 'circle', 'c-b', { name: 'Équipe', parentId: anchor });
    put(doc, 'circle', 'c-a', { name: 'Équipe', parentId: anchor });
    put(doc, 'circle', 'c-c', { name: 'achats', parentId: anchor });
    expect(listCircleRecords(doc).map((c) => c.id)).toEqual(['c-c', 'c-a', 'c-b', anchor]);
  });

  it('GOV-3 roles: elected first, then by name; policies by title; assignments by time then id', () => {
    const { doc, anchor } = space();
    put(doc, 'role', 'r1', { circleId: anchor, name: 'Budget' });
    put(doc, 'role', 'r2', { circleId: anchor, name: 'Secretary', elected: true });
    put(doc, 'role', 'r3', { circleId: anchor, name: 'Facilitator', elected: true });
    put(doc, 'role', 'r4', { circleId: 'elsewhere', name: 'Away' });
    expect(rolesOf(doc, anchor).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    put(doc, 'policy', 'p2', { circleId: anchor, title: 'b' });
    put(doc, 'policy', 'p1', { circleId: anchor, title: 'B' });
    expect(policiesOf(doc, anchor).map((p) => p.id)).toEqual(['p1', 'p2']);
    put(doc, 'assignment', 'a2', { roleId: 'r1', personId: 'u1', createdAt: 5 });
    put(doc, 'assignment', 'a1', { roleId: 'r1', personId: 'u2', createdAt: 5 });
    put(doc, 'assignment', 'a0', { roleId: 'r1', personId: 'u1', createdAt: 9 });
    expect(assignmentsOf(doc, 'r1').map((a) => a.id)).toEqual(['a1', 'a2', 'a0']);
    expect(assignmentsOfPerson(doc, 'u1').map((a) => a.id)).toEqual(['a2', 'a0']);
  });

  it('GOV-3 list entries by time added, then id', () => {
    const { doc, anchor } = space();
    const circle = recordRoot(doc, 'circle').get(anchor) as Y.Map<unknown>;
    circle.set('domains:b', { text: 'B', version: 'd', addedAt: 2 });
    circle.set('domains:a', { text: 'A', version: 'd', addedAt: 2 });
    circle.set('domains:c', { text: 'C', version: 'd', addedAt: 1 });
    expect(readCircle(doc, anchor)?.domains.map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });

  it('GOV-4 the tree: anchor first, children under parents, missing parents and cycles become roots', () => {
    const { doc, anchor } = space();
    put(doc, 'circle', 'sub2', { name: 'Zeta', parentId: anchor });
    put(doc, 'circle', 'sub1', { name: 'Alpha', parentId: anchor });
    put(doc, 'circle', 'deep', { name: 'Deep', parentId: 'sub1' });
    put(doc, 'circle', 'lost', { name: 'Lost', parentId: 'gone' });
    put(doc, 'circle', 'cy-b', { name: 'B', parentId: 'cy-a' });
    put(doc, 'circle', 'cy-a', { name: 'A', parentId: 'cy-c' });
    put(doc, 'circle', 'cy-c', { name: 'C', parentId: 'cy-b' });
    put(doc, 'circle', 'self', { name: 'Self', parentId: 'self' });
    const shape = (nodes: readonly CircleNode[]): unknown =>
      nodes.map((n) => [n.circle.id, shape(n.children)]);
    expect(shape(circleTree(doc))).toEqual([
      [
        anchor,
        [
          ['sub1', [['deep', []]]],
          ['sub2', []],
        ],
      ],
      ['cy-a', [['cy-b', [['cy-c', []]]]]],
      ['lost', []],
      ['self', []],
    ]);
  });
});
