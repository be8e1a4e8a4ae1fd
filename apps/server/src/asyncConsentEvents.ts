import {
  MIN_DEADLINE_MS,
  SERVER_AUTHOR,
  consentLog,
  eventSigningPayload,
  foldAsyncConsent,
  newId,
  parseAsyncPersonEvent,
  parseRoomName,
  readAsyncPolicy,
  readConsentLog,
  readProposal,
  roomName,
  spaceRoom,
  type AsyncPersonEvent,
  type MeetingEvent,
  type RoomRef,
} from '@ronde/domain';
import type { Member } from './accessStore.ts';
import { freezeText, hasTextDigest, unfreezeText } from './asyncConsentText.ts';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import {
  checkSignedSubmission,
  EventRefusal,
  type EventSubmission,
  type SubmissionRules,
} from './processEvents.ts';
import type { EventDeps, Signed } from './signedEvent.ts';

/**
 * Signed events of an asynchronous consent (server SPEC ACONS-5…9,
 * docs/legitimacy.md §5). They arrive on the consent room's socket like
 * meeting events (message 5) and pass the same checks (EVT-2…7: a writer, a
 * known well-formed event, a registered key of its author, a verified
 * signature, a fresh id); then the server refuses what the fold would
 * ignore, saying why, and what comes after the deadline. An opening is
 * appended with the server's roll in the same write; an opening or an
 * amendment must name the text the server holds, and an early close freezes
 * the text it adopts (ACONS-13, ACONS-14).
 */

export interface AsyncEventDeps extends EventDeps {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  /** The space's members, for the roll (ACONS-6). */
  readonly members: { listMembers(spaceId: string): Promise<readonly Member[]> };
  /** The server's clock. */
  readonly now: () => number;
  /** The shortest time from now to a deadline (ACONS-16; default the domain's floor, a minute). */
  readonly minDeadlineMs?: number;
  /** How long an opening or amendment waits for the text it names (ACONS-13; default 5 s). */
  readonly textWaitMs?: number;
  /** Called before an opening is appended: the consent is pending until its consequences are written. */
  readonly markPending: (room: string) => Promise<void>;
}

export type StoredAsyncEvent = Signed<AsyncPersonEvent>;

/**
 * Checks a submitted consent event and appends it as the server, or rejects
 * with an {@link EventRefusal}. Resolves once stored and relayed.
 *
 * @example
 * await submitAsyncEvent({ room, userId, canWrite, json }, loaded, deps);
 */
export async function submitAsyncEvent(
  submission: EventSubmission,
  loaded: LoadedDocument,
  deps: AsyncEventDeps,
): Promise<StoredAsyncEvent> {
  const stored = await checkSignedSubmission(submission, deps, CONSENT_EVENTS);
  const ref = parseRoomName(submission.room);
  if (ref === null) throw new EventRefusal(stored.id, 'malformed', 'not a room');
  if (stored.type === 'async.open') {
    const roll = await rollFor(ref.spaceId, stored, deps);
    await sameText(ref, stored.proposalId, stored.digest, stored.id, deps);
    await deps.markPending(submission.room);
    await loaded.write((doc) => {
      if (readConsentLog(doc).length > 0) {
        throw new EventRefusal(stored.id, 'not-allowed', 'this consent is already open');
      }
      const log = [stored, roll];
      const state = foldAsyncConsent(log);
      if (state.phase !== 'open') {
        throw new EventRefusal(stored.id, 'not-allowed', state.results[0]?.why ?? 'refused');
      }
      consentLog(doc).push(log);
    });
    return stored;
  }
  const held = foldAsyncConsent(readConsentLog(loaded.doc));
  if (stored.type === 'async.amend' && held.phase === 'open') {
    // The amendment names the text the server holds (ACONS-13).
    await sameText(ref, held.proposalId, stored.digest, stored.id, deps);
  }
  if (stored.type === 'async.close' && held.phase === 'open') {
    return closeEarly(submission, loaded, deps, stored, held.proposalId);
  }
  await append(loaded, stored, deps);
  return stored;
}

/** The deployment's shortest time to a deadline, never below the domain's floor (ACONS-16). */
const minDeadline = (deps: AsyncEventDeps): number =>
  Math.max(MIN_DEADLINE_MS, deps.minDeadlineMs ?? MIN_DEADLINE_MS);

/** The refusal's detail: the reason code the page words, then the minimum in minutes. */
const tooSoon = (deps: AsyncEventDeps): string =>
  `bad-deadline: a deadline is at least ${Math.round(minDeadline(deps) / 60_000)} minutes away`;

/** Refuses an opening or amendment whose digest is not the server's text's (ACONS-13). */
async function sameText(
  ref: RoomRef,
  proposalId: string,
  digest: string,
  eventId: string,
  deps: AsyncEventDeps,
): Promise<void> {
  if (!(await hasTextDigest(deps.registry, ref, proposalId, digest, deps.textWaitMs))) {
    throw new EventRefusal(
      eventId,
      'not-allowed',
      'text-differs: the text on the server is not the one you sent; wait until your edits are saved and try again',
    );
  }
}

