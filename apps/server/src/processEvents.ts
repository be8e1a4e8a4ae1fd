import {
  eventSigningPayload,
  meetingLog,
  parseEvent,
  parseRoomName,
  readSignature,
  type MeetingEvent,
} from '@ronde/domain';
import type { LoadedDocument } from './documents.ts';
import { logEventIds } from './meetingFacts.ts';

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
 * - EVT-6 the id is not yet in the log (checked inside the document's store
 *   queue, so two submissions of one id append once);
 * - EVT-7 what is stored is the parsed event plus `kid` and `sig`, exactly
 *   what was signed: unknown fields never reach the log.
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
  // An asynchronous consent's event its fold would ignore, or one after its deadline (ACONS-7).
  | 'not-allowed'
  | 'closed';

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

export interface DeviceKeyLookup {
  getDeviceKey(
    spaceId: string,
    keyId: string,
  ): Promise<{ readonly userId: string; readonly publicKey: string } | null>;
}

export interface EventSubmission {
  readonly room: string;
  readonly userId: string;
  readonly canWrite: boolean;
  readonly json: string;
}

export interface EventDeps {
  readonly keys: DeviceKeyLookup;
  /** Ed25519 verification of a base64url signature by a base64url raw public key. */
  readonly verify: (publicKey: string, payload: Uint8Array, signature: string) => boolean;
}

/** The stored form of an accepted event: the parsed event, its key id and signature. */
export type StoredEvent = MeetingEvent & { readonly kid: string; readonly sig: string };

/**
 * Checks a submitted event (EVT-2 … EVT-5); resolves with what to store, or
 * rejects with an {@link EventRefusal}.
 *
 * @example
 * const stored = await checkSubmittedEvent(submission, deps);
 */
export async function checkSubmittedEvent(
  submission: EventSubmission,
  deps: EventDeps,
): Promise<StoredEvent> {
  const room = parseRoomName(submission.room);
  let raw: unknown;
  try {
    raw = JSON.parse(submission.json);
  } catch {
    throw new EventRefusal('', 'malformed', 'the event is not JSON');
  }
  const rawId = (raw as { id?: unknown } | null)?.id;
  const eventId = typeof rawId === 'string' ? rawId.slice(0, 64) : '';
  if (room?.kind !== 'meeting') {
    throw new EventRefusal(eventId, 'not-a-meeting', 'process events go to meeting rooms');
  }
  if (!submission.canWrite) {
    throw new EventRefusal(eventId, 'read-only', 'observers do not take part in the process');
  }
  const event = parseEvent(raw);
  if (!event) throw new EventRefusal(eventId, 'malformed', 'not a known, well-formed event');
  const signature = readSignature(raw);
  if (!signature) throw new EventRefusal(event.id, 'bad-signature', 'the event is not signed');
  const key = await deps.keys.getDeviceKey(room.spaceId, signature.kid);
  if (!key || key.userId !== event.by) {
    throw new EventRefusal(event.id, 'unknown-key', 'the key is not one of the author’s devices');
  }
  const payload = eventSigningPayload(submission.room, signature.kid, event);
  if (!deps.verify(key.publicKey, payload, signature.sig)) {
    throw new EventRefusal(event.id, 'bad-signature', 'the signature does not verify');
  }
  // EVT-5: by someone else is fine only because the signature above proved it theirs.
  return { ...event, kid: signature.kid, sig: signature.sig };
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
