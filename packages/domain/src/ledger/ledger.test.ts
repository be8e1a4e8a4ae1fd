import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseDecisionEntry, type DecisionEntry } from '../decisions/decisionEntry.ts';
import { recordDecision } from '../decisions/decisionLog.ts';
import { recordParticipation, type ParticipationEntry } from '../decisions/participation.ts';
import { addProposalSummary, initSpace } from '../space.ts';
import { linkTensionToProposal, logTension } from '../tensions/tensions.ts';
import { deriveLedger } from './deriveLedger.ts';
import type { LedgerInput } from './ledger.ts';
import { ledgerInputOf } from './ledgerInput.ts';
import { ledgerTotals } from './ledgerTotals.ts';

function decision(fields: Record<string, unknown>): DecisionEntry {
  const entry = parseDecisionEntry({
    id: 'dec00001',
    outcome: 'adopted',
    decidedAt: 5000,
    title: 'Bike racks',
    proposalId: 'prop0001',
    objections: [],
    ...fields,
  });
  if (entry === null) throw new Error('bad entry');
  return entry;
}

const meeting: ParticipationEntry = {
  meetingId: 'meet0001',
  title: 'Weekly',
  circleId: 'circle01',
  startedAt: 1000,
  endedAt: 4000,
  people: [
    { id: 'ana00001', name: 'Ana', spokenMs: 90_000, turnsSpoken: 3, turnsPassed: 0 },
    { id: 'ben00001', name: 'Ben', spokenMs: 0, turnsSpoken: 0, turnsPassed: 2 },
  ],
};

function input(overrides: Partial<LedgerInput> = {}): LedgerInput {
  return {
    decisions: [],
    participation: [],
    tensions: [],
    roles: [],
    proposalTitles: { prop0001: 'Bike racks' },
    written: [],
    recordsChanged: {},
    now: 10_000,
    ...overrides,
  };
}

