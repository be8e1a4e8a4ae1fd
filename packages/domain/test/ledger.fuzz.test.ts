import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseDecisionEntry } from '../src/decisions/decisionEntry.ts';
import { recordDecision } from '../src/decisions/decisionLog.ts';
import { recordParticipation } from '../src/decisions/participation.ts';
import { applyChanges } from '../src/governance/applyChanges.ts';
import type { GovernanceChange } from '../src/governance/changes.ts';
import { readAssignment, readRole } from '../src/governance/readRecords.ts';
import { deriveLedger } from '../src/ledger/deriveLedger.ts';
import type { WrittenText } from '../src/ledger/ledger.ts';
import { ledgerInputOf } from '../src/ledger/ledgerInput.ts';
import { ledgerTotals } from '../src/ledger/ledgerTotals.ts';
import { addProposalSummary, initSpace, readSpace } from '../src/space.ts';
import { spaceTensions } from '../src/tensions/model.ts';
import { linkTensionToProposal, logTension } from '../src/tensions/tensions.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 4;
const STEPS = Number(process.env.FUZZ_STEPS ?? 150);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const PEOPLE = ['alice1', 'bobby1', 'chloe1'];
const PROPOSALS = ['prop01', 'prop02', 'prop03'];
const OUTCOMES = ['adopted', 'rejected', 'deferred'] as const;

const ASSIGNMENTS = ['asgn01', 'asgn02', 'asgn03', 'asgn04'];

/**
 * One governance decision, as the server (the one authority of a space,
 * GOV-12) applies it: the role is created, someone is assigned, an
 * assignment ends (an election's replacement), or a term is moved. Only the
 * first replica calls this.
 */
function govern(random: Prng, doc: Y.Doc, counter: { n: number }): void {
  const circleId = readSpace(doc)?.defaultCircleId ?? '';
  const decisionId = `gov${String(counter.n++).padStart(4, '0')}`;
  const base = { id: `chg${String(counter.n++).padStart(4, '0')}`, by: 'server', at: 1 };
  const assignmentId = random.pick(ASSIGNMENTS);
  const existing = readAssignment(doc, assignmentId);
  const role = readRole(doc, 'role01');
  const termEnd = random.chance(0.5)
    ? null
    : `2020-01-${String(random.int(1, 28)).padStart(2, '0')}`;
  let change: GovernanceChange;
  if (role === null) {
    change = {
      ...base,
      type: 'role.add',
      roleId: 'role01',
      circleId,
      name: 'Host',
      purpose: '',
      elected: true,
    };
  } else if (existing === null) {
    change = {
      ...base,
      type: 'person.assign',
      assignmentId,
      roleId: 'role01',
      personId: random.pick(PEOPLE),
      focus: '',
      termEnd,
    };
  } else if (random.chance(0.5)) {
    change = { ...base, type: 'person.unassign', assignmentId, version: existing.version };
  } else {
    const version = existing.versions.termEnd ?? '';
    change = {
      ...base,
      type: 'record.amend',
      record: { kind: 'assignment', id: assignmentId },
      field: 'termEnd',
      version,
      before: null,
      after: termEnd,
    };
  }
  applyChanges(doc, [change], {
    decisionId,
    proposalId: null,
    at: Date.parse('2020-01-01') + counter.n * 3_600_000,
  });
}

/**
 * One random write to the space document of the kinds the ledger reads:
 * proposals listed, tensions logged and linked, decisions and
 * participation recorded (as the server writes them; concurrent writes of
 * one key keep one whole value). A write a replica's rules refuse throws
 * and is skipped.
 */
