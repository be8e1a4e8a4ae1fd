import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addAgendaItem,
  listAgenda,
  meetingAgenda,
  moveAgendaItem,
  removeAgendaItem,
  updateAgendaItem,
  type AddAgendaItemInput,
} from './agenda.ts';
import { orderBetween } from './fractionalOrder.ts';

const base = { createdBy: 'user0001', now: 1 } as const;

function info(id: string, title = id): AddAgendaItemInput {
  return { ...base, id, kind: 'information', title };
}

function agendaWith(...ids: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const id of ids) addAgendaItem(doc, info(id));
  return doc;
}

const titles = (doc: Y.Doc): string[] => listAgenda(doc).map((i) => i.title);

function exchange(a: Y.Doc, b: Y.Doc): void {
  const fromA = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const fromB = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, fromA);
  Y.applyUpdate(a, fromB);
}

describe('agenda items', () => {
  it('AGENDA-1 adds items at the end, with defaults', () => {
    const doc = agendaWith('item0001', 'item0002');
    const [first, second] = listAgenda(doc);
    expect(first).toEqual({
      id: 'item0001',
      kind: 'information',
      title: 'item0001',
      proposalId: null,
      process: null,
      text: '',
      ownerId: 'user0001',
      timeboxMinutes: 10,
      order: 1,
      createdAt: 1,
      createdBy: 'user0001',
    });
    expect(second?.order).toBeGreaterThan(first?.order ?? Infinity);
    expect(() => addAgendaItem(doc, info('item0001'))).toThrow(/already exists/);
  });

  it('AGENDA-1 an agenda holds at most 200 items', () => {
    const doc = agendaWith(...Array.from({ length: 200 }, (_, i) => `item${1000 + i}`));
    expect(() => addAgendaItem(doc, info('item9999'))).toThrow(/at most 200/);
  });

  it('AGENDA-2 validates the fields each kind needs', () => {
    const doc = new Y.Doc();
    const proposal = { ...base, id: 'item0001', kind: 'proposal', title: 'Budget' } as const;
    expect(() => addAgendaItem(doc, proposal)).toThrow(/needs a proposal/);
    expect(() => addAgendaItem(doc, { ...proposal, proposalId: 'prop0001' })).toThrow(/process/);
    expect(() =>
      addAgendaItem(doc, { ...proposal, proposalId: 'prop0001', process: 'vote' as 'idm' }),
    ).toThrow(/process/);
    const item = addAgendaItem(doc, { ...proposal, proposalId: 'prop0001', process: 'idm' });
    expect(item).toMatchObject({ proposalId: 'prop0001', process: 'idm', text: '' });

    const tension = { ...base, id: 'item0002', kind: 'tension' } as const;
    expect(() => addAgendaItem(doc, { ...tension, text: '  ' })).toThrow(/needs a text/);
    expect(() => addAgendaItem(doc, { ...tension, text: 'x'.repeat(501) })).toThrow(/500/);
    expect(
      addAgendaItem(doc, { ...tension, text: ' Nobody waters the plants\nat all ' }),
    ).toMatchObject({
      title: 'Nobody waters the plants',
      text: 'Nobody waters the plants\nat all',
      proposalId: null,
    });

    expect(() => addAgendaItem(doc, info('item0003', ' '))).toThrow(/title/);
    expect(() => addAgendaItem(doc, info('item0003', 'x'.repeat(201)))).toThrow(/at most 200/);
    expect(() => addAgendaItem(doc, { ...info('item0003'), kind: 'chat' as 'tension' })).toThrow(
      /kind/,
    );
  });

  it('AGENDA-3 a time box is a whole number of minutes from 1 to 240', () => {
    const doc = new Y.Doc();
    for (const bad of [0, 241, 2.5, Number.NaN]) {
      expect(() => addAgendaItem(doc, { ...info('item0001'), timeboxMinutes: bad })).toThrow(
        /time box/,
      );
    }
    expect(addAgendaItem(doc, { ...info('item0001'), timeboxMinutes: 240 }).timeboxMinutes).toBe(
      240,
    );
    expect(addAgendaItem(doc, { ...info('item0002'), timeboxMinutes: 1 }).timeboxMinutes).toBe(1);
  });

  it('AGENDA-4 edits title, text, owner, time box and process; not the kind or proposal', () => {
    const doc = new Y.Doc();
    addAgendaItem(doc, { ...base, id: 'item0001', kind: 'tension', text: 'Plants' });
    addAgendaItem(doc, {
      ...base,
      id: 'item0002',
      kind: 'proposal',
      title: 'Budget',
      proposalId: 'prop0001',
      process: 'consent',
    });
    updateAgendaItem(doc, 'item0001', {
      title: ' Plants  die ',
      text: 'They do',
      ownerId: 'user0002',
      timeboxMinutes: 5,
    });
    updateAgendaItem(doc, 'item0002', { process: 'idm' });
    const [tension, proposal] = listAgenda(doc);
    expect(tension).toMatchObject({ title: 'Plants die', text: 'They do', ownerId: 'user0002' });
    expect(tension?.timeboxMinutes).toBe(5);
    expect(proposal).toMatchObject({ process: 'idm', proposalId: 'prop0001' });
    expect(() => updateAgendaItem(doc, 'item0002', { text: 'x' })).toThrow(/only a tension/);
    expect(() => updateAgendaItem(doc, 'item0001', { process: 'idm' })).toThrow(/only a proposal/);
    expect(() => updateAgendaItem(doc, 'item0001', { timeboxMinutes: 0 })).toThrow(/time box/);
    expect(() => updateAgendaItem(doc, 'item0001', { ownerId: '' })).toThrow(/owner/);
    expect(() => updateAgendaItem(doc, 'missing1', { title: 'x' })).toThrow(/does not exist/);
  });

  it('AGENDA-7 removes an item; removing it again does nothing', () => {
    const doc = agendaWith('item0001', 'item0002');
    removeAgendaItem(doc, 'item0001');
    removeAgendaItem(doc, 'item0001');
    expect(titles(doc)).toEqual(['item0002']);
  });
});

