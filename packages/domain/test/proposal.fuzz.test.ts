import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initProposal,
  proposalBody,
  proposalDriver,
  proposalTitle,
  summarizeProposal,
} from '../src/proposal.ts';
import {
  addProposalSummary,
  initSpace,
  listProposals,
  updateProposalSummary,
} from '../src/space.ts';
import { replaceText } from '../src/text.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 5;
const STEPS = Number(process.env.FUZZ_STEPS ?? 400);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);

const WORDS = ['tension', 'cercle', 'consent', 'rôle', 'review', '😀', 'objection', ' ', '\n'];

function codePointBoundary(value: string, index: number): number {
  const code = value.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/** One random action by one replica: type, replace a field, edit the body, or index. */
function act(random: Prng, doc: Y.Doc, spaceDoc: Y.Doc): void {
  switch (random.int(0, 4)) {
    case 0: {
      const title = proposalTitle(doc);
      // Editors insert between code points, never inside a surrogate pair.
      title.insert(
        codePointBoundary(title.toString(), random.int(0, title.length)),
        random.pick(WORDS),
      );
      break;
    }
    case 1: {
      const driver = proposalDriver(doc);
      const current = driver.toString();
      const cut = random.int(0, current.length);
      replaceText(
        driver,
        current.slice(0, cut) + random.pick(WORDS) + current.slice(cut + random.int(0, 3)),
      );
      break;
    }
    case 2: {
      const body = proposalBody(doc);
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(random.pick(WORDS))]);
      body.insert(random.int(0, body.length), [paragraph]);
      break;
    }
    case 3: {
      const body = proposalBody(doc);
      if (body.length > 0) body.delete(random.int(0, body.length - 1), 1);
      break;
    }
    default:
      updateProposalSummary(spaceDoc, 'prop01', summarizeProposal(doc, random.int(0, 10_000)));
  }
}

function run(seed: number): void {
  const random = prng(seed);
  const proposals = new TestNetwork(REPLICAS, random);
  const spaces = new TestNetwork(REPLICAS, random);
  initSpace(spaces.replicas[0]!, { id: 'space1', name: 'Fuzz', circleName: 'General', now: 0 });
  initProposal(proposals.replicas[0]!, {
    id: 'prop01',
    spaceId: 'space1',
    circleId: 'c1',
    title: 'Start',
    driver: 'Why',
    createdBy: 'Awa',
    now: 0,
  });
  addProposalSummary(spaces.replicas[0]!, {
    id: 'prop01',
    title: 'Start',
    status: 'draft',
    circleId: 'c1',
    createdAt: 0,
    updatedAt: 0,
  });
  proposals.settle();
  spaces.settle();

  for (let step = 0; step < STEPS; step++) {
    const i = random.int(0, REPLICAS - 1);
    const roll = random.next();
    if (roll < 0.05) {
      proposals.disconnect(proposals.replicas[i]!);
      spaces.disconnect(spaces.replicas[i]!);
    } else if (roll < 0.12) {
      proposals.reconnect(proposals.replicas[i]!);
      spaces.reconnect(spaces.replicas[i]!);
    } else if (roll < 0.6) {
      act(random, proposals.replicas[i]!, spaces.replicas[i]!);
    } else {
      proposals.deliverOne();
      spaces.deliverOne();
    }
  }
  proposals.settle();
  spaces.settle();

  const [first, ...rest] = proposals.replicas;
  const [firstSpace, ...restSpaces] = spaces.replicas;
  for (const doc of rest) {
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(first!));
    expect(proposalTitle(doc).toString()).toBe(proposalTitle(first!).toString());
    expect(proposalDriver(doc).toString()).toBe(proposalDriver(first!).toString());
    expect(proposalBody(doc).toString()).toBe(proposalBody(first!).toString());
  }
  for (const doc of restSpaces) expect(listProposals(doc)).toEqual(listProposals(firstSpace!));
}

describe('proposal convergence fuzz', () => {
  it(`TEXT-1 TEXT-2 SPACE-5 ${REPLICAS} replicas with random delivery and disconnects converge`, () => {
    const base = fuzzSeed();
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        run(seed);
      } catch (error) {
        console.error(
          `proposal fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    console.info(`proposal fuzz: ${RUNS} runs × ${STEPS} steps from seed ${base}`);
  });

  // Seeds that once failed, kept so the bug they found stays fixed.
  it('TEXT-2 regression seed 2838828115: a lone surrogate made replicas differ', () => {
    run(2838828115);
  });
});
