import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { locateUpdate, type LocatedWrite } from './locateUpdate.ts';

/**
 * A server doc (written by another replica, so its items are not the
 * client's), and a client that has synced it; `edit` returns the client's
 * change as the update it would send.
 */
function setup(build?: (doc: Y.Doc) => void): {
  server: Y.Doc;
  client: Y.Doc;
  edit: (change: (doc: Y.Doc) => void) => Uint8Array;
} {
  const server = new Y.Doc();
  if (build) {
    const author = new Y.Doc();
    build(author);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
  }
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return {
    server,
    client,
    edit(change) {
      const before = Y.encodeStateVector(client);
      change(client);
      return Y.encodeStateAsUpdate(client, before);
    },
  };
}

/** `op root/key/…`, `∅` for a sequence position. */
const describeWrite = (w: LocatedWrite): string =>
  `${w.op} ${[w.path.root, ...w.path.keys.map((k) => k ?? '∅')].join('/')}`;

/** The located writes, described; throws when the update is refused. */
function paths(update: Uint8Array, doc: Y.Doc): string[] {
  const located = locateUpdate(update, doc);
  if (!located.ok) throw new Error(located.reason);
  return located.writes.map(describeWrite);
}

const sorted = (list: string[]): string[] => [...new Set(list)].sort();

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

const people = (doc: Y.Doc): Y.Map<Y.Map<unknown>> => doc.getMap('people');
const log = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('log');

function withPeople(doc: Y.Doc): void {
  people(doc).set('ana', entry({ id: 'ana', name: 'Ana', role: 'facilitator' }));
  people(doc).set('ben', entry({ id: 'ben', name: 'Ben', role: 'participant' }));
}

function withLog(n: number) {
  return (doc: Y.Doc): void => {
    for (let i = 0; i < n; i++) log(doc).push([{ id: `ev${i}` }]);
  };
}

