import {
  addAgendaItem,
  applyChanges,
  assignmentsOf,
  changeNomination,
  governanceLog,
  gotoItem,
  newId,
  nextStep,
  proposeCandidate,
  readAssignment,
  recordOutcome,
  recordPosition,
  revealNomination,
  sealNomination,
  spaceDecisions,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  ANA,
  BEN,
  FAC1,
  meetingDriver,
  seedMeeting,
  timesWritten,
  withDoc,
  type MeetingDriver,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import { createConsequences, type Consequences } from './consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from './documents.ts';
import type { EntryWithGovernance } from './governanceConsequences.ts';
import { memoryLogger } from './log.ts';
import { createMemoryStorage } from './memoryStorage.ts';
import type { Storage } from './storage.ts';

const TERM_END = '2031-06-30';

interface Started {
  readonly registry: DocumentRegistry;
  readonly consequences: Consequences;
}

interface Election {
  readonly roleId: string;
  readonly itemId: string;
  /** ana held the role before the election. */
  readonly previousId: string;
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

  /** An elected role "Facilitator" that ana fills, and an election of it on the agenda. */
  async function seedElection(s: Started, m: SeededMeeting): Promise<Election> {
    const roleId = newId();
    const previousId = newId();
    await withDoc(s.registry, m.spaceRoom, (space) =>
      space.write((doc) => {
        const base = { by: FAC1, at: 1 };
        applyChanges(
          doc,
          [
            {
              ...base,
              id: newId(),
              type: 'role.add',
              roleId,
              circleId: m.circleId,
              name: 'Facilitator',
              purpose: 'Meetings run well',
              elected: true,
            },
            {
              ...base,
              id: newId(),
              type: 'person.assign',
              assignmentId: previousId,
              roleId,
              personId: ANA,
              focus: '',
              termEnd: '2026-01-01',
            },
          ],
          { decisionId: 'decseed1', proposalId: null, at: 2 },
        );
      }),
    );
    const itemId = newId();
    await withDoc(s.registry, m.room, (meeting) =>
      meeting.write((doc) => {
        addAgendaItem(doc, {
          id: itemId,
          kind: 'election',
          title: 'Elect the facilitator',
          election: { circleId: m.circleId, roleId, termEnd: TERM_END },
          createdBy: FAC1,
          now: 2,
        });
      }),
    );
    return { roleId, itemId, previousId };
  }

  /** A sealed nomination through the driver (the secret stays in the test, as on a device). */
  async function nominate(driver: MeetingDriver, by: string, nominee: string, reason: string) {
    const salt = `salt-${by}-0123456789abcdef`;
    let sealId = '';
    await driver.act((state: MeetingState, author, at) => {
      const { event } = sealNomination(state, author, at, { nominee, reason }, salt);
      sealId = event.id;
      return event;
    }, by);
    return { sealId, secret: { nominee, reason, salt } };
  }

  /** The meeting from its start to the outcome step of the election, ben proposed and consenting. */
  async function toElectionOutcome(driver: MeetingDriver, e: Election): Promise<void> {
    await driver.act(startMeeting, FAC1);
    await driver.act(nextStep, FAC1);
    await driver.act(gotoItem, FAC1, e.itemId);
    await driver.act(nextStep, FAC1); // → nominate
    const ana = await nominate(driver, ANA, BEN, 'Calm and fair');
    const ben = await nominate(driver, BEN, ANA, 'Knows the circle');
    await driver.act(nextStep, FAC1); // reveal
    for (const [by, sealed] of [
      [ANA, ana],
      [BEN, ben],
    ] as const) {
      await driver.act(
        (_s: MeetingState, author, at) =>
          revealNomination(e.itemId, author, at, sealed.sealId, sealed.secret),
        by,
      );
    }
    await driver.act(nextStep, FAC1); // → change
    await driver.act(changeNomination, BEN, { nominee: BEN, reason: 'Happy to serve' });
    await driver.act(nextStep, FAC1); // → propose
    await driver.act(proposeCandidate, FAC1, {
      nominee: BEN,
      focus: 'Governance',
      termEnd: TERM_END,
    });
    await driver.act(nextStep, FAC1); // → objections
    await driver.act(recordPosition, ANA, { value: 'consent' });
    await driver.act(recordPosition, BEN, { value: 'consent' });
    await driver.act(nextStep, FAC1);
    const state = await driver.state();
    if (state.step?.key !== 'outcome') throw new Error(`not at the outcome: ${state.step?.key}`);
  }

  const elect = (driver: MeetingDriver): Promise<MeetingEvent> =>
    driver.act(recordOutcome, FAC1, 'adopted', TERM_END);

  it('ELECTSRV-1 an adopted election fills the role for the term, the decision as provenance, the previous term ended', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const e = await seedElection(s, m);
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
    const e = await seedElection(first, m);
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
    const e = await seedElection(s, m);
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
});
