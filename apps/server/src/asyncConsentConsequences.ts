import {
  buildAsyncDecisionEntry,
  foldAsyncConsent,
  hasDecision,
  listCircles,
  outcomeOfAsync,
  parseRoomName,
  proposalFields,
  proposalTitle,
  readAsyncConsentSummary,
  readConsentLog,
  readProposal,
  recordDecision,
  roomName,
  sameSummary,
  setProposalStatus,
  spaceAsyncConsents,
  spaceProposals,
  spaceRoom,
  statusAfterOutcome,
  statusPath,
  summarizeAsyncConsent,
  updateProposalSummary,
  type AsyncConsentState,
  type ProposalStatus,
} from '@ronde/domain';
import type * as Y from 'yjs';
import type { DocumentRegistry, LoadedDocument } from './documents.ts';
import {
  ASYNC_CLOSED_FIELD,
  ASYNC_CLOSING_FIELD,
  ASYNC_CONSENT_FIELD,
} from './asyncConsentText.ts';
import { withAdoptedChanges } from './governanceConsequences.ts';
import { storedCopy } from './versions.ts';

// The proposal's fields naming the consent that holds it (ACONS-8) and its closing (ACONS-9, ACONS-13).
export { ASYNC_CONSENT_FIELD } from './asyncConsentText.ts';

export interface AsyncConsequencesInput {
  readonly registry: Pick<DocumentRegistry, 'open'>;
  /** The consent's room, `<spaceId>/consent/<id>`. */
  readonly room: string;
  readonly now: () => number;
}

/**
 * Writes what a consent's log implies and the documents lack (server SPEC
 * ACONS-8, ACONS-9), each through the document's `write()` (stored, then
 * relayed), each re-checked inside its transaction so a second run writes
 * nothing: while open, the proposal is `in-consent`, held by this consent;
 * once closed, the proposal's status follows the outcome, then in one write
 * of the space the index status, the decision entry and, for an adoption,
 * the proposal's governance changes (GOVSRV-1). The space's index of
 * consents follows the fold. Answers the folded state (`null` when the
 * room holds no consent yet).
 *
 * @example
 * const state = await writeAsyncConsequences({ registry, room, now: Date.now });
 */
export async function writeAsyncConsequences(
  input: AsyncConsequencesInput,
): Promise<AsyncConsentState | null> {
  const ref = parseRoomName(input.room);
  if (ref === null || ref.kind !== 'consent') return null;
  return withDocument(input.registry, input.room, async (consent) => {
    const state = foldAsyncConsent(readConsentLog(consent.doc));
    if (state.phase === 'empty') return state;
    const proposalRoom = roomName({ spaceId: ref.spaceId, kind: 'proposal', id: state.proposalId });
    await withDocument(input.registry, proposalRoom, async (proposal) => {
      await withDocument(input.registry, spaceRoom(ref.spaceId), async (space) => {
        if (state.phase === 'open') await hold(proposal, ref.id, state);
        else await decide(input, proposal, space, ref.id, state);
        const title = proposalTitle(proposal.doc).toString().replace(/\s+/g, ' ').trim();
        const summary = summarizeAsyncConsent(ref.id, title, state);
        if (!sameSummary(readAsyncConsentSummary(space.doc, ref.id), summary)) {
          await space.write((doc) => {
            if (!sameSummary(readAsyncConsentSummary(doc, ref.id), summary)) {
              spaceAsyncConsents(doc).set(ref.id, { ...summary, awaiting: [...summary.awaiting] });
            }
          });
        }
        await indexStatus(proposal, space, state.proposalId, state.closing?.at ?? state.openedAt);
      });
    });
    return state;
  });
}

/** An open consent holds its proposal in consent (ACONS-8); a proposal no longer a draft is left. */
async function hold(proposal: LoadedDocument, id: string, state: AsyncConsentState) {
  const due = (doc: Y.Doc): boolean => {
    const meta = readProposal(doc);
    return meta?.id === state.proposalId && meta.status === 'draft';
  };
  if (!due(proposal.doc)) return;
  await proposal.write((doc) => {
    if (!due(doc)) return;
    setProposalStatus(doc, 'in-consent');
    proposalFields(doc).set(ASYNC_CONSENT_FIELD, id);
    // A closing of an earlier consent no longer says anything about this one.
    proposalFields(doc).delete(ASYNC_CLOSED_FIELD);
    proposalFields(doc).delete(ASYNC_CLOSING_FIELD);
  });
}

/**
 * A closed consent decides its proposal once (ACONS-9): only while this
 * consent holds it (a proposal decided meanwhile by a meeting is left as
 * it is, and no entry is written), or when this closing already moved it
 * (a run cut between the status and the entry).
 */
async function decide(
  input: AsyncConsequencesInput,
  proposal: LoadedDocument,
  space: LoadedDocument,
  id: string,
  state: AsyncConsentState,
) {
  const closing = state.closing;
  if (closing === null || hasDecision(space.doc, closing.eventId)) return;
  const owns = (doc: Y.Doc): boolean => {
    const meta = readProposal(doc);
    if (meta?.id !== state.proposalId) return false;
    const fields = proposalFields(doc);
    if (fields.get(ASYNC_CONSENT_FIELD) !== id) return false;
    return meta.status === 'in-consent' || fields.get(ASYNC_CLOSED_FIELD) === closing.eventId;
  };
  if (!owns(proposal.doc)) return;
  await proposal.write((doc) => {
    const current = readProposal(doc);
    if (current === null || !owns(doc)) return;
    for (const status of statusPath(
      current.status,
      statusAfterOutcome(outcomeOfAsync(closing.result)),
    ) ?? []) {
      setProposalStatus(doc, status);
    }
    proposalFields(doc).set(ASYNC_CLOSED_FIELD, closing.eventId);
    proposalFields(doc).delete(ASYNC_CLOSING_FIELD);
  });
  // The text as stored: the entry never records an unstored edit (server VERS-7).
  const stored = await storedCopy(proposal);
  const meta = readProposal(stored);
  const circleId = meta?.circleId ?? '';
  const entry = buildAsyncDecisionEntry({
    consentId: id,
    state,
    proposalDoc: stored,
    circle: {
      id: circleId,
      name: listCircles(space.doc).find((c) => c.id === circleId)?.name ?? '',
    },
    recordedAt: input.now(),
  });
  if (entry === null) return;
  await space.write((doc) => {
    if (hasDecision(doc, entry.id)) return;
    // An adoption applies the proposal's governance changes in the same write (GOVSRV-1).
    recordDecision(doc, withAdoptedChanges(doc, entry, stored));
  });
}

/** The space's proposal index says the proposal's status. */
async function indexStatus(
  proposal: LoadedDocument,
  space: LoadedDocument,
  proposalId: string,
  at: number,
) {
  const status: ProposalStatus | undefined = readProposal(proposal.doc)?.status;
  const indexed = (doc: Y.Doc) => spaceProposals(doc).get(proposalId)?.get('status');
  if (status === undefined || !spaceProposals(space.doc).has(proposalId)) return;
  if (indexed(space.doc) === status) return;
  await space.write((doc) => {
    if (indexed(doc) === status || !spaceProposals(doc).has(proposalId)) return;
    updateProposalSummary(doc, proposalId, { status, updatedAt: at });
  });
}

/** Claims a document for the time of `use`, then releases it. */
async function withDocument<T>(
  registry: Pick<DocumentRegistry, 'open'>,
  name: string,
  use: (document: LoadedDocument) => Promise<T>,
): Promise<T> {
  const handle = registry.open(name);
  try {
    return await use(await handle.ready);
  } finally {
    handle.release();
  }
}
