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
import { useMemo, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useYStore } from '../hooks/useYStore.ts';
import { plainEqual, type ExternalStore } from '../hooks/yStore.ts';
import { verifierFor, type LogVerifier } from '../sync/logVerifier.ts';

/**
 * Folds a consent document's log. With a verifier (every document a room
 * holds has one), only the prefix whose signatures were checked is folded,
 * and a person's entry whose signature did not verify is ignored
 * (`unsigned`, ASYNC-18), as for a meeting (MEET-16).
 *
 * @example
 * readAsyncConsentState(doc, verifierFor(doc)).phase; // 'open'
 */
export function readAsyncConsentState(
  doc: Y.Doc,
  verifier: LogVerifier | null = null,
): AsyncConsentState {
  if (verifier === null) return foldAsyncConsent(readConsentLog(doc));
  return foldAsyncConsent(readConsentLog(doc).slice(0, verifier.checkedPrefix()), {
    isAuthentic: (raw) => verifier.isAuthentic(raw),
  });
}

/**
 * The folded state of an asynchronous consent, refolded when its log or
 * the checked prefix of its log changes.
 *
 * @example
 * const state = useAsyncConsentState(room.doc);
 * if (state.phase === 'closed') show(state.closing?.result);
 */
export function useAsyncConsentState(doc: Y.Doc): AsyncConsentState {
  const store = useMemo(() => consentStateStore(doc, verifierFor(doc)), [doc]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/** A store of the folded consent: folds again after the log or its checked prefix changed. */
function consentStateStore(
  doc: Y.Doc,
  verifier: LogVerifier | null,
): ExternalStore<AsyncConsentState> {
  const log = consentLog(doc);
  let cached: AsyncConsentState | null = null;
  let version = 0;
  let foldedAt = -1;
  let listening = 0;
  // Changes made while nobody listened (between React's render and its
  // subscription, say) went unseen: the first read after subscribing folds again.
  let unseen = true;
  return {
    subscribe(listener) {
      const onChange = (): void => {
        version++;
        listener();
      };
      log.observeDeep(onChange);
      // A verdict moves the checked prefix without changing the log.
      const stopVerifier = verifier?.subscribe(onChange);
      if (listening === 0) unseen = true;
      listening++;
      return () => {
        log.unobserveDeep(onChange);
        stopVerifier?.();
        listening--;
      };
    },
    getSnapshot() {
      if (cached !== null && !unseen && foldedAt === version && listening > 0) return cached;
      const next = readAsyncConsentState(doc, verifier);
      if (cached === null || !plainEqual(cached, next)) cached = next;
      foldedAt = version;
      unseen = listening === 0;
      return cached;
    },
  };
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
