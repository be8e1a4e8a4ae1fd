import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { encodeStateVector } from 'yjs';
import { AGENDA_ITEMS_MAX } from '../src/meeting/agendaFields.ts';
import * as commands from '../src/process/commands.ts';
import {
  POSITION_VALUES,
  type AgendaItemChanges,
  type MeetingEvent,
  type Outcome,
} from '../src/process/events.ts';
import { foldMeeting, initialMeetingState, reduceMeeting } from '../src/process/fold.ts';
import { appendEvent, meetingLog, readLog } from '../src/process/log.ts';
import { parseEvent } from '../src/process/parseEvent.ts';
import { currentItem, currentSpeaker, findItem, isFacilitator } from '../src/process/selectors.ts';
import type { MeetingState } from '../src/process/state.ts';
import { AGENDA, CONTEXT, PEOPLE } from './meetingHarness.ts';
import { TestNetwork } from './network.ts';
import { fuzzSeed, prng, type Prng } from './prng.ts';

const REPLICAS = 5;
const STEPS = Number(process.env.FUZZ_STEPS ?? 500);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** The user on each replica: two facilitators and three participants. */
const USERS = ['fac1', 'fac2', 'ana', 'ben', 'chloe'];
const NAMES = [...PEOPLE.map((p) => p.id), 'stranger'];
const OUTCOMES: Outcome[] = ['adopted', 'rejected', 'withdrawn', 'deferred'];
const DATES = ['2027-01-31', '2027-02-30', null];

type Command = (state: MeetingState, by: string, at: number) => MeetingEvent;

/** A random order of 1–4 people, now and then with an observer or a stranger. */
function randomOrder(random: Prng): string[] {
  const pool = random.chance(0.1) ? NAMES : USERS;
  return [...new Set(Array.from({ length: random.int(1, 4) }, () => random.pick(pool)))];
}

/**
 * The commands a client would offer its user in this state, as real screens
 * would (mostly what fits the step), plus now and then something that does not.
 */
function offers(random: Prng, state: MeetingState, user: string): Command[] {
  const item = currentItem(state);
  const kind = state.step?.kind;
  const objections = item?.objections ?? [];
  const objection = objections.length > 0 ? random.pick(objections).id : 'nope99';
  const position: Command = (s, by, at) =>
    commands.recordPosition(s, by, at, {
      value: random.pick(POSITION_VALUES),
      reason: random.pick(['Because', 'Because', ' ']),
      // Now and then an interest, declared or empty (INTEREST-1).
      interest: random.chance(0.2)
        ? { text: random.pick(['I run it', ' ']), conflict: random.chance(0.5) }
        : null,
    });
  const list: Command[] = [position];
  if (kind === 'positions') list.push(position, position, position);
  if (kind === 'integration') {
    list.push((s, by, at) => commands.confirmAmendment(s, by, at, objection, random.chance(0.7)));
    if (item?.ownerId === user) {
      list.push((s, by, at) => commands.linkAmendment(s, by, at, objection, 'Amended'));
    }
  }
  const speaking = currentSpeaker(state.round) === user;
  if (speaking) list.push(commands.endTurn, commands.endTurn, commands.passTurn);
  if (state.round !== null && !state.round.order.includes(user)) {
    list.push((s, by, at) => commands.addToRound(s, by, at, by));
  }
  if (random.chance(0.03)) list.push(commands.callTimeout, position);
  const itemIds = [...AGENDA.map((it) => it.id), ...state.items.map((it) => it.id), 'nope99'];
  if (random.chance(0.05)) list.push(liveAdd(random, itemIds));
  const mine = state.items.filter((it) => it.ownerId === user);
  if (mine.length > 0 && random.chance(0.05)) {
    list.push(liveUpdate(random, random.pick(mine).id, false));
  }
  if (!isFacilitator(state, user)) return list;
  const target = random.pick(itemIds);
  const roundDone = state.round === null || currentSpeaker(state.round) === null;
  list.push(commands.nextStep, commands.nextStep);
  if (!roundDone) list.push(commands.endTurn);
  if (state.phase === 'not-started') list.push(commands.startMeeting, commands.startMeeting);
  if (roundDone && (kind === 'round' || random.chance(0.2))) {
    list.push((s, by, at) => commands.startRound(s, by, at, randomOrder(random)));
  }
  if (kind === 'test') {
    list.push((s, by, at) =>
      commands.testObjection(
        s,
        by,
        at,
        objection,
        { harm: true, createdByProposal: true, urgent: random.chance(0.8), limitsRole: true },
        random.pick(['valid', 'invalid', 'concern'] as const),
      ),
    );
  }
  if (kind === 'integration') {
    list.push((s, by, at) => commands.linkAmendment(s, by, at, objection, 'Scribed'));
  }
  if (kind === 'outcome' || random.chance(0.01)) {
    list.push((s, by, at) =>
      commands.recordOutcome(s, by, at, random.pick(OUTCOMES), random.pick(DATES)),
    );
  }
  if (kind === 'positions' && random.chance(0.3)) {
    list.push((s, by, at) =>
      commands.recordPosition(s, by, at, {
        value: random.pick(POSITION_VALUES),
        reason: 'On behalf',
        onBehalfOf: random.pick(NAMES),
      }),
    );
  }
  if (random.chance(0.1)) {
    list.push(
      commands.undoStep,
      (s, by, at) => commands.gotoItem(s, by, at, target),
      (s, by, at) => commands.skipItem(s, by, at, target),
      (s, by, at) => commands.noteItem(s, by, at, 'Next action'),
      commands.endTimeout,
    );
  }
  if (random.chance(0.05)) {
    list.push(
      liveUpdate(random, target, true),
      (s, by, at) => commands.removeLiveItem(s, by, at, target),
      (s, by, at) =>
        commands.moveLiveItem(s, by, at, target, random.chance(0.2) ? null : random.pick(itemIds)),
    );
  }
  if (random.chance(0.01)) {
    list.push((s, by, at) => commands.handOver(s, by, at, random.pick(NAMES)));
  }
  if (random.chance(0.01)) {
    const role = random.pick(['facilitator', 'participant', 'observer'] as const);
    list.push((s, by, at) => commands.setRole(s, by, at, random.pick(NAMES), role));
  }
  return list;
}

