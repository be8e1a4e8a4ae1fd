import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { encodeStateVector } from 'yjs';
import {
  changeNomination,
  proposeCandidate,
  revealNomination,
  sealNomination,
  type NominationInput,
} from '../src/election/electionCommands.ts';
import { currentCandidate, isRevealed } from '../src/election/electionSelectors.ts';
import { nominationSeal } from '../src/election/seal.ts';
import * as commands from '../src/process/commands.ts';
import type { MeetingEvent } from '../src/process/events.ts';
import { foldMeeting } from '../src/process/fold.ts';
import { appendEvent, readLog } from '../src/process/log.ts';
import {
  currentItem,
  currentSpeaker,
  effectivePositions,
  isFacilitator,
} from '../src/process/selectors.ts';
import type { FoldContext, MeetingState } from '../src/process/state.ts';
import { PEOPLE, agendaItem } from './meetingHarness.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 5;
const STEPS = Number(process.env.FUZZ_STEPS ?? 400);
const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const USERS = ['fac1', 'fac2', 'ana', 'ben', 'chloe'];
const NOMINEES = [...USERS, 'obs', 'stranger'];
const TERM = '2031-06-30';
const TERMS = [TERM, '2030-12-31', '2031-07-01'];

/** Two elections of different roles, then an information item. */
const CONTEXT: FoldContext = {
  agenda: [
    agendaItem('elect1', 'election', {
      order: 1,
      election: { circleId: 'circle1', roleId: 'role1', termEnd: TERM },
    }),
    agendaItem('elect2', 'election', {
      order: 2,
      election: { circleId: 'circle1', roleId: 'role2', termEnd: TERM },
    }),
    agendaItem('info1', 'information', { order: 3 }),
  ],
  people: PEOPLE,
};

type Command = (state: MeetingState, by: string, at: number) => MeetingEvent;

/** What each replica's device keeps of its user's seals: the secret to open them. */
type Secrets = Map<string, NominationInput & { salt: string }>;

function pick(random: Prng): NominationInput {
  return { nominee: random.pick(NOMINEES), reason: random.pick(['Steady', 'Fair', ' ']) };
}

/** What a screen would offer its user now, and now and then what does not fit. */
function offers(random: Prng, state: MeetingState, user: string, secrets: Secrets): Command[] {
  const item = currentItem(state);
  const step = state.step;
  const list: Command[] = [];
  const seal: Command = (s, by, at) => {
    const salt = `salt${random.int(0, 1e9)}abcdefghijkl`;
    const { event, secret } = sealNomination(s, by, at, pick(random), salt);
    secrets.set(event.id, secret);
    return event;
  };
  if (step?.kind === 'nominate' || random.chance(0.05)) list.push(seal, seal);
  const mine = item?.election?.seals.find((s) => s.by === user);
  const secret = mine === undefined ? undefined : secrets.get(mine.id);
  if (
    item !== null &&
    mine !== undefined &&
    secret !== undefined &&
    (isRevealed(item) || random.chance(0.1))
  ) {
    const tampered = random.chance(0.1) ? { ...secret, nominee: 'ana' } : secret;
    list.push((_s, by, at) => revealNomination(item.id, by, at, mine.id, tampered));
  }
  if (step?.key === 'change' || random.chance(0.05)) {
    list.push((s, by, at) => changeNomination(s, by, at, pick(random)));
  }
  if (currentSpeaker(state.round) === user) list.push(commands.endTurn, commands.passTurn);
  const position: Command = (s, by, at) =>
    commands.recordPosition(s, by, at, {
      value: random.pick(['consent', 'concern', 'objection', 'no-objection'] as const),
      reason: random.pick(['Because', ' ']),
    });
  if (step?.kind === 'positions') list.push(position, position, position);
  const objection = item?.objections.at(-1)?.id ?? 'nope99';
  if (step?.kind === 'integration') {
    list.push((s, by, at) => commands.confirmAmendment(s, by, at, objection, random.chance(0.8)));
  }
  if (list.length === 0) list.push(position);
  if (!isFacilitator(state, user)) return list;
  list.push(commands.nextStep, commands.nextStep);
  if (state.phase === 'not-started') list.push(commands.startMeeting);
  if (state.round === null || currentSpeaker(state.round) === null) {
    list.push((s, by, at) => commands.startRound(s, by, at, USERS.slice(0, random.int(1, 5))));
  }
  if (step?.kind === 'propose' || step?.kind === 'integration' || random.chance(0.05)) {
    list.push((s, by, at) =>
      proposeCandidate(s, by, at, {
        nominee: random.pick(NOMINEES),
        focus: 'Focus',
        termEnd: random.pick(TERMS),
      }),
    );
  }
  if (step?.kind === 'integration') {
    list.push((s, by, at) => commands.linkAmendment(s, by, at, objection, 'Shorter term'));
  }
  if (step?.kind === 'outcome' || random.chance(0.02)) {
    const candidate = item === null ? null : currentCandidate(item);
    list.push((s, by, at) =>
      commands.recordOutcome(
        s,
        by,
        at,
        random.pick(['adopted', 'adopted', 'deferred'] as const),
        random.chance(0.8) ? (candidate?.termEnd ?? TERM) : TERM,
      ),
    );
  }
  if (random.chance(0.05)) list.push(commands.undoStep);
  return list;
}

