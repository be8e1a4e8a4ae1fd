import { parseDecisionEntry, proposalTitle, type DecisionEntry } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMemoryStorage } from './memoryStorage.ts';
import { createVersions, MAX_VERSION_BYTES, MAX_VERSIONS, storedCopy } from './versions.ts';
import { fileMeetingVersion, withTextAuthors } from './versionsConsequences.ts';

const ROOM = 'sp1abcd/proposal/pr1abcd';

function setup() {
  const storage = createMemoryStorage();
  let clock = 1000;
  const versions = createVersions(storage, () => clock++);
  const doc = new Y.Doc();
  doc.clientID = 11;
  return { storage, versions, doc };
}

const step = (stepId: string | null, amending: boolean) => ({
  proposalId: 'pr1abcd',
  meetingId: 'mt1abcd',
  itemId: 'it1abcd',
  stepId,
  amending,
});

describe('versions', () => {
  it('VERS-2 a meeting files the text as taken up once, then after each step that changed it', async () => {
    const { versions, doc } = setup();
    proposalTitle(doc).insert(0, 'Racks');
    await fileMeetingVersion(versions, ROOM, doc, step('st1', false));
    await fileMeetingVersion(versions, ROOM, doc, step('st1', false));
    expect((await versions.list(ROOM)).map((v) => v.id)).toEqual(['taken-up-it1abcd']);
    // Amending: edits are not filed while the step lasts.
    await fileMeetingVersion(versions, ROOM, doc, step('st2', true));
    proposalTitle(doc).insert(5, ' now');
    await fileMeetingVersion(versions, ROOM, doc, step('st2', true));
    expect(await versions.list(ROOM)).toHaveLength(1);
    // The next step begins with a changed text: one `amended`, however many runs.
    await fileMeetingVersion(versions, ROOM, doc, step('st3', false));
    await fileMeetingVersion(versions, ROOM, doc, step('st3', false));
    // A later step with the same text files nothing; a format change is no change.
    proposalTitle(doc).format(0, 2, { bold: true });
    await fileMeetingVersion(versions, ROOM, doc, step('st4', false));
    const listed = await versions.list(ROOM);
    expect(listed.map((v) => [v.id, v.kind, v.by, v.meetingId])).toEqual([
      ['taken-up-it1abcd', 'taken-up', '@server', 'mt1abcd'],
      ['amended-st3', 'amended', '@server', 'mt1abcd'],
    ]);
  });

  it('VERS-3 at most MAX_VERSIONS per proposal, none larger than MAX_VERSION_BYTES', async () => {
    const { versions, doc } = setup();
    proposalTitle(doc).insert(0, 'x');
    const input = (i: number) => ({
      id: `named-${i}`,
      kind: 'named' as const,
      name: `v${i}`,
      by: 'u1abcd',
      meetingId: null,
    });
    for (let i = 0; i < MAX_VERSIONS; i++) {
      expect(await versions.file(ROOM, doc, input(i))).toMatchObject({ id: `named-${i}` });
    }
    expect(await versions.file(ROOM, doc, input(MAX_VERSIONS))).toBe('too-many');
    expect(await versions.file(ROOM, doc, input(0))).toBeNull();
    const big = new Y.Doc();
    proposalTitle(big).insert(0, 'y'.repeat(MAX_VERSION_BYTES));
    expect(await versions.file('sp1abcd/proposal/big', big, input(1))).toBe('too-large');
    expect(await versions.list('sp1abcd/proposal/big')).toEqual([]);
  });

  it('VERS-5 an adopted entry names its text authors from the bindings and files the adopted version once', async () => {
    const { storage, versions, doc } = setup();
    await storage.bindClients(ROOM, 'u1abcd', [11]);
    proposalTitle(doc).insert(0, 'Ada’s');
    const bea = new Y.Doc();
    bea.clientID = 22;
    Y.applyUpdate(bea, Y.encodeStateAsUpdate(doc));
    proposalTitle(bea).insert(5, ' and Bea’s');
    await storage.bindClients(ROOM, 'u2abcd', [22]);
    const unbound = new Y.Doc();
    unbound.clientID = 33;
    Y.applyUpdate(unbound, Y.encodeStateAsUpdate(bea));
    proposalTitle(unbound).insert(0, '!');
    const entry = { id: 'ev1abcd', outcome: 'adopted', proposalId: 'pr1abcd' } as DecisionEntry;
    const input = { entry, proposalDoc: unbound, meetingId: 'mt1abcd' };
    const withAuthors = await withTextAuthors(versions, ROOM, input);
    expect(withAuthors.authors).toEqual([
      { id: 'u2abcd', chars: 10 },
      { id: 'u1abcd', chars: 5 },
      { id: '', chars: 1 },
    ]);
    await withTextAuthors(versions, ROOM, input);
    expect((await versions.list(ROOM)).map((v) => [v.id, v.kind])).toEqual([
      ['adopted-ev1abcd', 'adopted'],
    ]);
    // A rejection names its authors too, and files no version.
    await withTextAuthors(versions, ROOM, {
      ...input,
      entry: { ...entry, id: 'ev2', outcome: 'rejected' },
    });
    expect(await versions.list(ROOM)).toHaveLength(1);
    // The entry keeps them through a round trip (HIST-6).
    const raw = JSON.parse(JSON.stringify({ ...withAuthors, title: 'T', decidedAt: 1 })) as unknown;
    expect(parseDecisionEntry(raw)?.authors).toEqual(withAuthors.authors);
  });
});

describe('storedCopy', () => {
  it('VERS-7 copies the document only once no applied change is still being stored, and rejects when that store fails', async () => {
    const doc = new Y.Doc();
    proposalTitle(doc).insert(0, 'Stored');
    // A batch applied to the server's copy, its commit still in flight.
    proposalTitle(doc).insert(6, ' and pending');
    let commit: () => void = () => {};
    let pending: Promise<void> | null = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const settled = () => pending;
    let copied: Y.Doc | null = null;
    const copying = storedCopy({ doc, settled }).then((copy) => {
      copied = copy;
    });
    await Promise.resolve();
    expect(copied).toBeNull();
    pending = null;
    commit();
    await copying;
    expect(copied).not.toBeNull();
    expect(proposalTitle(copied as unknown as Y.Doc).toString()).toBe('Stored and pending');

    const failing = Promise.reject(new Error('disk full'));
    await expect(storedCopy({ doc, settled: () => failing })).rejects.toThrow('disk full');
  });
});
