import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addMeetingSummary } from '../src/meeting/meetingIndex.ts';
import { addProposalSummary } from '../src/space.ts';
import { addAction, editAction, listActions, setActionDone } from '../src/tensions/actions.ts';
import { spaceActions, spaceTensions } from '../src/tensions/model.ts';
import {
  closeTension,
  editTension,
  linkTensionToAction,
  linkTensionToProposal,
  listTensions,
  logTension,
  putTensionOnAgenda,
} from '../src/tensions/tensions.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 4;
const STEPS = Number(process.env.FUZZ_STEPS ?? 300);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const PEOPLE = ['alice1', 'bobby1', 'chloe1'];
const WORDS = ['Late invoices', 'Keys', 'rôle', '😀', 'Paid in 30 days', ''];

function someId(random: Prng, map: Y.Map<Y.Map<unknown>>): string | null {
  const keys = [...map.keys()];
  return keys.length === 0 ? null : random.pick(keys);
}

/**
 * One random backlog edit by one replica. An edit its replica's rules
 * refuse (closed, already linked) throws and is skipped, as the UI would.
 */
function act(random: Prng, doc: Y.Doc, counter: { n: number }): void {
  const who = random.pick(PEOPLE);
  const tension = someId(random, spaceTensions(doc));
  const action = someId(random, spaceActions(doc));
  const fresh = (prefix: string) => `${prefix}${doc.clientID}x${counter.n++}`;
  try {
    switch (random.int(0, 7)) {
      case 0:
        logTension(doc, {
          id: fresh('tens'),
          by: who,
          what: random.pick(WORDS) || 'x',
          couldBe: random.pick(WORDS),
          now: random.int(0, 50),
        });
        break;
      case 1:
        if (tension) editTension(doc, tension, { couldBe: random.pick(WORDS) });
        break;
      case 2:
        if (tension) {
          const closing = random.chance(0.5) ? 'resolved' : 'dropped';
          closeTension(doc, tension, { closing, by: who, reason: 'because', now: 60 });
        }
        break;
      case 3:
        if (tension) linkTensionToProposal(doc, tension, random.pick(['prop01', 'prop02']));
        break;
      case 4:
        if (tension) putTensionOnAgenda(doc, tension, 'meet01', fresh('item'));
        break;
      case 5: {
        const id = fresh('act');
        addAction(doc, {
          id,
          kind: random.chance(0.5) ? 'action' : 'project',
          title: 'Do it',
          ownerId: random.pick(PEOPLE),
          by: who,
          tensionId: tension,
          now: random.int(0, 50),
        });
        if (tension && random.chance(0.5)) linkTensionToAction(doc, tension, id);
        break;
      }
      case 6:
        if (action) setActionDone(doc, action, { done: random.chance(0.7), by: who, now: 70 });
        break;
      default:
        if (action) editAction(doc, action, { title: random.pick(WORDS) || 'y', ownerId: who });
    }
  } catch {
    // refused on this replica: nothing written
  }
}

function run(seed: number): void {
  const random = prng(seed);
  const net = new TestNetwork(REPLICAS, random);
  const first = net.replicas[0]!;
  for (const id of ['prop01', 'prop02']) {
    addProposalSummary(first, {
      id,
      title: id,
      status: 'draft',
      circleId: 'c1',
      createdAt: 0,
      updatedAt: 0,
    });
  }
  addMeetingSummary(first, {
    id: 'meet01',
    title: 'Tactical',
    circleId: 'c1',
    kind: 'tactical',
    startsAt: 0,
    status: 'upcoming',
    updatedAt: 0,
  });
  net.settle();
  const counter = { n: 0 };
  for (let step = 0; step < STEPS; step++) {
    const doc = net.replicas[random.int(0, REPLICAS - 1)]!;
    const roll = random.next();
    if (roll < 0.05) net.disconnect(doc);
    else if (roll < 0.12) net.reconnect(doc);
    else if (roll < 0.6) act(random, doc, counter);
    else net.deliverOne();
  }
  net.settle();
  const [head, ...rest] = net.replicas;
  for (const doc of rest) {
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(head!));
    expect(listTensions(doc)).toEqual(listTensions(head!));
    expect(listActions(doc)).toEqual(listActions(head!));
  }
}

describe('backlog convergence fuzz', () => {
  it(`ACTION-5 ${REPLICAS} replicas editing tensions and actions with random delivery and disconnects converge`, () => {
    const base = fuzzSeed();
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        run(seed);
      } catch (error) {
        console.error(
          `backlog fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    console.info(`backlog fuzz: ${RUNS} runs × ${STEPS} steps from seed ${base}`);
  });
});
