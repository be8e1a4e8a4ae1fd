import { applyChanges, assignmentsOf, governanceLog, newId, readAssignment } from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import {
  consequencesHarness,
  rerunAfterRestart,
  spaceDoc,
  spaceWritesFailing,
  storedEntry,
} from '../test/consequencesFixture.ts';
import { elect, seedElection, TERM_END, toElectionOutcome } from '../test/electionFixture.ts';
import {
  ANA,
  BEN,
  FAC1,
  meetingDriver,
  seedMeeting,
  timesWritten,
  withDoc,
} from '../test/meetingFixture.ts';
import { createMemoryStorage } from './memoryStorage.ts';

describe('election consequences', () => {
  const { start } = consequencesHarness();

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
    const disk = spaceWritesFailing();
    const first = start(disk.storage);
    const m = await seedMeeting(first.registry);
    const e = await seedElection(first.registry, m);
    const driver = meetingDriver(first.registry, m);
    await toElectionOutcome(driver, e);
    await first.consequences.afterAppend(m.room);
    const outcome = await elect(driver);
    const doc = await rerunAfterRestart({ start, disk, first, meeting: m, outcomeId: outcome.id });
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