describe('agenda order', () => {
  it('AGENDA-5 moves an item between its new neighbours, rewriting only its order', () => {
    const doc = agendaWith('a0000001', 'b0000001', 'c0000001', 'd0000001');
    const orders = () => listAgenda(doc).map((i) => [i.id, i.order]);
    const before = new Map(orders() as [string, number][]);
    moveAgendaItem(doc, 'd0000001', 1);
    expect(titles(doc)).toEqual(['a0000001', 'd0000001', 'b0000001', 'c0000001']);
    for (const [id, order] of orders() as [string, number][]) {
      if (id !== 'd0000001') expect(order).toBe(before.get(id));
    }
    moveAgendaItem(doc, 'a0000001', 99);
    expect(titles(doc)).toEqual(['d0000001', 'b0000001', 'c0000001', 'a0000001']);
    moveAgendaItem(doc, 'a0000001', -3);
    expect(titles(doc)).toEqual(['a0000001', 'd0000001', 'b0000001', 'c0000001']);
    expect(() => moveAgendaItem(doc, 'missing1', 0)).toThrow(/does not exist/);
  });

  it('AGENDA-5 renumbers when no number fits between the neighbours', () => {
    const doc = agendaWith('a0000001', 'b0000001', 'c0000001');
    // Repeatedly inserting at the same gap halves it until no double fits.
    for (let i = 0; i < 80; i++) {
      moveAgendaItem(doc, i % 2 === 0 ? 'c0000001' : 'b0000001', 1);
    }
    // The last move put b back at index 1: a broken renumbering would leave it elsewhere.
    expect(titles(doc)).toEqual(['a0000001', 'b0000001', 'c0000001']);
    expect(new Set(listAgenda(doc).map((i) => i.order)).size).toBe(3);
  });

  it('AGENDA-5 orderBetween finds a number strictly between, or null', () => {
    expect(orderBetween(undefined, undefined)).toBe(1);
    expect(orderBetween(3, undefined)).toBe(4);
    expect(orderBetween(undefined, 3)).toBe(2);
    expect(orderBetween(1, 2)).toBe(1.5);
    expect(orderBetween(1, 1)).toBeNull();
    expect(orderBetween(1, 1 + Number.EPSILON)).toBeNull();
  });

  it('AGENDA-6 ties in order are broken by id, the same on every replica', () => {
    const doc = new Y.Doc();
    for (const id of ['c0000001', 'a0000001', 'b0000001']) {
      meetingAgenda(doc).set(
        id,
        new Y.Map<unknown>([
          ['kind', 'information'],
          ['title', id],
          ['order', 1],
        ]),
      );
    }
    expect(titles(doc)).toEqual(['a0000001', 'b0000001', 'c0000001']);
  });

  it('AGENDA-6 two replicas moving concurrently keep every item once, in the same order', () => {
    const a = agendaWith('a0000001', 'b0000001', 'c0000001', 'd0000001', 'e0000001');
    const b = new Y.Doc();
    exchange(a, b);
    // Both move different items into the same gap, and the same item to different places.
    moveAgendaItem(a, 'e0000001', 1);
    moveAgendaItem(b, 'd0000001', 1);
    moveAgendaItem(a, 'a0000001', 4);
    moveAgendaItem(b, 'a0000001', 2);
    addAgendaItem(b, info('f0000001'));
    removeAgendaItem(a, 'c0000001');
    exchange(a, b);
    const ids = listAgenda(a).map((i) => i.id);
    expect(listAgenda(b).map((i) => i.id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(['a0000001', 'b0000001', 'd0000001', 'e0000001', 'f0000001']);
  });

  it('AGENDA-6 concurrent moves converge over many seeded rounds', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const ids = ['a0000001', 'b0000001', 'c0000001', 'd0000001', 'e0000001', 'f0000001'];
    const replicas = [agendaWith(...ids), new Y.Doc(), new Y.Doc()];
    const [r0, r1, r2] = replicas as [Y.Doc, Y.Doc, Y.Doc];
    exchange(r0, r1);
    exchange(r0, r2);
    for (let round = 0; round < 200; round++) {
      for (const doc of replicas) {
        moveAgendaItem(doc, ids[random(ids.length)] as string, random(ids.length));
      }
      if (random(3) === 0) {
        exchange(r0, r1);
        exchange(r1, r2);
        exchange(r0, r1);
      }
    }
    exchange(r0, r1);
    exchange(r1, r2);
    exchange(r0, r1);
    const order = listAgenda(r0).map((i) => i.id);
    expect(listAgenda(r1).map((i) => i.id)).toEqual(order);
    expect(listAgenda(r2).map((i) => i.id)).toEqual(order);
    expect([...order].sort()).toEqual(ids);
  });
});
