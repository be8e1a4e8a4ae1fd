import type { DocKind } from '@ronde/domain';
import type * as Y from 'yjs';
import { locateUpdate } from './locateUpdate.ts';
import type { ParsedUpdate } from './parseUpdate.ts';
import { meetingFacts } from './meetingFacts.ts';
import { judgeWrites, type Writer } from './writePolicy.ts';

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

/** A store-queue guard that takes the update's parse when the caller has it (decoded once). */
export type PolicyGuard = (doc: Y.Doc, update: Uint8Array, parsed?: ParsedUpdate) => void;

/**
 * The write policy as a store-queue guard (SPEC WRITE-1): locates the
 * update's writes on the document as it stands once every earlier update is
 * applied, judges them, and throws {@link WriteRefused} for the first one
 * its writer may not make.
 *
 * @example
 * await loaded.store(update, peer, policyGuard('meeting', { userId, role }));
 */
export function policyGuard(kind: DocKind, writer: Writer): PolicyGuard {
  return (doc: Y.Doc, update: Uint8Array, parsed?: ParsedUpdate) => {
    const located = locateUpdate(update, doc, parsed);
    if (!located.ok) throw new WriteRefused('WRITE-1', located.reason);
    if (located.writes.length === 0) return;
    let facts: ReturnType<typeof meetingFacts> | null = null;
    const verdict = judgeWrites(kind, located.writes, {
      writer,
      doc,
      meeting: () => (facts ??= meetingFacts(doc)),
    });
    if (!verdict.ok) throw new WriteRefused(verdict.rule, verdict.reason);
  };
}
