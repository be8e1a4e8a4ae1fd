import type { DocKind, RoomRef } from '@ronde/domain';
import type * as Y from 'yjs';
import { structClients, type Authorship } from './authorship.ts';
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
) => readonly LocatedWrite[];

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
  return (doc: Y.Doc, update: Uint8Array, parsed?: ParsedUpdate) => {
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
    const verdict = judgeWrites(kind, located.writes, ctx);
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
): WriteGuard {
  const policy = policyGuard(kind, writer, room);
  return async (doc, update, parsed, authors) => {
    const writes = policy(doc, update, parsed);
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
