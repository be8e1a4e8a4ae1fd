import { addAction, editAction, initSpace, logTension, setActionDone } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ownerNameRefusal, ownerNamings } from './actionOwners.ts';
import type { Authorship } from './authorship.ts';
import { locateUpdate } from './locateUpdate.ts';
import { writeGuard, WriteRefused, type SpaceReads } from './writeGuard.ts';

const ANA = 'anauser1';
const BEN = 'benuser1';
const NAMES = new Map([
  [ANA, 'Ana'],
  [BEN, 'Ben'],
  ['unnamed1', ''],
]);

function space(): Y.Doc {
  const server = new Y.Doc();
  initSpace(server, { id: 'space0001', name: 'Coop', circleName: 'General', now: 1 });
  return server;
}

/** The update `change` makes to a copy of `server`. */
function updateOf(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function namingsOf(server: Y.Doc, change: (doc: Y.Doc) => void) {
  const located = locateUpdate(updateOf(server, change), server);
  if (!located.ok) throw new Error(located.reason);
  return ownerNamings(located.writes, server);
}

const give = (id: string, ownerId: string, ownerName: string) => (doc: Y.Doc) =>
  addAction(doc, {
    id,
    kind: 'action',
    title: 'Call the bank',
    ownerId,
    ownerName,
    by: ANA,
    now: 2,
  });

describe('actions’ owners’ names (NAME-6)', () => {
  it('NAME-6 reads the owner a new action names, and nothing of an update that touches no owner', () => {
    const server = space();
    expect(namingsOf(server, give('action01', BEN, 'Ben'))).toEqual([
      { actionId: 'action01', ownerId: BEN, ownerName: 'Ben' },
    ]);
    expect(
      namingsOf(server, (doc) =>
        logTension(doc, { id: 'tension1', by: ANA, what: 'Late', couldBe: '', now: 2 }),
      ),
    ).toEqual([]);
    Y.applyUpdate(server, updateOf(server, give('action01', BEN, 'Ben')));
    expect(
      namingsOf(server, (doc) => setActionDone(doc, 'action01', { done: true, by: BEN, now: 3 })),
    ).toEqual([]);
    expect(namingsOf(server, (doc) => editAction(doc, 'action01', { title: 'Call' }))).toEqual([]);
  });

  it('NAME-6 an owner changed alone keeps the name the document holds, so the pair is judged whole', () => {
    const server = space();
    Y.applyUpdate(server, updateOf(server, give('action01', BEN, 'Ben')));
    // A stock client sets ownerId alone: the action would show Ana's task under Ben's name.
    const alone = namingsOf(server, (doc) =>
      (doc.getMap('actions').get('action01') as Y.Map<unknown>).set('ownerId', ANA),
    );
    expect(alone).toEqual([{ actionId: 'action01', ownerId: ANA, ownerName: 'Ben' }]);
    expect(ownerNameRefusal(alone, NAMES)).toBe(
      'an action names its owner Ben, whom the space knows as Ana',
    );
    const both = namingsOf(server, (doc) =>
      editAction(doc, 'action01', { ownerId: ANA, ownerName: 'Ana' }),
    );
    expect(both).toEqual([{ actionId: 'action01', ownerId: ANA, ownerName: 'Ana' }]);
    expect(ownerNameRefusal(both, NAMES)).toBeNull();
    // A name deleted reads as none.
    const deleted = namingsOf(server, (doc) =>
      (doc.getMap('actions').get('action01') as Y.Map<unknown>).delete('ownerName'),
    );
    expect(deleted).toEqual([{ actionId: 'action01', ownerId: BEN, ownerName: '' }]);
  });

  it('NAME-6 refuses a name that is not the owner’s registered one, and allows none', () => {
    const refusal = (ownerId: string, ownerName: string) =>
      ownerNameRefusal([{ actionId: 'action01', ownerId, ownerName }], NAMES);
    expect(refusal(BEN, 'Ben')).toBeNull();
    expect(refusal(BEN, '')).toBeNull();
    expect(refusal('gone0001', '')).toBeNull();
    expect(refusal(BEN, 'Benedict')).toBe(
      'an action names its owner Benedict, whom the space knows as Ben',
    );
    expect(refusal('gone0001', 'Ghost')).toBe(
      'an action names its owner Ghost, who is not a member of the space',
    );
    expect(refusal('unnamed1', 'Cy')).toBe(
      'an action names its owner Cy, who has no name in the space',
    );
  });

  it('NAME-6 the write guard of a space reads the members’ names only for an update that names an owner', async () => {
    const server = space();
    let reads = 0;
    const spaceReads: SpaceReads = {
      meeting: () => Promise.reject(new Error('not read')),
      listedAuthor: () => Promise.resolve(null),
      memberNames: () => {
        reads += 1;
        return Promise.resolve(NAMES);
      },
    };
    const guard = writeGuard(
      'space',
      { userId: ANA, role: 'member' },
      () => 5,
      undefined,
      spaceReads,
    );
    // Authorship is another rule's (WRITE-16): every client is the writer's here.
    const authors = { claim: () => Promise.resolve(null) } as Pick<
      Authorship,
      'claim'
    > as Authorship;
    const judge = async (change: (doc: Y.Doc) => void) => {
      try {
        await guard(server, updateOf(server, change), undefined, authors);
        return null;
      } catch (error) {
        if (!(error instanceof WriteRefused)) throw error;
        return `${error.rule}: ${error.reason}`;
      }
    };
    expect(
      await judge((doc) =>
        logTension(doc, { id: 'tension1', by: ANA, what: 'Late', couldBe: '', now: 2 }),
      ),
    ).toBeNull();
    expect(reads).toBe(0);
    expect(await judge(give('action01', BEN, 'Ben'))).toBeNull();
    expect(await judge(give('action02', BEN, 'Boss'))).toBe(
      'WRITE-18: an action names its owner Boss, whom the space knows as Ben (NAME-6)',
    );
    expect(reads).toBe(2);
  });
});