describe('ledger', () => {
  it('LEDGER-1 text written per proposal and the surviving share of an adopted text, from attested data only', () => {
    const adopted = decision({
      authors: [
        { id: 'ana00001', chars: 30 },
        { id: 'ben00001', chars: 10 },
        { id: '@server', chars: 5 },
        { id: '', chars: 2 },
      ],
    });
    const rejected = decision({
      id: 'dec00002',
      outcome: 'rejected',
      authors: [{ id: 'ana00001', chars: 9 }],
    });
    const lines = deriveLedger(
      input({
        decisions: [adopted, rejected],
        written: [
          { proposalId: 'prop0001', member: 'ana00001', inserted: 50, deleted: 20 },
          { proposalId: 'prop0001', member: 'cai00001', inserted: 0, deleted: 0 },
        ],
      }),
    );
    expect(lines.map((l) => [l.kind, l.person, l.amount, l.source.type, l.source.id])).toEqual([
      ['text-adopted', 'ana00001', 30, 'decision', 'dec00001'],
      ['text-adopted', 'ben00001', 10, 'decision', 'dec00001'],
      ['text-written', 'ana00001', 50, 'proposal', 'prop0001'],
    ]);
    expect(lines[0]?.detail).toMatchObject({ total: 47, proposalId: 'prop0001' });
    expect(lines[2]?.source.title).toBe('Bike racks');
  });

  it('LEDGER-2 a tension credits who raised it, with its chain: proposal, latest decision, records changed', () => {
    const doc = new Y.Doc();
    initSpace(doc, { id: 'space001', name: 'S', circleName: 'C', now: 1 });
    addProposalSummary(doc, {
      id: 'prop0001',
      title: 'Bike racks',
      status: 'draft',
      circleId: 'circle01',
      createdAt: 1,
      updatedAt: 1,
    });
    logTension(doc, {
      id: 'tens0001',
      by: 'cai00001',
      byName: 'Cai',
      what: 'No racks',
      couldBe: '',
      now: 100,
    });
    logTension(doc, { id: 'tens0002', by: 'ana00001', what: 'Noise', couldBe: '', now: 200 });
    linkTensionToProposal(doc, 'tens0001', 'prop0001');
    recordDecision(doc, decision({ id: 'dec00001', outcome: 'deferred', decidedAt: 3000 }));
    recordDecision(doc, decision({ id: 'dec00002', decidedAt: 6000 }));
    const lines = deriveLedger(ledgerInputOf(doc, [], 10_000)).filter(
      (l) => l.kind === 'tension-raised',
    );
    expect(lines.map((l) => [l.person, l.source.id, l.detail])).toEqual([
      [
        'ana00001',
        'tens0002',
        {
          name: '',
          status: 'open',
          proposalId: null,
          proposalTitle: null,
          decisionId: null,
          outcome: null,
          recordsChanged: 0,
        },
      ],
      [
        'cai00001',
        'tens0001',
        {
          name: 'Cai',
          status: 'proposal',
          proposalId: 'prop0001',
          proposalTitle: 'Bike racks',
          decisionId: 'dec00002',
          outcome: 'adopted',
          recordsChanged: 0,
        },
      ],
    ]);
  });

  it('LEDGER-3 an objection integrated by an amendment (confirmed or not) credits its objector once per decision; other resolutions do not', () => {
    const objection = (id: string, objector: string, resolution: string) => ({
      id,
      objector,
      round: 1,
      reason: 'r',
      resolution,
      amendments: [],
      confirmations: [],
    });
    const lines = deriveLedger(
      input({
        decisions: [
          decision({
            objections: [
              objection('o1', 'ben00001', 'integrated'),
              objection('o2', 'ben00001', 'integrated'),
              objection('o3', 'cai00001', 'ruled-invalid'),
              objection('o4', 'dan00001', 'confirmed'),
              objection('o5', 'eve00001', 'open'),
            ],
          }),
        ],
      }),
    );
    expect(lines.map((l) => [l.kind, l.person])).toEqual([
      ['objection-integrated', 'ben00001'],
      ['objection-integrated', 'dan00001'],
    ]);
  });

  it('LEDGER-4 meetings attended with time spoken, roles filled for how long (a held role up to now)', () => {
    const lines = deriveLedger(
      input({
        participation: [meeting],
        roles: [
          {
            assignmentId: 'as1',
            roleId: 'role0001',
            roleName: 'Secretary',
            personId: 'ana00001',
            from: 2000,
            until: null,
            endedBy: null,
          },
          {
            assignmentId: 'as2',
            roleId: 'role0002',
            roleName: 'Lead',
            personId: 'ben00001',
            from: 1000,
            until: 1500,
            endedBy: 'dec00009',
          },
        ],
      }),
    );
    expect(lines.map((l) => [l.kind, l.person, l.amount, l.at])).toEqual([
      ['meeting-attended', 'ana00001', 90_000, 4000],
      ['meeting-attended', 'ben00001', 0, 4000],
      ['role-filled', 'ana00001', 8000, 2000],
      ['role-filled', 'ben00001', 500, 1000],
    ]);
    expect(lines[1]?.detail).toMatchObject({ turnsPassed: 2 });
    expect(lines[3]?.detail).toMatchObject({ until: 1500, endedBy: 'dec00009' });
  });

  it('LEDGER-5 totals per person, people in code-unit order', () => {
    const lines = deriveLedger(
      input({
        participation: [meeting],
        decisions: [decision({ authors: [{ id: 'ben00001', chars: 12 }] })],
        written: [{ proposalId: 'prop0001', member: 'ben00001', inserted: 20, deleted: 3 }],
      }),
    );
    expect(ledgerTotals(lines)).toEqual([
      {
        person: 'ana00001',
        charsWritten: 0,
        charsAdopted: 0,
        tensionsRaised: 0,
        objectionsIntegrated: 0,
        meetingsAttended: 1,
        spokenMs: 90_000,
        rolesFilled: 0,
        roleMs: 0,
      },
      {
        person: 'ben00001',
        charsWritten: 20,
        charsAdopted: 12,
        tensionsRaised: 0,
        objectionsIntegrated: 0,
        meetingsAttended: 1,
        spokenMs: 0,
        rolesFilled: 0,
        roleMs: 0,
      },
    ]);
  });

  it('LEDGER-2 participation filed in the space document reads back into the ledger', () => {
    const doc = new Y.Doc();
    recordParticipation(doc, meeting);
    const lines = deriveLedger(ledgerInputOf(doc, [], 10_000));
    expect(lines.map((l) => [l.kind, l.person])).toEqual([
      ['meeting-attended', 'ana00001'],
      ['meeting-attended', 'ben00001'],
    ]);
  });
});
