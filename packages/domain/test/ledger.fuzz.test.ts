import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { parseDecisionEntry } from '../src/decisions/decisionEntry.ts';
import { recordDecision } from '../src/decisions/decisionLog.ts';
import { recordParticipation } from '../src/decisions/participation.ts';
import { deriveLedger } from '../src/ledger/deriveLedger.ts';
import type { WrittenText } from '../src/ledger/ledger.ts';
import { ledgerInputOf } from '../src/ledger/ledgerInput.ts';
import { ledgerTotals } from '../src/ledger/ledgerTotals.ts';
import { addProposalSummary } from '../src/space.ts';
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
  it('LEDGER-6 replicas writing decisions, participation and tensions in any order derive the same ledger', () => {
    const written: WrittenText[] = [
      { proposalId: 'prop01', member: 'alice1', inserted: 40, deleted: 2 },
      { proposalId: 'prop02', member: 'bobby1', inserted: 7, deleted: 0 },
    ];
    for (let run = 0; run < RUNS; run++) {
      const seed = fuzzSeed();
      const random = prng(seed);
      const net = new TestNetwork(REPLICAS, random);
      const counter = { n: 0 };
      for (let step = 0; step < STEPS; step++) {
        const doc = random.pick(net.replicas);
        if (random.chance(0.05)) net.disconnect(doc);
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
    }
  });
});
