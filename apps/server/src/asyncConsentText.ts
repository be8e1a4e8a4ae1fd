import {
  proposalFields,
  proposalTextDigest,
  readProposal,
  roomName,
  type RoomRef,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { DocumentRegistry } from './documents.ts';

/**
 * The text an asynchronous consent decides (server SPEC ACONS-13…15). The
 * proposal's `asyncConsentId` names the consent holding it, `asyncClosedBy`
 * the closing whose outcome the server wrote. `asyncClosing`, set while the
 * status is still `in-consent` and until that outcome is written, freezes
 * the text (the write policy refuses every text edit, ACONS-4), so the text
 * compared with the last revision's digest is the one the decision keeps.
 */
export const ASYNC_CONSENT_FIELD = 'asyncConsentId';
export const ASYNC_CLOSED_FIELD = 'asyncClosedBy';
export const ASYNC_CLOSING_FIELD = 'asyncClosing';

type Registry = Pick<DocumentRegistry, 'open'>;

/** Whether this consent holds the proposal open (in consent, not closing). */
function heldBy(doc: Y.Doc, proposalId: string, consentId: string): boolean {
  const meta = readProposal(doc);
  const fields = proposalFields(doc);
  return (
    meta?.id === proposalId &&
    meta.status === 'in-consent' &&
    fields.get(ASYNC_CONSENT_FIELD) === consentId &&
    !fields.has(ASYNC_CLOSED_FIELD)
  );
}

async function withProposal<T>(
  registry: Registry,
  consent: RoomRef,
  proposalId: string,
  use: (write: (change: (doc: Y.Doc) => void) => Promise<unknown>, doc: Y.Doc) => Promise<T>,
): Promise<T> {
  const handle = registry.open(
    roomName({ spaceId: consent.spaceId, kind: 'proposal', id: proposalId }),
  );
  try {
    const loaded = await handle.ready;
    return await use((change) => loaded.write(change), loaded.doc);
  } finally {
    handle.release();
  }
}

/** What a freeze found: the closing id in force and the digest of the frozen text. */
export interface FrozenText {
  readonly closingId: string;
  readonly digest: string;
}

/**
 * Freezes the proposal's text for a closing (ACONS-13): inside the
 * proposal's store queue, when this consent holds it, sets `asyncClosing`
 * to `closingId` (or keeps the one already set: a run cut short before its
 * entry was appended) and reads the digest of the text as frozen. `null`
 * when the consent does not hold the proposal (a meeting decided it).
 *
 * @example
 * const frozen = await freezeText(registry, ref, proposalId, newId());
 */
export async function freezeText(
  registry: Registry,
  consent: RoomRef,
  proposalId: string,
  closingId: string,
): Promise<FrozenText | null> {
  return withProposal(registry, consent, proposalId, async (write) => {
    let frozen: FrozenText | null = null;
    await write((doc) => {
      if (!heldBy(doc, proposalId, consent.id)) return;
      const fields = proposalFields(doc);
      const current = fields.get(ASYNC_CLOSING_FIELD);
      const id = typeof current === 'string' && current !== '' ? current : closingId;
      if (current !== id) fields.set(ASYNC_CLOSING_FIELD, id);
      frozen = { closingId: id, digest: proposalTextDigest(doc) };
    });
    return frozen;
  });
}

/**
 * Lifts a freeze whose closing was not appended (an early close the fold
 * refused at the last moment): the proposer amends again.
 */
export async function unfreezeText(
  registry: Registry,
  consent: RoomRef,
  proposalId: string,
  closingId: string,
): Promise<void> {
  await withProposal(registry, consent, proposalId, async (write) => {
    await write((doc) => {
      if (!heldBy(doc, proposalId, consent.id)) return;
      if (proposalFields(doc).get(ASYNC_CLOSING_FIELD) === closingId) {
        proposalFields(doc).delete(ASYNC_CLOSING_FIELD);
      }
    });
  });
}

/** How long an opening or amendment waits for the edits it names (ACONS-13). */
export const TEXT_WAIT_MS = 5_000;

/**
 * Whether the server holds the proposal's text with this digest (ACONS-13):
 * read in its store queue (every update judged before is applied), and, if
 * not yet, again after each update applied to it for up to `waitMs` — the
 * author's edits travel on the proposal's socket, their event on the
 * consent's, and may arrive after it.
 *
 * @example
 * if (!(await hasTextDigest(registry, ref, proposalId, event.digest))) refuse('text-differs');
 */
export async function hasTextDigest(
  registry: Registry,
  consent: RoomRef,
  proposalId: string,
  digest: string,
  waitMs = TEXT_WAIT_MS,
): Promise<boolean> {
  return withProposal(registry, consent, proposalId, async (write, doc) => {
    const matches = (d: Y.Doc): boolean =>
      readProposal(d)?.id === proposalId && proposalTextDigest(d) === digest;
    let now = false;
    await write((d) => {
      now = matches(d);
    });
    if (now) return true;
    return new Promise<boolean>((resolve) => {
      const done = (result: boolean): void => {
        clearTimeout(timer);
        doc.off('update', onUpdate);
        resolve(result);
      };
      const onUpdate = (): void => {
        if (matches(doc)) done(true);
      };
      const timer = setTimeout(() => done(false), waitMs);
      doc.on('update', onUpdate);
    });
  });
}
