import {
  currentItem,
  currentSpeaker,
  effectivePositions,
  runningRound,
  type MeetingState,
  type PositionValue,
} from '@ronde/domain';
import type { PracticeLanguage, PracticeScript } from './practiceScripts.ts';

/**
 * What a bot would do now, if anything. `key` names the situation, so a bot
 * acts once per situation however many updates arrive while it waits.
 */
export type BotMove =
  | { readonly type: 'turn'; readonly key: string; readonly pass: boolean }
  | {
      readonly type: 'position';
      readonly key: string;
      readonly value: PositionValue;
      readonly reason: string;
    }
  | { readonly type: 'confirm'; readonly key: string; readonly objectionId: string };

export interface BotPart {
  readonly userId: string;
  /** The bot's place in the script (0, 1, 2…). */
  readonly index: number;
  readonly script: PracticeScript;
  readonly language: PracticeLanguage;
}

/**
 * The bot's move in `state` (SPEC PRACTICE-4): its turn when it is the
 * speaker, its position in a positions round it has none in, its
 * confirmation of an amendment linked to its objection; never a command of
 * the facilitator's.
 *
 * @example
 * botMove(foldMeeting(log, context), { userId, index: 0, script, language: 'en' });
 */
export function botMove(state: MeetingState, bot: BotPart): BotMove | null {
  if (state.phase === 'not-started' || state.phase === 'ended' || state.step === null) return null;
  if (state.roles[bot.userId] === 'observer') return null;
  const round = runningRound(state);
  if (round !== null && currentSpeaker(round) === bot.userId) {
    const plan = bot.script.turns[state.step.key]?.[bot.index] ?? 'speak';
    return { type: 'turn', key: `turn:${round.id}:${round.turns.length}`, pass: plan === 'pass' };
  }
  const item = currentItem(state);
  if (item === null) return null;
  if (state.step.kind === 'positions') {
    const round = state.step.positionRound;
    if (effectivePositions(item, round).some((p) => p.person === bot.userId)) return null;
    const scripted =
      round === 1 ? bot.script.firstRound[bot.index] : { value: bot.script.laterRounds };
    const value = scripted?.value ?? bot.script.laterRounds;
    const reason = scripted?.reason?.[bot.language] ?? '';
    return { type: 'position', key: `position:${item.id}:${round}`, value, reason };
  }
  if (state.step.kind === 'integration' && bot.script.confirmsAmendments) {
    for (const objection of item.objections) {
      const latest = objection.amendments.at(-1);
      if (objection.objector !== bot.userId || latest === undefined) continue;
      const mine = (c: { by: string; amendmentId: string }) =>
        c.by === bot.userId && c.amendmentId === latest.id;
      if (objection.confirmations.some(mine)) continue;
      return {
        type: 'confirm',
        key: `confirm:${objection.id}:${latest.id}`,
        objectionId: objection.id,
      };
    }
  }
  return null;
}