/** Invariants of a folded election: what its rules promise whatever the order. */
function checkElections(state: MeetingState): void {
  for (const item of state.items) {
    const election = item.election;
    if (election === undefined) continue;
    // A revealed nomination matches the seal it opened (ELECT-4).
    for (const n of election.nominations.filter((x) => x.stage === 'revealed')) {
      const seal = election.seals.find((s) => s.id === n.id);
      expect(seal?.by).toBe(n.by);
    }
    // One seal per person (ELECT-3); proposals within the term (ELECT-6).
    expect(new Set(election.seals.map((s) => s.by)).size).toBe(election.seals.length);
    for (const p of election.proposals) expect(p.termEnd <= TERM).toBe(true);
    // An adopted election: a candidate who took part in a round held on them (ELECT-7).
    if (item.outcome?.outcome === 'adopted') {
      const candidate = currentCandidate(item)!;
      expect(item.positionRound).toBeGreaterThan(candidate.afterRound);
      const people = effectivePositions(item, item.positionRound).map((p) => p.person);
      expect(people).toContain(candidate.nominee);
      expect(item.outcome.reviewDate).toBe(candidate.termEnd);
    }
  }
}

function run(seed: number): number {
  const random = prng(seed);
  const network = new TestNetwork(REPLICAS, random);
  const secrets: Secrets[] = USERS.map(() => new Map());
  const fold = (doc: Y.Doc) => foldMeeting(readLog(doc), CONTEXT);
  for (let step = 0; step < STEPS; step++) {
    const i = random.int(0, REPLICAS - 1);
    const doc = network.replicas[i]!;
    const roll = random.next();
    if (roll < 0.03) network.disconnect(doc);
    else if (roll < 0.08) network.reconnect(doc);
    else if (roll < 0.5) {
      const command = random.pick(offers(random, fold(doc), USERS[i]!, secrets[i]!));
      appendEvent(doc, command(fold(doc), USERS[i]!, 1_000_000 + step * 1000));
    } else for (let d = random.int(1, 8); d > 0; d--) network.deliverOne();
  }
  network.settle();
  const [first, ...rest] = network.replicas;
  const state = fold(first!);
  for (const doc of rest) {
    expect(encodeStateVector(doc)).toEqual(encodeStateVector(first!));
    expect(fold(doc)).toEqual(state);
  }
  checkElections(state);
  // Every applied reveal hashes to its seal: checked again from the raw log.
  for (const result of state.results) {
    if (result.status !== 'applied' || result.type !== 'nomination.reveal') continue;
    const raw = readLog(first!)[result.index] as Record<string, string>;
    const itemId = (raw.expects as unknown as { itemId: string }).itemId;
    const seal = readLog(first!).find((e) => (e as { id?: string }).id === raw.sealId) as {
      seal: string;
    };
    const { by, nominee, reason, salt } = raw as Record<string, string>;
    expect(
      nominationSeal({ by: by!, itemId, nominee: nominee!, reason: reason!, salt: salt! }),
    ).toBe(seal.seal);
  }
  return state.results.filter(
    (r) => r.status === 'applied' && /^(nomination|election)\./.test(r.type ?? ''),
  ).length;
}

describe('election convergence fuzz', () => {
  it(`ELECT-9 ${REPLICAS} replicas with election events fold the same state`, () => {
    const base = fuzzSeed();
    let applied = 0;
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        applied += run(seed);
      } catch (error) {
        console.error(
          `election fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    // A fuzz where no election event applies tests nothing.
    expect(applied).toBeGreaterThan(RUNS * 3);
  });
});
