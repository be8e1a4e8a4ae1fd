import {
  addChange,
  applyChanges,
  draftAmend,
  governanceLog,
  newId,
  policiesOf,
  readPolicy,
  readRole,
  recordHistory,
  recordOutcome,
  rolesOf,
  type GovernanceChange,
} from '@ronde/domain';
import { describe, expect, it } from 'vitest';
import {
  consequencesHarness,
  rerunAfterRestart,
  spaceDoc,
  spaceWritesFailing,
  storedEntry,
  type StartedConsequences,
} from '../test/consequencesFixture.ts';
import {
  adopt,
  FAC1,
  meetingDriver,
  seedMeeting,
  timesWritten,
  toOutcomeStep,
  withDoc,
  type SeededMeeting,
} from '../test/meetingFixture.ts';
import { createMemoryStorage } from './memoryStorage.ts';

describe('governance consequences', () => {
  const { start } = consequencesHarness();

  /** A policy the space already has, written by an earlier decision `dec-seed`. */
  async function seedPolicy(s: StartedConsequences, m: SeededMeeting): Promise<string> {
    const policyId = newId();
    await withDoc(s.registry, m.spaceRoom, (space) =>
      space.write((doc) => {
        const change: GovernanceChange = {
          type: 'policy.add',
          id: newId(),
          by: FAC1,
          at: 1,
          policyId,
          circleId: m.circleId,
          title: 'Budget',
          text: 'Spend up to 100',
        };
        applyChanges(doc, [change], { decisionId: 'decseed1', proposalId: null, at: 2 });
      }),
    );
    return policyId;
  }

  /** The proposal adds a role and amends the policy's text, written against the space as it is. */
  async function writeChanges(s: StartedConsequences, m: SeededMeeting, policyId: string) {
    const space = await spaceDoc(s, m);
    const roleId = newId();
    const amend = draftAmend(space, { kind: 'policy', id: policyId }, 'text', 'Spend up to 500', {
      id: newId(),
      by: FAC1,
      at: 20,
    });
    await withDoc(s.registry, m.proposalRoom, (proposal) =>
      proposal.write((doc) => {
        addChange(doc, {
          type: 'role.add',
          id: newId(),
          by: FAC1,
          at: 10,
          roleId,
          circleId: m.circleId,
          name: 'Treasurer',
          purpose: 'Money in order',
          elected: false,
        });
        addChange(doc, amend!);
      }),
    );
    return { roleId };
  }

  it('GOVSRV-1 an adoption applies the proposal’s changes as one unit, with the decision as provenance', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const policyId = await seedPolicy(s, m);
    const { roleId } = await writeChanges(s, m, policyId);
    const driver = meetingDriver(s.registry, m);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(rolesOf(doc, m.circleId).map((r) => r.name)).toEqual(['Treasurer']);
    expect(readRole(doc, roleId)).toMatchObject({ createdBy: outcome.id, createdAt: outcome.at });
    expect(readPolicy(doc, policyId)).toMatchObject({
      text: 'Spend up to 500',
      versions: { text: outcome.id },
    });
    expect(recordHistory(doc, policyId).map((h) => h.decisionId)).toEqual(['decseed1', outcome.id]);
  });

  it('GOVSRV-2 the changes are applied once, also when the run is repeated after a restart', async () => {
    const disk = spaceWritesFailing();
    const first = start(disk.storage);
    const m = await seedMeeting(first.registry);
    const policyId = await seedPolicy(first, m);
    await writeChanges(first, m, policyId);
    const driver = meetingDriver(first.registry, m);
    await toOutcomeStep(driver);
    await first.consequences.afterAppend(m.room);
    const outcome = await adopt(driver);
    const doc = await rerunAfterRestart({ start, disk, first, meeting: m, outcomeId: outcome.id });
    expect(timesWritten(governanceLog(doc), outcome.id)).toBe(1);
    expect(rolesOf(doc, m.circleId)).toHaveLength(1);
    expect(recordHistory(doc, policyId).map((h) => h.decisionId)).toEqual(['decseed1', outcome.id]);
    expect(storedEntry(doc, outcome.id)?.governance?.status).toBe('applied');
  });

  it('GOVSRV-3 the decision entry lists the changes applied, field by field', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const policyId = await seedPolicy(s, m);
    await writeChanges(s, m, policyId);
    const driver = meetingDriver(s.registry, m);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await s.consequences.afterAppend(m.room);

    const entry = storedEntry(await spaceDoc(s, m), outcome.id);
    expect(entry?.outcome).toBe('adopted');
    expect(entry?.governance?.status).toBe('applied');
    expect(entry?.governance?.conflicts).toEqual([]);
    expect(entry?.governance?.changes.map((c) => c.change.type)).toEqual([
      'role.add',
      'record.amend',
    ]);
    expect(entry?.governance?.changes[1]?.fields).toEqual([
      { field: 'text', entryId: null, before: 'Spend up to 100', after: 'Spend up to 500' },
    ]);
  });

  it('GOVSRV-4 a field changed since the proposal was written is a conflict: recorded, nothing overwritten', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const policyId = await seedPolicy(s, m);
    await writeChanges(s, m, policyId);
    // Another decision changes the same field after the proposal was written.
    await withDoc(s.registry, m.spaceRoom, (space) =>
      space.write((doc) => {
        const other = draftAmend(doc, { kind: 'policy', id: policyId }, 'text', 'Spend nothing', {
          id: newId(),
          by: FAC1,
          at: 30,
        });
        applyChanges(doc, [other!], { decisionId: 'decother', proposalId: null, at: 3 });
      }),
    );
    const driver = meetingDriver(s.registry, m);
    await toOutcomeStep(driver);
    const outcome = await adopt(driver);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(readPolicy(doc, policyId)?.text).toBe('Spend nothing');
    expect(rolesOf(doc, m.circleId)).toEqual([]); // all or none
    const entry = storedEntry(doc, outcome.id);
    expect(entry?.governance?.status).toBe('conflict');
    expect(entry?.governance?.changes).toEqual([]);
    expect(entry?.governance?.conflicts).toEqual([
      expect.objectContaining({
        reason: 'stale',
        field: 'text',
        expected: 'decseed1',
        actual: 'decother',
        current: 'Spend nothing',
      }),
    ]);
  });

  it('GOVSRV-5 an outcome other than adopted changes no record', async () => {
    const s = start(createMemoryStorage());
    const m = await seedMeeting(s.registry);
    const policyId = await seedPolicy(s, m);
    await writeChanges(s, m, policyId);
    const driver = meetingDriver(s.registry, m);
    await toOutcomeStep(driver);
    const outcome = await driver.act(recordOutcome, FAC1, 'rejected', null);
    await s.consequences.afterAppend(m.room);

    const doc = await spaceDoc(s, m);
    expect(storedEntry(doc, outcome.id)?.outcome).toBe('rejected');
    expect(storedEntry(doc, outcome.id)?.governance).toBeUndefined();
    expect(governanceLog(doc).has(outcome.id)).toBe(false);
    expect(policiesOf(doc, m.circleId).map((p) => p.text)).toEqual(['Spend up to 100']);
  });
});
