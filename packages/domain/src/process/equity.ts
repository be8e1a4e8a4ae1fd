import type { MeetingPerson } from '../meeting/types.ts';
import { compareCodeUnits } from './reduceHelpers.ts';
import { allRounds, isRoundComplete, roleOf } from './selectors.ts';
import type { FoldContext, MeetingState, RoundState } from './state.ts';

/**
 * Speaking-time equity, derived from the turns of the log (SPEC EQUITY-1 …
 * EQUITY-4): who spoke how long, how often, who passed, and who has not
 * been heard yet. Computed, never stored; `now` is the server's clock.
 */

export interface SpeakerTime {
  readonly person: string;
  /** Time spoken in ended turns, plus the running turn up to `now` when given. */
  readonly spokenMs: number;
  /** `spokenMs` over everyone's, 0 when nobody spoke yet. */
  readonly share: number;
  readonly turnsSpoken: number;
  readonly turnsPassed: number;
}

export interface SpeakingScope {
  /** Only the rounds of this item; undefined: the whole meeting. */
  readonly itemId?: string | null;
  /** The server's time: the running turn counts up to it. Leave out for ended turns only. */
  readonly now?: number;
}

interface Tally {
  spokenMs: number;
  turnsSpoken: number;
  turnsPassed: number;
}

/** A turn starts when the round starts or the previous turn ends (SPEC EQUITY-1). */
function tallyRound(round: RoundState, tallies: Map<string, Tally>, now: number | null): void {
  const of = (person: string): Tally => {
    let tally = tallies.get(person);
    if (!tally) tallies.set(person, (tally = { spokenMs: 0, turnsSpoken: 0, turnsPassed: 0 }));
    return tally;
  };
  for (const person of round.order) of(person);
  round.turns.forEach((turn, index) => {
    const tally = of(turn.person);
    if (turn.status === 'passed') {
      tally.turnsPassed++;
      return;
    }
    const start = index === 0 ? round.startedAt : round.turns[index - 1]!.at;
    tally.turnsSpoken++;
    tally.spokenMs += Math.max(0, turn.at - start);
  });
  const speaker = round.order[round.turns.length];
  if (now !== null && speaker !== undefined) {
    of(speaker).spokenMs += Math.max(0, now - round.turnStartedAt);
  }
}

/**
 * Each person's speaking time, share and turns (SPEC EQUITY-1, EQUITY-2):
 * everyone in a speaking order of the scope, most time first, ties by id.
 *
 * @example
 * speakingTimes(state, { itemId: state.currentItemId, now: serverNow() })
 *   .map((s) => `${s.person} ${Math.round(s.share * 100)}%`);
 */
export function speakingTimes(state: MeetingState, scope: SpeakingScope = {}): SpeakerTime[] {
  const tallies = new Map<string, Tally>();
  for (const round of allRounds(state)) {
    if (scope.itemId !== undefined && round.itemId !== scope.itemId) continue;
    // Only the running round of the current step has a turn in progress.
    const running = round === state.round && !isRoundComplete(round);
    tallyRound(round, tallies, running && scope.now !== undefined ? scope.now : null);
  }
  let total = 0;
  for (const tally of tallies.values()) total += tally.spokenMs;
  return [...tallies.entries()]
    .map(([person, tally]) => ({
      person,
      ...tally,
      share: total > 0 ? tally.spokenMs / total : 0,
    }))
    .sort((a, b) => b.spokenMs - a.spokenMs || compareCodeUnits(a.person, b.person));
}

/**
 * The people taking part (not observers, by the log's roles) who have not
 * spoken in a round of the item yet — a pass is not being heard — in the
 * people's join order (SPEC EQUITY-3). With `itemId` null: the whole
 * meeting so far.
 *
 * @example
 * notYetHeard(state, { agenda: [], people }, state.currentItemId); // ['chloe']
 */
export function notYetHeard(
  state: MeetingState,
  context: Pick<FoldContext, 'people'>,
  itemId: string | null,
): string[] {
  const heard = new Set<string>();
  for (const round of allRounds(state)) {
    if (itemId !== null && round.itemId !== itemId) continue;
    for (const turn of round.turns) if (turn.status === 'spoken') heard.add(turn.person);
  }
  const fold = { agenda: [], people: context.people };
  return context.people
    .filter((p: MeetingPerson) => {
      const role = roleOf(state, fold, p.id);
      return (role === 'facilitator' || role === 'participant') && !heard.has(p.id);
    })
    .map((p) => p.id);
}

/**
 * A speaking order with the quiet ones first: the people of `quiet` keep
 * their relative order at the front, the others follow in theirs
 * (SPEC EQUITY-4).
 *
 * @example
 * quietFirst(['ana', 'ben', 'chloe'], ['chloe']); // ['chloe', 'ana', 'ben']
 */
export function quietFirst(order: readonly string[], quiet: readonly string[]): string[] {
  const isQuiet = new Set(quiet);
  return [...order.filter((id) => isQuiet.has(id)), ...order.filter((id) => !isQuiet.has(id))];
}