function act(random: Prng, doc: Y.Doc, counter: { n: number }): void {
  const who = random.pick(PEOPLE);
  const proposal = random.pick(PROPOSALS);
  const at = random.int(1, 50) * 1000;
  try {
    switch (random.int(0, 4)) {
      case 0:
        addProposalSummary(doc, {
          id: proposal,
          title: `Title ${proposal}`,
          status: 'draft',
          circleId: 'circle1',
          createdAt: at,
          updatedAt: at,
        });
        break;
      case 1:
        logTension(doc, {
          id: `tens${doc.clientID}x${counter.n++}`,
          by: who,
          what: 'Something is off',
          couldBe: '',
          now: at,
        });
        break;
      case 2: {
        const keys = [...spaceTensions(doc).keys()];
        if (keys.length > 0) linkTensionToProposal(doc, random.pick(keys), proposal);
        break;
      }
      case 3: {
        const entry = parseDecisionEntry({
          id: `dec${random.int(0, 6)}`,
          outcome: random.pick(OUTCOMES),
          decidedAt: at,
          title: 'T',
          proposalId: proposal,
          authors: PEOPLE.filter(() => random.chance(0.6)).map((id) => ({
            id,
            chars: random.int(0, 40),
          })),
          objections: random.chance(0.5)
            ? [
                {
                  id: 'o1',
                  objector: who,
                  resolution: 'integrated',
                  amendments: [],
                  confirmations: [],
                },
              ]
            : [],
        });
        if (entry) recordDecision(doc, entry);
        break;
      }
      default:
        recordParticipation(doc, {
          meetingId: `meet${random.int(0, 4)}`,
          title: 'Weekly',
          circleId: 'circle1',
          startedAt: at,
          endedAt: at + 1000,
          people: PEOPLE.filter(() => random.chance(0.7)).map((id) => ({
            id,
            name: id,
            spokenMs: random.int(0, 60) * 1000,
            turnsSpoken: random.int(0, 3),
            turnsPassed: random.int(0, 2),
          })),
        });
    }
  } catch {
    // Refused by the replica's rules (not listed, already linked…): skipped, as the UI would.
  }
}

describe('ledger fuzz', () => {
  it('LEDGER-6 LEDGER-7 replicas writing decisions, participation and tensions in any order, while the authority fills and ends roles, derive the same ledger', () => {
    const written: WrittenText[] = [
      { proposalId: 'prop01', member: 'alice1', inserted: 40, deleted: 2 },
      { proposalId: 'prop02', member: 'bobby1', inserted: 7, deleted: 0 },
    ];
    for (let run = 0; run < RUNS; run++) {
      const seed = fuzzSeed();
      const random = prng(seed);
      const net = new TestNetwork(REPLICAS, random);
      const counter = { n: 0 };
      const authority = net.replicas[0]!;
      initSpace(authority, { id: 'space1', name: 'S', circleName: 'C', now: 1 });
      govern(random, authority, counter); // the role
      govern(random, authority, counter); // its first holder
      net.settle();
      for (let step = 0; step < STEPS; step++) {
        const doc = random.pick(net.replicas);
        if (doc === authority && random.chance(0.3)) govern(random, doc, counter);
        else if (random.chance(0.05)) net.disconnect(doc);
        else if (random.chance(0.1)) net.reconnect(doc);
        else if (net.isOnline(doc) || random.chance(0.5)) act(random, doc, counter);
        if (random.chance(0.6)) net.deliverOne();
      }
      net.settle();
      const ledgers = net.replicas.map((doc) => deriveLedger(ledgerInputOf(doc, written, 100_000)));
      const first = ledgers[0]!;
      for (const [index, ledger] of ledgers.entries()) {
        expect(ledger, `seed ${seed}: replica ${index} differs`).toEqual(first);
      }
      // Every line credits someone who did something the documents hold.
      const totals = ledgerTotals(first);
      expect(
        totals.every((t) => PEOPLE.includes(t.person)),
        `seed ${seed}`,
      ).toBe(true);
      expect(first.filter((l) => l.kind === 'text-written').map((l) => l.amount)).toEqual([40, 7]);
      // Every assignment the history made is credited, ended ones too.
      const assigned = new Set(
        first.filter((l) => l.kind === 'role-filled').map((l) => l.detail.assignmentId),
      );
      const made = new Set<string>();
      authority.getMap('governance').forEach((unit) => {
        for (const c of (unit as { changes: { change: GovernanceChange }[] }).changes) {
          if (c.change.type === 'person.assign') made.add(c.change.assignmentId);
        }
      });
      expect(made.size, `seed ${seed}`).toBeGreaterThan(0);
      expect([...assigned].sort(), `seed ${seed}`).toEqual([...made].sort());
    }
  });
});
