import { sign, type KeyObject } from 'node:crypto';
import {
  confirmAmendment,
  endTurn,
  eventSigningPayload,
  foldMeeting,
  joinMeeting,
  listAgenda,
  listPeople,
  passTurn,
  readLog,
  readMeeting,
  recordPosition,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import type { Logger } from '../log.ts';
import { connectBot, type BotClient } from './botClient.ts';
import { botMove, type BotMove, type BotPart } from './botMoves.ts';

export interface PracticeBotOptions extends BotPart {
  readonly name: string;
  readonly color: string;
  readonly origin: string;
  readonly room: string;
  /** The bot's registered device key (docs/legitimacy.md §2). */
  readonly kid: string;
  readonly privateKey: KeyObject;
  token(): string;
  /** How long the bot waits before it acts: a turn's length, a moment to "think". */
  readonly pauseMs: number;
  /** The server's clock (the bot runs in the server's process). */
  readonly now: () => number;
  readonly log: Logger;
  /** Once the bot stopped (meeting ended, closed, refused for good). */
  onStopped(reason: string): void;
}

export interface PracticeBot {
  readonly userId: string;
  /** Resolves once the bot is in the meeting's people (or gave up). */
  readonly joined: Promise<void>;
  stop(): void;
}

/**
 * A scripted participant (SPEC PRACTICE-2…5): a real client of the server
 * that joins the meeting, folds its replica of the log after each change and
 * answers with the domain's commands signed with its own key, each after a
 * pause on a timer. It follows the facilitator and stops when the meeting
 * ends.
 */
export function startPracticeBot(options: PracticeBotOptions): PracticeBot {
  const log = options.log.child({ bot: options.userId });
  let waiting: { key: string; timer: NodeJS.Timeout } | null = null;
  const done = new Set<string>();
  let stopped = false;
  let resolveJoined = (): void => undefined;
  const joined = new Promise<void>((resolve) => (resolveJoined = resolve));

  const client: BotClient = connectBot({
    origin: options.origin,
    room: options.room,
    token: options.token,
    user: { id: options.userId, name: options.name, color: options.color },
    log,
    onChange: () => react(),
    onStopped: (reason) => finish(reason),
  });
  void client.synced.then(() => {
    if (stopped) return;
    const doc = client.doc;
    if (readMeeting(doc) === null) return finish('no meeting in the room');
    if (!listPeople(doc).some((p) => p.id === options.userId)) {
      joinMeeting(doc, { id: options.userId, name: options.name, now: options.now() });
    }
    react();
  });

  function state(): MeetingState {
    const doc = client.doc;
    return foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) });
  }

  /** After each change: stop at the end, else schedule the move the state calls for. */
  function react(): void {
    if (stopped || readMeeting(client.doc) === null) return;
    if (listPeople(client.doc).some((p) => p.id === options.userId)) resolveJoined();
    const now = state();
    if (now.phase === 'ended') return finish('the meeting ended');
    const move = botMove(now, options);
    if (waiting !== null && waiting.key !== move?.key) {
      clearTimeout(waiting.timer);
      waiting = null;
    }
    if (move === null || waiting !== null || done.has(move.key)) return;
    const pause =
      move.type === 'turn' ? options.pauseMs : options.pauseMs * (1 + options.index / 2);
    waiting = { key: move.key, timer: setTimeout(() => act(move.key), pause) };
  }

  /** When the pause is over: acts if the state still calls for the same move. */
  function act(key: string): void {
    waiting = null;
    if (stopped) return;
    const now = state();
    const move = botMove(now, options);
    if (move === null || move.key !== key) return react();
    const event = command(now, move);
    const signed = {
      ...event,
      kid: options.kid,
      sig: sign(
        null,
        eventSigningPayload(options.room, options.kid, event),
        options.privateKey,
      ).toString('base64url'),
    };
    if (client.submit(signed)) done.add(key);
    else react();
  }

  function command(now: MeetingState, move: BotMove): MeetingEvent {
    const at = options.now();
    if (move.type === 'turn') {
      return move.pass ? passTurn(now, options.userId, at) : endTurn(now, options.userId, at);
    }
    if (move.type === 'position') {
      return recordPosition(now, options.userId, at, { value: move.value, reason: move.reason });
    }
    return confirmAmendment(now, options.userId, at, move.objectionId);
  }

  function finish(reason: string): void {
    if (stopped) return;
    stopped = true;
    if (waiting) clearTimeout(waiting.timer);
    waiting = null;
    client.close();
    resolveJoined();
    log.info('practice bot stopped', { reason });
    options.onStopped(reason);
  }

  return { userId: options.userId, joined, stop: () => finish('stopped') };
}
