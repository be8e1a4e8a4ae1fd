import {
  eventSigningPayload,
  meetingLog,
  parseEvent,
  parseRoomName,
  type DocKind,
  type MeetingEvent,
} from '@ronde/domain';
import type { LoadedDocument } from './documents.ts';
import { logEventIds } from './meetingFacts.ts';
import { checkSignature, type EventDeps as SignatureDeps, type Signed } from './signedEvent.ts';

/**
 * Signed process events, sequenced by the server (SPEC EVT-1 … EVT-7,
 * docs/legitimacy.md §1). A client never writes the meeting's `log`; it
 * submits an event (message 5) and the server appends it with its own
 * origin, after these checks, in this order:
 *
 * - EVT-2 the room is a meeting room and the connection may write;
 * - EVT-3 the JSON is a known, well-typed event (the domain's `parseEvent`)
 *   carrying a key id and a signature;
 * - EVT-4 the key is registered in this space for the event's author, and the
 *   signature verifies over `eventSigningPayload(room, kid, event)`;
 * - EVT-5 the author is the connection's user — or, with a verified
 *   signature, any member: how a client re-uploads others' events after the
 *   server was restored from a backup (the signed room and id stop replays);
 * - EVT-9 that other author is a current member of the space who may write
 *   (not removed, not an observer): their device keys outlive their
 *   membership (KEY-5), their standing does not;
 * - EVT-6 the id is not yet in the log (checked inside the document's store
 *   queue, so two submissions of one id append once);
 * - EVT-7 what is stored is the parsed event plus `kid` and `sig`, exactly
 *   what was signed: unknown fields never reach the log;
 * - EVT-8 its `at` is not ahead of the server's clock by more than
 *   {@link MAX_EVENT_LEAD_MS} (refused as `clock`).
 */

export type RefusalCode =
  | 'malformed'
  | 'duplicate-id'
  | 'not-author'
  | 'unknown-key'
  | 'bad-signature'
  | 'read-only'
  | 'not-a-meeting'
  | 'document-full'
  | 'quota'
  // The member's daily share of this document is spent (QUOTA-3).
  | 'daily-quota'
  // An asynchronous consent's event its fold would ignore, or one after its deadline (ACONS-7).
  | 'not-allowed'
  | 'closed'
  // A meeting event dated ahead of the server's clock (EVT-8).
  | 'clock';

export class EventRefusal extends Error {
  override name = 'EventRefusal';
  constructor(
    readonly eventId: string,
    readonly code: RefusalCode,
    detail: string,
  ) {
    super(detail);
  }
}

export interface EventSubmission {
  readonly room: string;
  readonly userId: string;
  readonly canWrite: boolean;
  readonly json: string;
}

/**
 * Who the space's members are now, with their role: the access store, which
 * the server hands over as `keys` (it looks up device keys too).
 */
interface MemberLookup {
  getMember(spaceId: string, userId: string): Promise<{ readonly role: string } | null>;
}

/**
 * Checking a signed event needs the space's device keys and a verifier
 * (signedEvent.ts), and, for an event in another member's name (EVT-9), the
 * members as they stand: without that lookup (unit tests of the signature
 * checks) EVT-9 is not checked.
 */
export type EventDeps = SignatureDeps & {
  readonly keys: SignatureDeps['keys'] & Partial<MemberLookup>;
  /** The server's clock (EVT-8); default `Date.now` (an asynchronous consent's deps carry it). */
  readonly now?: () => number;
};

/** The stored form of an accepted event: the parsed event, its key id and signature. */
export type StoredEvent = Signed<MeetingEvent>;

/** What makes one room's signed events: where they go and how they are read and signed. */
export interface SubmissionRules<E extends { readonly id: string; readonly by: string }> {
  /** The kind of room they are submitted to. */
  readonly kind: DocKind;
  /** The refusal's words for another room (not-a-meeting). */
  readonly wrongRoom: string;
  /** The refusal's words for a connection that may not write (read-only). */
  readonly readOnly: string;
  /** The domain's parser: a known, well-typed event or `null`. */
  readonly parse: (raw: unknown) => E | null;
  /** What its author signed, bound to the room (SIGN-2). */
  readonly payload: (room: string, kid: string, event: E) => Uint8Array;
}

/**
 * The envelope every event submitted on a socket passes (EVT-2 … EVT-4, in
 * this order): JSON, for a room of the rules' kind, from a connection that
 * may write, a known well-formed event, signed by a registered key of its
 * author. Resolves with what to store, or rejects with an
 * {@link EventRefusal}; a refusal before parsing names the raw id, cut to 64
 * characters.
 *
 * @example
 * const stored = await checkSignedSubmission(submission, deps, MEETING_EVENTS);
 */