describe('locateUpdate', () => {
  describe('maps', () => {
    it('locates a new map entry and the fields written with it', () => {
      const { server, edit } = setup();
      const update = edit((doc) => people(doc).set('cy', entry({ id: 'cy', role: 'observer' })));
      expect(sorted(paths(update, server))).toEqual([
        'insert people/cy',
        'insert people/cy/id',
        'insert people/cy/role',
      ]);
    });

    it('locates a field written into an existing nested map', () => {
      const { server, edit } = setup(withPeople);
      const update = edit((doc) => people(doc).get('ben')?.set('nickname', 'B'));
      expect(paths(update, server)).toEqual(['insert people/ben/nickname']);
    });

    it('locates an overwrite, which arrives with origin and no parent, and the value it deletes', () => {
      const { server, edit } = setup(withPeople);
      const update = edit((doc) => people(doc).get('ben')?.set('role', 'facilitator'));
      const [item] = Y.decodeUpdate(update).structs as Y.Item[];
      // The premise of resolving by ID: the parent and key are implicit.
      expect(item?.parent).toBeNull();
      expect(item?.parentSub).toBeNull();
      expect(item?.origin).not.toBeNull();

      const located = locateUpdate(update, server);
      expect(located.ok && located.writes.map(describeWrite)).toEqual([
        'insert people/ben/role',
        'delete people/ben/role',
      ]);
      const [insert, deletion] = located.ok ? located.writes : [];
      expect((insert?.content as Y.ContentAny).arr).toEqual(['facilitator']);
      expect((deletion?.content as Y.ContentAny).arr).toEqual(['participant']);
    });

    it('locates an overwrite of a root entry, and the old entry it removes (its fields go with it)', () => {
      const { server, edit } = setup(withPeople);
      const update = edit((doc) => people(doc).set('ben', entry({ role: 'facilitator' })));
      // Yjs deletes the old entry's fields too (they are in the delete set) …
      const ds = Y.decodeUpdate(update).ds;
      const oldRole = people(server).get('ben')?._map.get('role');
      expect(oldRole && Y.isDeleted(ds, oldRole.id)).toBe(true);
      // … but the write is the entry's removal.
      expect(sorted(paths(update, server))).toEqual([
        'delete people/ben',
        'insert people/ben',
        'insert people/ben/role',
      ]);
    });

    it('leaves out an edit inside an entry the server has replaced meanwhile (Yjs drops it)', () => {
      const { server, edit } = setup(withPeople);
      const replacer = new Y.Doc();
      Y.applyUpdate(replacer, Y.encodeStateAsUpdate(server));
      people(replacer).set('ben', entry({ id: 'ben', role: 'observer' }));
      Y.applyUpdate(server, Y.encodeStateAsUpdate(replacer, Y.encodeStateVector(server)));
      const stale = edit((doc) => people(doc).get('ben')?.set('role', 'facilitator'));
      const located = locateUpdate(stale, server);
      expect(located.ok && located.writes.filter((w) => w.op === 'insert')).toEqual([]);
      Y.applyUpdate(server, stale);
      expect(people(server).get('ben')?.get('role')).toBe('observer');
    });

    it('locates the removal of an entry, and of a field', () => {
      const { server, edit } = setup(withPeople);
      const removal = edit((doc) => people(doc).delete('ana'));
      expect(paths(removal, server)).toEqual(['delete people/ana']);
      const other = setup(withPeople);
      const field = other.edit((doc) => people(doc).get('ana')?.delete('name'));
      expect(paths(field, other.server)).toEqual(['delete people/ana/name']);
    });
  });

  describe('sequences', () => {
    it('locates appends to an empty array and after existing items', () => {
      const empty = setup();
      const first = empty.edit((doc) => log(doc).push([{ id: 'a' }, { id: 'b' }]));
      expect(paths(first, empty.server)).toEqual(['insert log/∅']);

      const { server, edit } = setup(withLog(3));
      const append = edit((doc) => log(doc).push([{ id: 'x' }]));
      expect((Y.decodeUpdate(append).structs[0] as Y.Item).parent).toBeNull();
      expect(paths(append, server)).toEqual(['insert log/∅']);
    });

    it('locates inserts at the start (right origin only) and in the middle', () => {
      const start = setup(withLog(3));
      const atStart = start.edit((doc) => log(doc).insert(0, [{ id: 'x' }]));
      const item = Y.decodeUpdate(atStart).structs[0] as Y.Item;
      expect(item.origin).toBeNull();
      expect(item.rightOrigin).not.toBeNull();
      expect(paths(atStart, start.server)).toEqual(['insert log/∅']);

      const middle = setup(withLog(3));
      const inMiddle = middle.edit((doc) => log(doc).insert(1, [{ id: 'y' }]));
      expect(paths(inMiddle, middle.server)).toEqual(['insert log/∅']);
    });

    it('follows chains inside an update: a second client appending after the first', () => {
      const { server, client, edit } = setup(withLog(1));
      const second = new Y.Doc();
      Y.applyUpdate(second, Y.encodeStateAsUpdate(client));
      log(second).push([{ id: 'from-second' }]);
      const update = edit((doc) => {
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(second));
        for (let i = 0; i < 50; i++) log(doc).insert(log(doc).length - 1, [{ id: `c${i}` }]);
      });
      expect(new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client)).size).toBe(2);
      expect(sorted(paths(update, server))).toEqual(['insert log/∅']);
    });

    it('locates text edits, and a deletion of characters', () => {
      const { server, edit } = setup((doc) => doc.getText('title').insert(0, 'Four-day week'));
      const typed = edit((doc) => doc.getText('title').insert(4, ' or five'));
      expect(paths(typed, server)).toEqual(['insert title/∅']);
      const erased = setup((doc) => doc.getText('title').insert(0, 'Four-day week'));
      const cut = erased.edit((doc) => doc.getText('title').delete(0, 5));
      expect(paths(cut, erased.server)).toEqual(['delete title/∅']);
    });

    it('locates XML edits: elements, attributes, text inside an element', () => {
      const { server, edit } = setup((doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('hello')]);
        doc.getXmlFragment('body').insert(0, [paragraph]);
      });
      const typed = edit((doc) => {
        const paragraph = doc.getXmlFragment('body').get(0) as Y.XmlElement;
        (paragraph.get(0) as Y.XmlText).insert(5, ' world');
        paragraph.setAttribute('align', 'center');
      });
      // body → paragraph (∅) → its XmlText (∅) → characters (∅); attributes by name.
      expect(sorted(paths(typed, server))).toEqual(['insert body/∅/align', 'insert body/∅/∅/∅']);
      const added = edit((doc) => {
        const heading = new Y.XmlElement('heading');
        heading.insert(0, [new Y.XmlText('Title')]);
        doc.getXmlFragment('body').insert(0, [heading]);
      });
      expect(sorted(paths(added, server))).toEqual([
        'insert body/∅',
        'insert body/∅/∅',
        'insert body/∅/∅/∅',
      ]);
    });
  });

  describe('content', () => {
    it('reports only the part of a plain-JSON item the server does not have yet', () => {
      const { server, client, edit } = setup();
      Y.applyUpdate(
        server,
        edit((doc) => log(doc).push([{ id: 'known' }])),
      );
      edit((doc) => log(doc).push([{ id: 'new' }]));
      // The client merged both into one item; its full state restarts at the known one.
      const full = Y.encodeStateAsUpdate(client);
      const structs = Y.decodeUpdate(full).structs as Y.Item[];
      expect(structs).toHaveLength(1);
      expect(structs[0]?.length).toBe(2);
      const located = locateUpdate(full, server);
      expect(located.ok && located.writes).toHaveLength(1);
      const [write] = located.ok ? located.writes : [];
      expect((write?.content as Y.ContentAny).arr).toEqual([{ id: 'new' }]);
    });

    it('leaves out what the server already has (a full-state sync step 2)', () => {
      const { server, client, edit } = setup(withPeople);
      Y.applyUpdate(
        server,
        edit((doc) => people(doc).get('ben')?.set('name', 'Benoît')),
      );
      expect(locateUpdate(Y.encodeStateAsUpdate(client), server)).toEqual({ ok: true, writes: [] });
    });

    it('leaves out deleting what the server already deleted', () => {
      const { server, edit } = setup(withLog(2));
      const deletion = edit((doc) => log(doc).delete(0, 1));
      Y.applyUpdate(server, deletion);
      expect(locateUpdate(deletion, server)).toEqual({ ok: true, writes: [] });
    });
  });

  describe('refusals', () => {
    it('refuses an update that depends on items the server does not have', () => {
      const { server, edit } = setup(withLog(1));
      edit((doc) => log(doc).push([{ id: 'never-sent' }]));
      const dependent = edit((doc) => log(doc).push([{ id: 'after-it' }]));
      expect(locateUpdate(dependent, server)).toEqual({
        ok: false,
        reason: 'depends on items the server does not have',
      });
      const nested = setup(withPeople);
      nested.edit((doc) => people(doc).set('cy', entry({})));
      const field = nested.edit((doc) => people(doc).get('cy')?.set('role', 'facilitator'));
      expect(locateUpdate(field, nested.server).ok).toBe(false);
    });

    it('refuses deletions of IDs the server does not have (Yjs would keep them pending)', () => {
      const { server } = setup(withLog(2));
      const victim = new Y.Doc();
      expect(locateUpdate(predeleteUpdate(victim.clientID, 0, 10), server)).toEqual({
        ok: false,
        reason: 'deletes items the server does not have',
      });
      // Known items, but the range runs past them.
      const [author] = [...server.store.clients.keys()];
      expect(locateUpdate(predeleteUpdate(author ?? 0, 0, 5), server).ok).toBe(false);
    });

    it('refuses an update that names one client twice, in adjacent blocks or not', () => {
      const { server, edit } = setup();
      const first = edit((doc) => log(doc).push([{ id: 'a' }]));
      const second = edit((doc) => doc.getText('notes').insert(0, 'b'));
      const elsewhere = new Y.Doc();
      elsewhere.getText('notes').insert(0, 'c');
      const third = Y.encodeStateAsUpdate(elsewhere);
      // Each is `[1 client][block][0 deletions]`: splice their blocks into one update.
      for (const single of [first, second, third]) {
        expect([single[0], single.at(-1)]).toEqual([1, 0]);
      }
      const block = (single: Uint8Array): number[] => [...single.slice(1, -1)];
      const adjacent = new Uint8Array([2, ...block(first), ...block(second), 0]);
      const apart = new Uint8Array([3, ...block(first), ...block(third), ...block(second), 0]);

      // Why: Yjs keeps only the last block of a client; here it drops the first and
      // leaves the second pending, to be integrated next to whatever later takes clock 0.
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, adjacent);
      expect(log(scratch).length).toBe(0);
      expect(scratch.store.pendingStructs).not.toBeNull();

      for (const twice of [adjacent, apart]) {
        const located = locateUpdate(twice, server);
        expect(located.ok).toBe(false);
        expect(!located.ok && located.reason).toMatch(/names client \d+ twice/);
      }
      const merged = Y.mergeUpdates([first, second, third]);
      expect(locateUpdate(merged, server).ok).toBe(true);
    });

    it('refuses bytes that are not an update', () => {
      const located = locateUpdate(new Uint8Array([1, 200, 200, 200, 200, 200]), new Y.Doc());
      expect(located.ok).toBe(false);
      expect(!located.ok && located.reason).toMatch(/^unreadable update/);
    });
  });

  it('never applies the update to the doc', () => {
    const { server, edit } = setup(withPeople);
    const update = edit((doc) => {
      log(doc).push([{ id: 'x' }]);
      people(doc).get('ana')?.set('role', 'participant');
      people(doc).delete('ben');
    });
    const before = Y.encodeStateAsUpdate(server);
    expect(locateUpdate(update, server).ok).toBe(true);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    expect(log(server).length).toBe(0);
    expect(people(server).get('ana')?.get('role')).toBe('facilitator');
    expect(people(server).has('ben')).toBe(true);
  });

  it('costs little on a meeting with 5,000 log entries (figures printed)', () => {
    // Ten authors taking turns, kept in sync, so the log is 5,000 separate items.
    const server = new Y.Doc();
    const authors = Array.from({ length: 10 }, () => new Y.Doc());
    const all = [server, ...authors];
    for (const author of all) {
      author.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'relay') return;
        for (const other of all) if (other !== author) Y.applyUpdate(other, update, 'relay');
      });
    }
    for (let i = 0; i < 5000; i++)
      log(authors[i % authors.length] as Y.Doc).push([{ id: `e${i}` }]);
    expect(log(server).length).toBe(5000);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    people(client).set('me', entry({ id: 'me', name: 'Me', role: 'participant' }));
    const update = Y.encodeStateAsUpdate(client, before);
    const fullStep2 = Y.encodeStateAsUpdate(client);

    const time = (runs: number, fn: () => void): number => {
      const start = performance.now();
      for (let i = 0; i < runs; i++) fn();
      return (performance.now() - start) / runs;
    };
    const small = time(2000, () => locateUpdate(update, server));
    const step2 = time(20, () => locateUpdate(fullStep2, server));
    const scratch = time(20, () => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(copy, update);
      copy.destroy();
    });
    console.log(
      `locateUpdate on 5,000 log entries: a join ${(small * 1000).toFixed(1)} µs, ` +
        `full step 2 (${fullStep2.length} B) ${step2.toFixed(2)} ms; ` +
        `scratch-doc alternative ${scratch.toFixed(2)} ms per update`,
    );
    expect(sorted(paths(update, server))).toEqual([
      'insert people/me',
      'insert people/me/id',
      'insert people/me/name',
      'insert people/me/role',
    ]);
    expect(sorted(paths(fullStep2, server))).toEqual(sorted(paths(update, server)));
  });
});

/** An update with no structs and one delete range `[client, clock, len]`. */
function predeleteUpdate(client: number, clock: number, len: number): Uint8Array {
  const bytes: number[] = [0, 1]; // no structs; one client in the delete set
  const varUint = (n: number): void => {
    while (n > 0x7f) {
      bytes.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    bytes.push(n);
  };
  varUint(client);
  varUint(1);
  varUint(clock);
  varUint(len);
  return new Uint8Array(bytes);
}
