import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  awarenessOwners,
  createAwarenessGuard,
  MAX_AWARENESS_STATES_PER_CONNECTION,
  type AwarenessOwners,
} from './awarenessGuard.ts';
import type { AwarenessEntry } from './protocol.ts';

const ANA = 'anauser1';
const BEN = 'benuser1';
const OBSERVER = 'watcher1';

/** An awareness entry as the protocol decodes it; `null` state: a removal. */
function entry(clientId: number, state: unknown, clock = 1): AwarenessEntry {
  return { clientId, clock, removed: state === null, state, json: JSON.stringify(state) };
}

const presence = (userId: string, name = userId) => ({
  user: { id: userId, name, color: '#3355aa' },
  cursor: null,
});

/** A room's owner table and a guard per connection, each connection its own object. */
function room() {
  const table: AwarenessOwners = new Map();
  return {
    table,
    connect: (userId: string | null) => createAwarenessGuard(table, userId, {}),
  };
}

const ids = (entries: readonly AwarenessEntry[]): number[] => entries.map((e) => e.clientId);

describe('awarenessGuard', () => {
  it('keeps one owner table per room awareness', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    expect(awarenessOwners(awareness)).toBe(awarenessOwners(awareness));
    expect(awarenessOwners(new Awareness(new Y.Doc()))).not.toBe(awarenessOwners(awareness));
  });

  describe('AWARE-1 a connection touches only the clientIDs it introduced', () => {
    it('AWARE-1 refuses setting or removing a clientID another member’s connection holds', () => {
      const { table, connect } = room();
      const ana = connect(ANA);
      const ben = connect(BEN);
      expect(ana.filter([entry(101, presence(ANA))])).toEqual({
        allowed: [entry(101, presence(ANA))],
        refused: 0,
      });
      expect(table.get(101)?.userId).toBe(ANA);
      expect(ben.filter([entry(101, presence(BEN), 2)])).toEqual({ allowed: [], refused: 1 });
      expect(ben.filter([entry(101, null, 2)])).toEqual({ allowed: [], refused: 1 });
      expect(table.get(101)?.userId).toBe(ANA);
      // Its own: updated and removed freely; then free for anyone.
      expect(ana.filter([entry(101, presence(ANA, 'Ana B.'), 2)]).refused).toBe(0);
      expect(ana.filter([entry(101, null, 3)]).refused).toBe(0);
      expect(table.has(101)).toBe(false);
      expect(ana.owned.size).toBe(0);
      expect(ben.filter([entry(101, presence(BEN), 4)]).refused).toBe(0);
      expect(table.get(101)?.userId).toBe(BEN);
    });

    it('AWARE-1 refuses removing a clientID nobody holds (a high clock would hide its owner later)', () => {
      const { connect } = room();
      const ben = connect(BEN);
      expect(ben.filter([entry(202, null, 1_000_000)])).toEqual({ allowed: [], refused: 1 });
    });

    it('AWARE-1 lets another connection of the same member take a clientID over (a tab that reconnected)', () => {
      const { table, connect } = room();
      const oldTab = connect(ANA);
      const newTab = connect(ANA);
      oldTab.filter([entry(7, presence(ANA))]);
      expect(newTab.filter([entry(7, presence(ANA), 2)]).refused).toBe(0);
      expect(newTab.owned.has(7)).toBe(true);
      // The old socket closing later removes nothing the new one holds.
      expect(oldTab.release()).toEqual([]);
      expect(table.get(7)?.userId).toBe(ANA);
      expect(newTab.release()).toEqual([7]);
      expect(table.size).toBe(0);
    });

    it('AWARE-1 with auth off (no identity) connections never take each other’s clientIDs', () => {
      const { connect } = room();
      const first = connect(null);
      const second = connect(null);
      expect(first.filter([entry(5, { user: { id: 'anyone' } })]).refused).toBe(0);
      expect(second.filter([entry(5, { user: { id: 'else' } }, 2)]).refused).toBe(1);
    });

    it('AWARE-1 release forgets the connection’s clientIDs and names those to remove from the room', () => {
      const { table, connect } = room();
      const ana = connect(ANA);
      ana.filter([entry(1, presence(ANA)), entry(2, presence(ANA))]);
      expect(ana.release().sort()).toEqual([1, 2]);
      expect(table.size).toBe(0);
      expect(ana.owned.size).toBe(0);
    });
  });

  it('AWARE-2 holds at most 8 clientIDs per connection', () => {
    const { connect } = room();
    const ana = connect(ANA);
    const many = Array.from({ length: MAX_AWARENESS_STATES_PER_CONNECTION + 2 }, (_, i) =>
      entry(1000 + i, presence(ANA)),
    );
    const first = ana.filter(many);
    expect(MAX_AWARENESS_STATES_PER_CONNECTION).toBe(8);
    expect(ids(first.allowed)).toEqual(ids(many.slice(0, 8)));
    expect(first.refused).toBe(2);
    // At the limit, its own clientIDs still update; a removal makes room for another.
    expect(ana.filter([entry(1000, presence(ANA, 'Ana B.'), 2)]).refused).toBe(0);
    expect(ana.filter([entry(2000, presence(ANA))]).refused).toBe(1);
    expect(ana.filter([entry(1000, null, 3)]).refused).toBe(0);
    expect(ana.filter([entry(2000, presence(ANA))]).refused).toBe(0);
    expect(ana.owned.size).toBe(8);
    // The limit is per connection: the same member's other tab has its own.
    expect(connect(ANA).filter([entry(3000, presence(ANA))]).refused).toBe(0);
  });

  it('AWARE-3 a state naming a user names the connection’s own', () => {
    const { table, connect } = room();
    const ana = connect(ANA);
    const { allowed, refused } = ana.filter([
      entry(1, presence(ANA)),
      entry(2, presence(BEN)), // impersonation
      entry(3, { cursor: { anchor: 4 } }), // names nobody
      entry(4, { user: { name: 'Ana', color: '#fff' } }), // a user without an id
      entry(5, { user: 'benuser1' }), // a user that is not an object
      entry(6, { user: { id: 42 } }),
      entry(7, { user: null }),
    ]);
    expect(ids(allowed)).toEqual([1, 3, 4, 7]);
    expect(refused).toBe(3);
    expect(table.has(2)).toBe(false);
    // Refused entries do not claim their clientID.
    expect(connect(BEN).filter([entry(2, presence(BEN))]).refused).toBe(0);
  });

  it('AWARE-3 NAME-4 a state giving a name gives the member’s registered one', () => {
    const table: AwarenessOwners = new Map();
    const ana = createAwarenessGuard(table, ANA, {}, 'Ana');
    const { allowed, refused } = ana.filter([
      entry(1, presence(ANA, 'Ana')),
      entry(2, presence(ANA, 'Ben')), // her own id, another's name on her caret
      entry(3, { user: { name: 'Ben', color: '#fff' } }), // another's name without an id
      entry(4, { user: { id: ANA, color: '#fff' } }), // no name: nothing to check
    ]);
    expect(ids(allowed)).toEqual([1, 4]);
    expect(refused).toBe(2);
    // An unnamed member (a space created without a name) gives no name until they take one.
    const unnamed = createAwarenessGuard(table, BEN, {}, '');
    expect(unnamed.filter([entry(9, presence(BEN, 'Ana'))]).refused).toBe(1);
    expect(unnamed.filter([entry(9, presence(BEN, ''))]).refused).toBe(0);
  });

  it('AWARE-4 observers show presence under the same rules; the rest of a message stands', () => {
    const { table, connect } = room();
    const ana = connect(ANA);
    ana.filter([entry(1, presence(ANA))]);
    const observer = connect(OBSERVER);
    const { allowed, refused } = observer.filter([
      entry(10, presence(OBSERVER)),
      entry(1, null, 2), // Ana's
      entry(11, presence(ANA)), // naming Ana
      entry(12, { cursor: null }),
    ]);
    expect(ids(allowed)).toEqual([10, 12]);
    expect(refused).toBe(2);
    expect(table.get(1)?.userId).toBe(ANA);
    expect(table.get(10)?.userId).toBe(OBSERVER);
  });
});