const KINDS = ['proposal', 'tension', 'information'] as const;

/** An item added live: now and then with an id already taken or a field out of bounds. */
function liveAdd(random: Prng, itemIds: readonly string[]): Command {
  const input: commands.LiveItemInput = {
    ...(random.chance(0.1) ? { id: random.pick(itemIds) } : {}),
    kind: random.pick(KINDS),
    title: random.pick(['Live item', 'Another', ' ']),
    proposalId: random.chance(0.9) ? 'prop-live' : null,
    text: random.pick(['A tension\nin two lines', ' ']),
    timeboxMinutes: random.pick([5, 10, 0]),
  };
  return (s, by, at) => commands.addLiveItem(s, by, at, input);
}

/** An edit of an item: its owner's fields, or (facilitator) any field. */
function liveUpdate(random: Prng, itemId: string, facilitator: boolean): Command {
  const patch: AgendaItemChanges = {
    ...(random.chance(0.5) ? { title: random.pick(['Renamed', ' ']) } : {}),
    ...(random.chance(0.3) ? { timeboxMinutes: random.pick([3, 20, 500]) } : {}),
    ...(random.chance(0.3) ? { text: 'Tension edited' } : {}),
    ...(facilitator && random.chance(0.3) ? { ownerId: random.pick(NAMES) } : {}),
    ...(facilitator && random.chance(0.3)
      ? { process: random.pick(['consent', 'idm'] as const) }
      : {}),
  };
  return (s, by, at) => commands.updateLiveItem(s, by, at, itemId, patch);
}

/** Folds each replica's log once per length: the log only grows, so its length names it. */
function folder(): (doc: Y.Doc) => MeetingState {
  const cache = new Map<Y.Doc, { length: number; state: MeetingState }>();
  return (doc) => {
    const length = meetingLog(doc).length;
    const hit = cache.get(doc);
    if (hit?.length === length) return hit.state;
    const state = foldMeeting(readLog(doc), CONTEXT);
    cache.set(doc, { length, state });
    return state;
  };
}

function act(random: Prng, doc: Y.Doc, user: string, state: MeetingState, at: number): void {
  if (random.chance(0.01)) {
    // Garbage from an old or hostile client: the fold must refuse it, not throw.
    meetingLog(doc).push([{ id: `junk${at}`, type: 'step.next', by: user } as never]);
    return;
  }
  const command = random.pick(offers(random, state, user));
  // Clients measure server time with some skew: `at` is not monotonic across replicas.
  appendEvent(doc, command(state, user, at + random.int(-500, 500)));
}

