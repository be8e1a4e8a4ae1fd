import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  amendAsyncConsent,
  closeAsyncConsentEarly,
  extendAsyncConsent,
  openAsyncConsent,
  recordAsyncPosition,
  withdrawAsyncConsent,
} from '../src/asyncConsent/commands.ts';
import { consentLog, readConsentLog } from '../src/asyncConsent/consentDoc.ts';
import {
  ASYNC_POSITIONS,
  SERVER_AUTHOR,
  type AsyncPersonEvent,
} from '../src/asyncConsent/events.ts';
import { awaitingPosition, foldAsyncConsent } from '../src/asyncConsent/fold.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

/** Digests of two texts (ASYNC-15). */
const TEXT0 = 'a'.repeat(64);
const TEXT1 = 'b'.repeat(64);

const REPLICAS = 5;
const STEPS = Number(process.env.FUZZ_STEPS ?? 300);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
/** Replica 0 is the server: the only one that appends to the log (ASYNC-1). */
const PEOPLE = ['', 'ana1', 'bo1', 'cy1', 'fa1'];

/** A person's event built from their replica's (maybe stale) fold. */
function personEvent(random: Prng, doc: Y.Doc, by: string, at: number): AsyncPersonEvent {
  const state = foldAsyncConsent(readConsentLog(doc));
  switch (random.int(0, 6)) {
    case 0:
      return amendAsyncConsent(state, by, at, random.pick(['Budget', 'Wording', '']), TEXT1);
    case 1:
      return extendAsyncConsent(by, at, state.deadline + random.int(-5, 30) * MINUTE);
    case 2:
      return closeAsyncConsentEarly(state, by, at);
    case 3:
      return random.chance(0.2)
        ? withdrawAsyncConsent(by, at)
        : recordAsyncPosition(state, by, at, 'consent', '');
    default:
      return recordAsyncPosition(
        state,
        by,
        at,
        random.pick(ASYNC_POSITIONS),
        random.pick(['', 'a reason', 'cost']),
      );
  }
}

function run(seed: number): void {
  const random = prng(seed);
  const net = new TestNetwork(REPLICAS, random);
  const server = net.replicas[0]!;
  let clock = T0;
  const submitted: unknown[] = [];
  consentLog(server).push([
    openAsyncConsent('pr1proposal', 'ana1', T0, T0 + 60 * MINUTE, TEXT0),
    {
      id: 'roll0001',
      type: 'async.roll',
      by: SERVER_AUTHOR,
      at: T0,
      voters: ['ana1', 'bo1', 'cy1'],
      facilitators: ['fa1'],
      policy: { lazy: random.chance(0.5), quorumPercent: random.int(1, 100) },
      names: {},
    },
  ]);
  for (let step = 0; step < STEPS; step++) {
    clock += random.int(0, 2) * MINUTE;
    const i = random.int(1, REPLICAS - 1);
    const roll = random.next();
    if (roll < 0.05) net.disconnect(net.replicas[i]!);
    else if (roll < 0.12) net.reconnect(net.replicas[i]!);
    else if (roll < 0.4) submitted.push(personEvent(random, net.replicas[i]!, PEOPLE[i]!, clock));
    else if (roll < 0.55 && submitted.length > 0) {
      // The server appends submissions in its own arrival order (any order of sending).
      const [event] = submitted.splice(random.int(0, submitted.length - 1), 1);
      consentLog(server).push([event]);
    } else if (roll < 0.57) {
      consentLog(server).push([
        { id: `dl${step}`, type: 'async.deadline', by: SERVER_AUTHOR, at: clock },
      ]);
    } else net.deliverOne();
  }
  net.settle();
  const reference = foldAsyncConsent(readConsentLog(server));
  for (const doc of net.replicas.slice(1)) {
    expect(readConsentLog(doc)).toEqual(readConsentLog(server));
    expect(foldAsyncConsent(readConsentLog(doc))).toEqual(reference);
  }
  // Invariants of any run: the awaited are voters; a closing carries a result.
  for (const person of awaitingPosition(reference)) expect(reference.voters).toContain(person);
  if (reference.phase === 'closed') expect(reference.closing?.result).toBeTruthy();
}

describe('asynchronous consent convergence fuzz', () => {
  it(`ASYNC-2 ${REPLICAS} replicas of a server-sequenced consent log fold alike under random delivery and disconnects`, () => {
    const base = fuzzSeed();
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        run(seed);
      } catch (error) {
        console.error(
          `async consent fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    console.info(`async consent fuzz: ${RUNS} runs × ${STEPS} steps from seed ${base}`);
  });
});
