import {
  applyChanges,
  assignmentsOf,
  governanceLog,
  newId,
  readAssignment,
  spaceDecisions,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { elect, seedElection, TERM_END, toElectionOutcome } from '../test/electionFixture.ts';
import {
  ANA,
  BEN,
  FAC1,
  meetingDriver,
  seedMeeting,
  timesWritten,
  withDoc,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import { createConsequences, type Consequences } from './consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import type { EntryWithGovernance } from './governanceConsequences.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import type { Storage } from './storage.ts';

interface Started {
  readonly registry: DocumentRegistry;
  readonly consequences: Consequences;
}

describe('election consequences', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function start(storage: Storage): Started {
    const log = memoryLogger('debug');
    const registry = createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 60_000,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 24,
    });
    const consequences = createConsequences({ registry, storage, log, now: () => 42 });
    cleanups.push(async () => {
      await consequences.close();
      await registry.close();
    });
    return { registry, consequences };
  }

  const spaceDoc = (s: Started, m: SeededMeeting) =>
    withDoc(s.registry, m.spaceRoom, ({ doc }) => doc);
  const storedEntry = (doc: Y.Doc, id: string) =>
    spaceDecisions(doc).get(id) as EntryWithGovernance | undefined;

  it('ELECTSRV-1 an adopted election fills the role for the term, the decision as provenance, the previous term ended', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const e = await seedElection(s.registry, m);
    const driver = meetingDriver(s.registry, m);
    await toElectionOutcome(driver, e);
    const outcome = await elect(driver);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(readAssignment(doc, e.previousId)).toBeNull();
    expect(assignmentsOf(doc, e.roleId)).toEqual([
      expect.objectContaining({
        personId: BEN,
        focus: 'Governance',
        termEnd: TERM_END,
        createdBy: outcome.id,
        createdAt: outcome.at,
      }),
    ]);
    const entry = storedEntry(doc, outcome.id);
    expect(entry?.governance?.status).toBe('applied');
    expect(entry?.governance?.changes.map((c) => c.change.type)).toEqual([
      'person.unassign',
      'person.assign',
    ]);
    expect(entry?.election).toMatchObject({
      roleName: 'Facilitator',
      circleName: 'General',
      personId: BEN,
      termEnd: TERM_END,
      nominations: [
        { by: ANA, nominee: BEN, reason: 'Calm and fair', stage: 'revealed' },
        { by: BEN, nominee: ANA, reason: 'Knows the circle', stage: 'revealed' },
        { by: BEN, nominee: BEN, reason: 'Happy to serve', stage: 'changed' },
      ],
    });
  });

  it('ELECTSRV-1 the role is filled exactly once, also when the run is repeated after a restart', async () => {
    const logs = new Map<string, Uint8Array[]>();
    const pending = new Set<string>();
    const memory = createMemoryStorage(logs, pending);
    let failSpace = false;
    const failing: Storage = {
      ...memory,
      append: async (name, update) => {
        if (failSpace && name.includes('/space/')) throw new Error('disk gone');
        return memory.append(name, update);
      },
    };
    const first = start(failing);
    const m = await seedMeeting(first.registry);
    const e = await seedElection(first.registry, m);
    const driver = meetingDriver(first.registry, m);
    await toElectionOutcome(driver, e);
    await first.consequences.afterAppend(m.room);
    const outcome = await elect(driver);
    failSpace = true;
    await first.consequences.afterAppend(m.room); // the space write is not stored
    await first.consequences.close();
    await first.registry.close();

    const second = start(createMemoryStorage(logs, pending));
    expect(governanceLog(await spaceDoc(second, m)).has(outcome.id)).toBe(false);
    await second.consequences.resumePending();
    await second.consequences.afterAppend(m.room);
    await second.consequences.afterAppend(m.room);
    const doc = await spaceDoc(second, m);
    expect(timesWritten(governanceLog(doc), outcome.id)).toBe(1);
    expect(assignmentsOf(doc, e.roleId).map((a) => a.personId)).toEqual([BEN]);
    expect(storedEntry(doc, outcome.id)?.governance?.status).toBe('applied');
  });

  it('ELECTSRV-2 a role removed before the outcome is a conflict: recorded, nobody assigned', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const e = await seedElection(s.registry, m);
    const driver = meetingDriver(s.registry, m);
    await toElectionOutcome(driver, e);
    await withDoc(s.registry, m.spaceRoom, (space) =>
      space.write((doc) => {
        const base = { by: FAC1, at: 3 };
        const role = { kind: 'role' as const, id: e.roleId };
        const version = readAssignment(doc, e.previousId)!.version;
        applyChanges(
          doc,
          [
            { ...base, id: newId(), type: 'person.unassign', assignmentId: e.previousId, version },
            { ...base, id: newId(), type: 'record.remove', record: role, version: 'decseed1' },
          ],
          { decisionId: 'decother', proposalId: null, at: 3 },
        );
      }),
    );
    const outcome = await elect(driver);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(assignmentsOf(doc, e.roleId)).toEqual([]);
    const entry = storedEntry(doc, outcome.id);
    expect(entry?.outcome).toBe('adopted');
    expect(entry?.governance?.status).toBe('conflict');
    expect(entry?.governance?.conflicts).toEqual([
      expect.objectContaining({ reason: 'missing', record: { kind: 'role', id: e.roleId } }),
    ]);
  });

  it('ELECTSRV-5 ELECT-10 an election of a role that is not elected fills nothing: a not-elected conflict', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    // A member wrote the election item by hand on an ordinary role: the meeting runs it.
    const e = await seedElection(s.registry, m, { elected: false });
    const driver = meetingDriver(s.registry, m);
    await toElectionOutcome(driver, e);
    const outcome = await elect(driver);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(assignmentsOf(doc, e.roleId).map((a) => a.id)).toEqual([e.previousId]);
    const entry = storedEntry(doc, outcome.id);
    expect(entry?.outcome).toBe('adopted');
    expect(entry?.governance?.status).toBe('conflict');
    expect(entry?.governance?.conflicts).toEqual([
      expect.objectContaining({ reason: 'not-elected', record: { kind: 'role', id: e.roleId } }),
    ]);
    expect(governanceLog(doc).has(outcome.id)).toBe(true);
    // Made elected afterwards, the decision is not judged again.
    await withDoc(s.registry, m.spaceRoom, (space) =>
      space.write((d) => {
        const role = { kind: 'role' as const, id: e.roleId };
        const amend = { id: newId(), by: FAC1, at: 5, type: 'record.amend' as const, record: role };
        const change = {
          ...amend,
          field: 'elected',
          version: 'decseed1',
          before: false,
          after: true,
        };
        expect(
          applyChanges(d, [change], { decisionId: 'decother', proposalId: null, at: 5 }).type,
        ).toBe('applied');
      }),
    );
    await s.consequences.afterAppend(m.room);
    expect(assignmentsOf(doc, e.roleId).map((a) => a.id)).toEqual([e.previousId]);
  });
});
