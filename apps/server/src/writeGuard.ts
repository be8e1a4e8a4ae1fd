import {
  currentItem,
  foldMeeting,
  listAgenda,
  listPeople,
  mayAmendText,
  meetingFields,
  proposalFields,
  readLog,
  roomName,
  spaceMeetings,
  spaceProposals,
  spaceRoom,
  type DocKind,
  type MeetingState,
  type RoomRef,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { AccessStore } from './accessStore.ts';
import { ownerNameRefusal, ownerNamings } from './actionOwners.ts';
import { structClients, type Authorship } from './authorship.ts';
import type { DocumentRegistry } from './documents.ts';
import { contributionOf } from './contribution.ts';
import { locateUpdate, type LocatedWrite } from './locateUpdate.ts';
import { parseUpdate, type ParsedUpdate } from './parseUpdate.ts';
import { meetingFacts } from './meetingFacts.ts';
import type { ContributionInput } from './storage.ts';
import { judgeWrites, type RuleContext, type Writer } from './writePolicy.ts';

/** An update the write policy refused: nothing of it was stored or applied. */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
  constructor(
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`write refused (${rule}): ${reason}`);
  }
}

/**
 * A store-queue guard that takes the update's parse when the caller has it
 * (decoded once), and answers the writes it located.
 */
export type PolicyGuard = (
  doc: Y.Doc,
  update: Uint8Array,
  parsed?: ParsedUpdate,
  /** What the guard read in other documents of the space for this update (none: unknown). */
  read?: ReadElsewhere,
) => readonly LocatedWrite[];

/** What a proposal's rules need from the space's other documents (WRITE-8, WRITE-22). */
export type ReadElsewhere = Pick<RuleContext, 'amending' | 'listedAuthor'>;

/** Other documents of the same space, read as the server holds them. */
export interface SpaceReads {
  /** The process state of a meeting. */
  meeting(meetingId: string): Promise<MeetingState>;
  /**
   * Who the space's index lists as a proposal's author or a meeting's
   * creator, or null when it lists none.
   */
  listedAuthor(kind: 'proposal' | 'meeting', id: string): Promise<string | null>;
  /**
   * The space's members' registered names, by id, read afresh from the
   * access store (NAME-6); absent where no access store is wired (tests of
   * other rules).
   */
  memberNames?(): Promise<ReadonlyMap<string, string>>;
}

/**
 * Each meeting document's fold, until the document changes: a proposal's
 * every keystroke asks for it (AMEND-1, WRITE-8), and folding a meeting of
 * a thousand events takes tens of milliseconds. `null`: changed since.
 */
const meetingFolds = new WeakMap<Y.Doc, MeetingState | null>();

/** The meeting in `doc` folded with its agenda and people, folded again only after a change. */
export function foldedMeeting(doc: Y.Doc): MeetingState {
  const cached = meetingFolds.get(doc);
  if (cached) return cached;
  if (cached === undefined) doc.on('update', () => meetingFolds.set(doc, null));
  const state = foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) });
  meetingFolds.set(doc, state);
  return state;
}

/**
 * {@link SpaceReads} over the registry: each document as loaded (a claim,
 * released once read); a meeting folded with its agenda and people (once
 * per change of its document, {@link foldedMeeting}); the members' names
 * from `members`, when given.
 *
 * @example
 * writeGuard('proposal', writer, now, ref, registryReads(registry, ref.spaceId, access));
 */
export function registryReads(
  registry: Pick<DocumentRegistry, 'open'>,
  spaceId: string,
  members?: Pick<AccessStore, 'listMembers'>,
): SpaceReads {
  async function read<T>(room: string, use: (doc: Y.Doc) => T): Promise<T> {
    const handle = registry.open(room);
    try {
      return use((await handle.ready).doc);
    } finally {
      handle.release();
    }
  }
  return {
    meeting: (meetingId) =>
      read(roomName({ spaceId, kind: 'meeting', id: meetingId }), foldedMeeting),
    listedAuthor: (kind, id) =>
      read(spaceRoom(spaceId), (doc) => {
        const author =
          kind === 'proposal'
            ? spaceProposals(doc).get(id)?.get('authorId')
            : spaceMeetings(doc).get(id)?.get('createdBy');
        return typeof author === 'string' && author !== '' ? author : null;
      }),
    ...(members
      ? {
          memberNames: async () =>
            new Map((await members.listMembers(spaceId)).map((m) => [m.userId, m.name])),
        }
      : {}),
  };
}

/**
 * NAME-6 on a space document's located writes: the owners' names of the
 * actions they touch, checked against the members' registered names, read
 * only when some write touches an owner (rare: an action assigned).
 */
async function checkOwnerNames(
  writes: readonly LocatedWrite[],
  doc: Y.Doc,
  reads: SpaceReads,
): Promise<void> {
  if (!reads.memberNames) return;
  const namings = ownerNamings(writes, doc);
  if (namings.length === 0) return;
  const refusal = ownerNameRefusal(namings, await reads.memberNames());
  if (refusal !== null) throw new WriteRefused('WRITE-18', `${refusal} (NAME-6)`);
}

/**
 * What a proposal's or a meeting's rules need from elsewhere: who the index
 * lists as its author or creator, while the document is not created yet
 * (WRITE-22); for a proposal, whether the writer may amend it now
 * (AMEND-1), when a meeting holds it. Nothing for a space.
 */
