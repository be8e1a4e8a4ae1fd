import {
  consentLog,
  foldAsyncConsent,
  listAsyncConsents,
  proposalFields,
  readAsyncPolicy,
  readConsentLog,
  readProposal,
  spaceAsyncConsents,
  spaceSettings,
  type AsyncConsentState,
  type AsyncConsentSummary,
  type AsyncPolicy,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';

const foldConsent = (doc: Y.Doc): AsyncConsentState => foldAsyncConsent(readConsentLog(doc));

/**
 * The folded state of an asynchronous consent, refolded when its log changes.
 *
 * @example
 * const state = useAsyncConsentState(room.doc);
 * if (state.phase === 'closed') show(state.closing?.result);
 */
export function useAsyncConsentState(doc: Y.Doc): AsyncConsentState {
  return useYStore(doc, consentLog, foldConsent);
}

/**
 * The space's asynchronous consent policy (admins set it).
 *
 * @example
 * const policy = useAsyncPolicy(spaceDoc); // { lazy: true, quorumPercent: 100 }
 */
export function useAsyncPolicy(spaceDoc: Y.Doc): AsyncPolicy {
  return useYStore(spaceDoc, spaceSettings, readAsyncPolicy);
}

/**
 * The space's asynchronous consents, newest first (the server's index).
 *
 * @example
 * const open = useAsyncConsents(spaceDoc).filter((c) => c.status === 'open');
 */
export function useAsyncConsents(spaceDoc: Y.Doc): readonly AsyncConsentSummary[] {
  return useYStore(spaceDoc, spaceAsyncConsents, listAsyncConsents);
}

function readHold(doc: Y.Doc): string | null {
  const fields = proposalFields(doc);
  const id = fields.get('asyncConsentId');
  if (readProposal(doc)?.status !== 'in-consent' || typeof id !== 'string') return null;
  // Closing (the text frozen, server ACONS-13) or closed: no longer held.
  return fields.has('asyncClosedBy') || fields.has('asyncClosing') ? null : id;
}

/**
 * The id of the asynchronous consent that holds this proposal now (server
 * ACONS-8), or `null`: while held, its proposer amends the text.
 *
 * @example
 * const held = useAsyncHold(proposalDoc);
 */
export function useAsyncHold(proposalDoc: Y.Doc): string | null {
  return useYStore(proposalDoc, proposalFields, readHold);
}
