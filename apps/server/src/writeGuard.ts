import {
  currentItem,
  foldMeeting,
  listAgenda,
  listPeople,
  mayAmendText,
  proposalFields,
  readLog,
  roomName,
  type DocKind,
  type MeetingState,
  type RoomRef,
} from '@ronde/domain';
import type * as Y from 'yjs';
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
  /** Whether the writer may amend a proposal a meeting holds now (AMEND-1); unknown: undefined. */
  amending?: boolean,
) => readonly LocatedWrite[];

/** The process state of a meeting of the same space, read as the server holds it. */
export type MeetingReader = (meetingId: string) => Promise<MeetingState>;

/**
 * A {@link MeetingReader} over the registry: the meeting's document as
 * loaded (a claim, released once read), folded with its agenda and people.
 *
 * @example
 * writeGuard('proposal', writer, now, ref, registryMeetings(registry, ref.spaceId));
 */
export function registryMeetings(
  registry: Pick<DocumentRegistry, 'open'>,
  spaceId: string,
): MeetingReader {
  return async (meetingId) => {
    const handle = registry.open(roomName({ spaceId, kind: 'meeting', id: meetingId }));
    try {
      const { doc } = await handle.ready;
      return foldMeeting(readLog(doc), { agenda: listAgenda(doc), people: listPeople(doc) });
    } finally {
      handle.release();
    }
  };
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
  meetings: MeetingReader,
): Promise<boolean | undefined> {
  const fields = proposalFields(doc);
  if (fields.get('status') !== 'in-consent') return undefined;
  if (fields.has('asyncConsentId') && !fields.has('asyncClosedBy')) return undefined;
  const meetingId = fields.get('consentMeetingId');
  if (typeof meetingId !== 'string' || meetingId === '') return undefined;
  const state = await meetings(meetingId);
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
  return (doc: Y.Doc, update: Uint8Array, parsed?: ParsedUpdate, amending?: boolean) => {
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
      amending === undefined ? ctx : { ...ctx, amending },
    );
    facts = null;
    if (!verdict.ok) throw new WriteRefused(verdict.rule, verdict.reason);
    return located.writes;
  };
}

/**
 * The write guard of a member's connection to `room`, in the store queue: the write
 * policy (WRITE-1…15), then authorship (WRITE-16: every client whose new
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
  meetings?: MeetingReader,
): WriteGuard {
  const policy = policyGuard(kind, writer, room);
  return async (doc, update, parsed, authors) => {
    const amending =
      kind === 'proposal' && meetings ? await amendingNow(doc, writer.userId, meetings) : undefined;
    const writes = policy(doc, update, parsed, amending);
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