async function readElsewhere(
  kind: DocKind,
  doc: Y.Doc,
  userId: string,
  room: RoomRef | undefined,
  reads: SpaceReads,
): Promise<ReadElsewhere | undefined> {
  if (kind !== 'proposal' && kind !== 'meeting') return undefined;
  const created = kind === 'proposal' ? proposalFields(doc) : meetingFields(doc);
  if (!created.has('id')) {
    if (room === undefined) return undefined;
    const author = await reads.listedAuthor(kind, room.id);
    return author === null ? undefined : { listedAuthor: author };
  }
  if (kind === 'meeting') return undefined;
  const amending = await amendingNow(doc, userId, reads);
  return amending === undefined ? undefined : { amending };
}

/**
 * Whether `userId` may amend a proposal's text now, when a meeting holds it
 * in consent (server WRITE-8, domain AMEND-1): the meeting that took it up
 * (`consentMeetingId`, CONS-3) is at an amend step of this proposal's item,
 * and they are its proposer or a facilitator. `undefined` when no meeting
 * holds it (a draft, an asynchronous consent, a proposal taken up before the
 * server noted the meeting).
 */
async function amendingNow(
  doc: Y.Doc,
  userId: string,
  reads: SpaceReads,
): Promise<boolean | undefined> {
  const fields = proposalFields(doc);
  if (fields.get('status') !== 'in-consent') return undefined;
  if (fields.has('asyncConsentId') && !fields.has('asyncClosedBy')) return undefined;
  const meetingId = fields.get('consentMeetingId');
  if (typeof meetingId !== 'string' || meetingId === '') return undefined;
  const state = await reads.meeting(meetingId);
  return currentItem(state)?.proposalId === fields.get('id') && mayAmendText(state, userId);
}

/** The whole guard of a member's update: policy, authorship, then its contribution row. */
export type WriteGuard = (
  doc: Y.Doc,
  update: Uint8Array,
  parsed: ParsedUpdate | undefined,
  authors: Authorship,
) => Promise<ContributionInput | null>;

/**
 * The write policy as a store-queue guard (SPEC WRITE-1): locates the
 * update's writes on the document as it stands once every earlier update is
 * applied, judges them, and throws {@link WriteRefused} for the first one
 * its writer may not make.
 *
 * @example
 * await loaded.store(update, peer, policyGuard('meeting', { userId, role }, ref));
 */
export function policyGuard(kind: DocKind, writer: Writer, room?: RoomRef): PolicyGuard {
  // One context per document, its meeting facts folded at most once per judged update:
  // judged updates run one at a time, synchronously.
  let facts: ReturnType<typeof meetingFacts> | null = null;
  let ctx: RuleContext | null = null;
  return (doc: Y.Doc, update: Uint8Array, parsed?: ParsedUpdate, read?: ReadElsewhere) => {
    const located = locateUpdate(update, doc, parsed);
    if (!located.ok) throw new WriteRefused('WRITE-1', located.reason);
    if (located.writes.length === 0) return located.writes;
    facts = null;
    if (ctx?.doc !== doc) {
      ctx = {
        writer,
        doc,
        meeting: () => (facts ??= meetingFacts(doc)),
        ...(room ? { room } : {}),
      };
    }
    const verdict = judgeWrites(
      kind,
      located.writes,
      read === undefined ? ctx : { ...ctx, ...read },
    );
    facts = null;
    if (!verdict.ok) throw new WriteRefused(verdict.rule, verdict.reason);
    return located.writes;
  };
}

/**
 * The write guard of a member's connection to `room`, in the store queue: the write
 * policy (WRITE-1…15), the names of actions' owners (NAME-6), then authorship (WRITE-16: every client whose new
 * structs the update carries is the writer's, bound now if fresh), and
 * answers the update's contribution row (AUTHOR-3), `null` when it writes
 * nothing. Throws {@link WriteRefused}; nothing is bound when the policy
 * refuses.
 *
 * @example
 * await loaded.store(update, peer, (doc, bytes) =>
 *   guard(doc, bytes, parsed, loaded.authors),
 * );
 */
export function writeGuard(
  kind: DocKind,
  writer: Writer,
  now: () => number,
  room?: RoomRef,
  reads?: SpaceReads,
): WriteGuard {
  const policy = policyGuard(kind, writer, room);
  return async (doc, update, parsed, authors) => {
    const read = reads ? await readElsewhere(kind, doc, writer.userId, room, reads) : undefined;
    const writes = policy(doc, update, parsed, read);
    if (kind === 'space' && reads) await checkOwnerNames(writes, doc, reads);
    const clients = structClients(parsed ?? parseUpdate(update), doc);
    const row = contributionOf(writer.userId, now(), clients, writes);
    if (clients.length > 0) {
      const conflict = await authors.claim(doc, writer.userId, clients);
      if (conflict) {
        throw new WriteRefused(
          'WRITE-16',
          conflict.member === null
            ? `client ${conflict.clientId} wrote here before authorship was recorded; open the document afresh`
            : `client ${conflict.clientId} belongs to another author; open the document afresh`,
        );
      }
    }
    return row;
  };
}