/** Invariants of one folded state, checked by replaying the log event by event. */
function checkInvariants(log: unknown[], folded: MeetingState): void {
  let state = initialMeetingState(CONTEXT);
  // Who ever held a speaking role: the people map's, and anyone a facilitator
  // made one during the meeting (role.set; the fuzz promotes observers too).
  const speakers = new Set(PEOPLE.filter((p) => p.role !== 'observer').map((p) => p.id));
  log.forEach((raw, index) => {
    const before = state;
    const next = reduceMeeting(state, raw, CONTEXT, index);
    if (folded.results[index]!.status !== 'applied') return;
    const event = parseEvent(raw)!;
    const expects = event.expects as Record<string, unknown>;
    // No applied event with failed expects.
    if ('phase' in expects) {
      expect(expects.phase).toBe(before.phase);
      expect(expects.itemId).toBe(before.currentItemId);
      expect(expects.stepId).toBe(before.step?.id ?? null);
    }
    if ('turn' in expects) expect(expects.turn).toBe(before.round?.turns.length);
    // An agenda change never touches an item that was ever current (AGENDA-10 … 12).
    if (event.type.startsWith('agenda.') && event.type !== 'agenda.add') {
      const target = findItem(before, (event as { itemId: string }).itemId);
      expect(target).toMatchObject({ status: 'pending', startedAt: null });
    }
    state = next.state;
    for (const [person, role] of Object.entries(state.roles)) {
      if (role !== 'observer') speakers.add(person);
    }
  });
  expect({ ...state, results: folded.results }).toEqual(folded);
  for (const round of [...folded.pastRounds, ...(folded.round ? [folded.round] : [])]) {
    // At most one current speaker: the turns follow the order, one at a time.
    expect(new Set(round.order).size).toBe(round.order.length);
    expect(round.turns.length).toBeLessThanOrEqual(round.order.length);
    round.turns.forEach((turn, i) => expect(turn.person).toBe(round.order[i]));
  }
  for (const item of folded.items) {
    for (const position of item.positions) {
      // Only someone who held a speaking role ever positions: never a stranger or a mere observer.
      expect(speakers.has(position.person), position.person).toBe(true);
    }
    if (item.outcome?.outcome === 'adopted') expect(item.outcome.reviewDate).not.toBeNull();
  }
  expect(folded.facilitators.length).toBeGreaterThan(0);
  const itemIds = folded.items.map((item) => item.id);
  expect(new Set(itemIds).size).toBe(itemIds.length);
  expect(itemIds.length).toBeLessThanOrEqual(AGENDA_ITEMS_MAX);
  if (folded.phase === 'item') {
    expect(currentItem(folded)!.trail.at(-1)).toEqual(folded.step);
  }
}

function run(seed: number): { events: number; applied: number } {
  const random = prng(seed);
  const network = new TestNetwork(REPLICAS, random);
  const fold = folder();
  for (let step = 0; step < STEPS; step++) {
    const i = random.int(0, REPLICAS - 1);
    const doc = network.replicas[i]!;
    const roll = random.next();
    if (roll < 0.03) network.disconnect(doc);
    else if (roll < 0.08) network.reconnect(doc);
    else if (roll < 0.45) act(random, doc, USERS[i]!, fold(doc), 1_000_000 + step * 1000);
    else for (let d = random.int(1, 8); d > 0; d--) network.deliverOne();
  }
  network.settle();
  const [first, ...rest] = network.replicas;
  const log = readLog(first!);
  const state = fold(first!);
  for (const doc of rest) {
    expect(encodeStateVector(doc)).toEqual(encodeStateVector(first!));
    expect(JSON.stringify(readLog(doc))).toBe(JSON.stringify(log));
    expect(fold(doc)).toEqual(state);
  }
  checkInvariants(log, state);
  if (process.env.FUZZ_DEBUG) {
    const h: Record<string, number> = {};
    for (const r of state.results) {
      const k = `${r.type}:${r.reason}`;
      h[k] = (h[k] ?? 0) + 1;
    }
    console.log(
      seed,
      state.phase,
      state.items
        .map(
          (i) =>
            i.status +
            ':' +
            (i.trail.at(-1)?.key ?? '-') +
            ':' +
            i.positionRound +
            ':' +
            (i.outcome?.outcome ?? ''),
        )
        .join(' '),
      JSON.stringify(h),
    );
  }
  return {
    events: log.length,
    applied: state.results.filter((r) => r.status === 'applied').length,
  };
}

describe('meeting process convergence fuzz', () => {
  it(`MEET-1 MEET-3 MEET-12 ROUND-2 POS-2 ${REPLICAS} replicas fold the same state`, () => {
    const base = fuzzSeed();
    const started = performance.now();
    let events = 0;
    let applied = 0;
    for (let r = 0; r < RUNS; r++) {
      const seed = (base + r) >>> 0;
      try {
        const counts = run(seed);
        events += counts.events;
        applied += counts.applied;
      } catch (error) {
        console.error(
          `meeting fuzz failed with seed ${seed} (rerun: FUZZ_SEED=${seed} FUZZ_RUNS=1)`,
        );
        throw error;
      }
    }
    const ms = Math.round(performance.now() - started);
    console.info(
      `meeting fuzz: ${RUNS} runs × ${STEPS} steps from seed ${base}: ${events} events, ${applied} applied, ${ms} ms`,
    );
    // A fuzz where nothing applies tests nothing.
    expect(applied).toBeGreaterThan(RUNS * 5);
  });
});