/**
 * An early close freezes the text first (ACONS-14), then appends only if
 * the frozen text is the revision's everyone consented to; if not appended,
 * the freeze is lifted.
 */
async function closeEarly(
  submission: EventSubmission,
  loaded: LoadedDocument,
  deps: AsyncEventDeps,
  stored: StoredAsyncEvent,
  proposalId: string,
): Promise<StoredAsyncEvent> {
  const ref = parseRoomName(submission.room);
  if (ref === null) throw new EventRefusal(stored.id, 'malformed', 'not a room');
  const frozen = await freezeText(deps.registry, ref, proposalId, stored.id);
  try {
    if (frozen !== null && frozen.closingId !== stored.id) {
      throw new EventRefusal(stored.id, 'closed', 'the consent is already closing');
    }
    const state = foldAsyncConsent(readConsentLog(loaded.doc));
    if (frozen !== null && frozen.digest !== state.digest) {
      throw new EventRefusal(
        stored.id,
        'not-allowed',
        'text-changed: the text changed since its last recorded revision',
      );
    }
    await append(loaded, stored, deps);
    return stored;
  } catch (error) {
    // Lifted only if no closing took this freeze's id (the deadline's run may reuse it).
    const taken = readConsentLog(loaded.doc).some(
      (entry) => (entry as { id?: unknown } | null)?.id === stored.id,
    );
    if (frozen?.closingId === stored.id && !taken) {
      await unfreezeText(deps.registry, ref, proposalId, stored.id);
    }
    throw error;
  }
}

/** Appends a person's event if the fold applies it, before the deadline (ACONS-7). */
async function append(
  loaded: LoadedDocument,
  stored: StoredAsyncEvent,
  deps: AsyncEventDeps,
): Promise<void> {
  await loaded.write((doc) => {
    const log = readConsentLog(doc);
    if (log.some((entry) => (entry as { id?: unknown } | null)?.id === stored.id)) {
      throw new EventRefusal(stored.id, 'duplicate-id', 'an event with this id is already here');
    }
    const before = foldAsyncConsent(log);
    if (before.phase === 'open' && deps.now() >= before.deadline) {
      throw new EventRefusal(stored.id, 'closed', 'the deadline has passed');
    }
    if (stored.type === 'async.extend' && stored.deadline < deps.now() + minDeadline(deps)) {
      throw new EventRefusal(stored.id, 'not-allowed', tooSoon(deps));
    }
    const after = foldAsyncConsent([...log, stored]);
    const result = after.results[after.results.length - 1];
    if (result?.status !== 'applied') {
      const why = result?.why ?? 'refused';
      throw new EventRefusal(stored.id, why === 'closed' ? 'closed' : 'not-allowed', why);
    }
    consentLog(doc).push([stored]);
  });
}

const CONSENT_EVENTS: SubmissionRules<AsyncPersonEvent> = {
  kind: 'consent',
  wrongRoom: 'consent events go to consent rooms',
  readOnly: 'observers do not position',
  parse: parseAsyncPersonEvent,
  // The payload is the same canonical JSON as a meeting event's (SIGN-2), bound to this room.
  payload: (room, kid, event) => eventSigningPayload(room, kid, event as unknown as MeetingEvent),
};

/**
 * The server's roll of an opening (ACONS-6): the opening is its proposal's
 * author's, on a draft, with a deadline 1 minute to 90 days away on the
 * server's clock; the voters are the space's members who may write
 * (observers excepted), the facilitators its admins and facilitators, the
 * policy the space's setting now.
 */
async function rollFor(
  spaceId: string,
  open: StoredAsyncEvent & { type: 'async.open' },
  deps: AsyncEventDeps,
): Promise<Record<string, unknown>> {
  const now = deps.now();
  if (open.deadline < now + minDeadline(deps)) {
    throw new EventRefusal(open.id, 'not-allowed', tooSoon(deps));
  }
  const proposal = deps.registry.open(roomName({ spaceId, kind: 'proposal', id: open.proposalId }));
  try {
    const meta = readProposal((await proposal.ready).doc);
    if (meta === null) throw new EventRefusal(open.id, 'not-allowed', 'no such proposal');
    if (meta.authorId !== open.by) {
      throw new EventRefusal(open.id, 'not-allowed', 'only its proposer sends a proposal');
    }
    if (meta.status !== 'draft') {
      throw new EventRefusal(open.id, 'not-allowed', `the proposal is ${meta.status}`);
    }
  } finally {
    proposal.release();
  }
  const space = deps.registry.open(spaceRoom(spaceId));
  let policy;
  try {
    policy = readAsyncPolicy((await space.ready).doc);
  } finally {
    space.release();
  }
  const members = [...(await deps.members.listMembers(spaceId))].sort((a, b) =>
    a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0,
  );
  const voters = members.filter((m) => m.role !== 'observer').map((m) => m.userId);
  const facilitators = members
    .filter((m) => m.role === 'admin' || m.role === 'facilitator')
    .map((m) => m.userId);
  const names = Object.fromEntries(members.map((m) => [m.userId, m.name]));
  return {
    id: newId(),
    type: 'async.roll',
    by: SERVER_AUTHOR,
    at: now,
    voters,
    facilitators,
    policy: { ...policy },
    names,
  };
}
