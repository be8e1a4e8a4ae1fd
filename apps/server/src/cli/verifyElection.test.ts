import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elect, seedElection, toElectionOutcome } from '../../test/electionFixture.ts';
import { ANA, createSigners, meetingDriver, seedMeeting } from '../../test/meetingFixture.ts';
import { createConsequences } from '../consequences.ts';
import { createDocumentRegistry, type DocumentRegistry } from '../documents.ts';
import { decisionExport, type DecisionExport } from '../exportApi.ts';
import { memoryLogger } from '../log.ts';
import { createMemoryStorage } from '../memoryStorage.ts';
import { verifyDecisionExport } from './verifyDecision.ts';

type Entry = Record<string, unknown> & { election: Record<string, unknown> };

describe('verify-decision of an election', () => {
  const signers = createSigners();
  let registry: DocumentRegistry;
  let valid: DecisionExport;
  const copy = () => JSON.parse(JSON.stringify(valid)) as DecisionExport & { decision: Entry };

  beforeAll(async () => {
    const storage = createMemoryStorage();
    const log = memoryLogger('debug');
    registry = createDocumentRegistry({
      storage,
      log,
      unloadGraceMs: 60_000,
      compactAfterUpdates: 1000,
      compactAfterBytes: 1 << 24,
    });
    const meeting = await seedMeeting(registry);
    const election = await seedElection(registry, meeting);
    const driver = meetingDriver(registry, meeting, signers);
    await toElectionOutcome(driver, election);
    const outcome = await elect(driver);
    await createConsequences({ registry, storage, log }).afterAppend(meeting.room);
    const access = { getMember: async () => null, listDeviceKeys: async () => signers.keys };
    valid = await decisionExport({ registry, access }, meeting.spaceId, outcome.id);
  });

  afterAll(async () => {
    await registry.close();
  });

  it('ELECTSRV-4 an election’s export verifies: person, role, term and nominations refolded', () => {
    const report = verifyDecisionExport(valid);
    expect(report.failures).toEqual([]);
    expect(report.passed.join('\n')).toContain('the election (person, role, term, nominations)');
  });

  it('ELECTSRV-4 an entry naming another person, term or nomination fails', () => {
    const person = copy();
    person.decision.election.personId = ANA;
    expect(verifyDecisionExport(person).failures).toEqual([
      "the entry's election.personId differs from the election refolded from the signed events",
    ]);
    const term = copy();
    term.decision.election.termEnd = '2040-01-01';
    expect(verifyDecisionExport(term).failures.join('\n')).toContain('election.termEnd');
    const nominations = copy();
    (nominations.decision.election.nominations as unknown[]).pop();
    expect(verifyDecisionExport(nominations).failures.join('\n')).toContain('election.nominations');
    const dropped = copy();
    delete (dropped.decision as Record<string, unknown>).election;
    expect(verifyDecisionExport(dropped).failures.join('\n')).toContain("entry's election");
  });
});