export async function checkSignedSubmission<
  E extends { readonly id: string; readonly by: string; readonly at: number },
>(
  submission: EventSubmission,
  deps: EventDeps,
  rules: SubmissionRules<E>,
  now: () => number = deps.now ?? Date.now,
): Promise<Signed<E>> {
  const room = parseRoomName(submission.room);
  let raw: unknown;
  try {
    raw = JSON.parse(submission.json);
  } catch {
    throw new EventRefusal('', 'malformed', 'the event is not JSON');
  }
  const rawId = (raw as { id?: unknown } | null)?.id;
  const eventId = typeof rawId === 'string' ? rawId.slice(0, 64) : '';
  if (room?.kind !== rules.kind) throw new EventRefusal(eventId, 'not-a-meeting', rules.wrongRoom);
  if (!submission.canWrite) throw new EventRefusal(eventId, 'read-only', rules.readOnly);
  const event = rules.parse(raw);
  if (!event) throw new EventRefusal(eventId, 'malformed', 'not a known, well-formed event');
  const checked = await checkSignature(
    raw,
    event,
    room.spaceId,
    (kid) => rules.payload(submission.room, kid, event),
    deps,
  );
  if (!checked.ok) throw new EventRefusal(event.id, checked.code, checked.detail);
  checkLead(event, now);
  // EVT-9: in someone else's name (EVT-5) only while that someone is a member who may write.
  const members = deps.keys.getMember;
  if (event.by !== submission.userId && members) {
    const author = await members.call(deps.keys, room.spaceId, event.by);
    if (author === null || author.role === 'observer') {
      throw new EventRefusal(
        event.id,
        'not-author',
        'its author is not a member of this space who may write',
      );
    }
  }
  return checked.signed;
}

const MEETING_EVENTS: SubmissionRules<MeetingEvent> = {
  kind: 'meeting',
  wrongRoom: 'process events go to meeting rooms',
  readOnly: 'observers do not take part in the process',
  parse: parseEvent,
  payload: eventSigningPayload,
};

/**
 * How far ahead of the server's clock an event's `at` may be (EVT-8). The
 * fold times turns, items and rounds by their events' `at` (EQUITY-1,
 * TIME-1, ROUND-5): a turn ended an hour ahead would credit its speaker an
 * hour and start the next turn in the future; an asynchronous consent's
 * fold bounds a deadline by its event's `at` (ASYNC), so an opening or an
 * extension dated a year ahead could set a deadline fifteen months away. Clients stamp events with the
 * server's time (DESIGN 9, its offset measured over the socket before any
 * command), so a minute covers what that measure misses. Events in the past
 * are not bounded: a client's outbox re-sends old ones after a reconnect or
 * a restore (EVT-5).
 */
export const MAX_EVENT_LEAD_MS = 60_000;

/**
 * Checks a submitted event (EVT-2 … EVT-5, EVT-8); resolves with what to
 * store, or rejects with an {@link EventRefusal}.
 *
 * @example
 * const stored = await checkSubmittedEvent(submission, deps, Date.now);
 */
export async function checkSubmittedEvent(
  submission: EventSubmission,
  deps: EventDeps,
  now: () => number = Date.now,
): Promise<StoredEvent> {
  // EVT-5: by someone else is fine only because the signature proved it theirs.
  return checkSignedSubmission(submission, deps, MEETING_EVENTS, now);
}

/** EVT-8: refused as `clock` when dated more than {@link MAX_EVENT_LEAD_MS} ahead of `now`. */
function checkLead(event: { readonly id: string; readonly at: number }, now: () => number): void {
  const lead = event.at - now();
  if (lead > MAX_EVENT_LEAD_MS) {
    throw new EventRefusal(
      event.id,
      'clock',
      `the event is dated ${Math.round(lead / 1000)} s ahead of the server's clock`,
    );
  }
}

/**
 * Appends a checked event to the meeting's log as the server (EVT-6: a
 * duplicate id is refused inside the store queue). Resolves once stored and
 * relayed.
 *
 * @example
 * await appendCheckedEvent(loaded, stored);
 */
export async function appendCheckedEvent(
  loaded: LoadedDocument,
  stored: StoredEvent,
): Promise<void> {
  await loaded.write((doc) => {
    if (logEventIds(doc).has(stored.id)) {
      throw new EventRefusal(
        stored.id,
        'duplicate-id',
        'an event with this id is already in the log',
      );
    }
    meetingLog(doc).push([stored]);
  });
}
