import {
  eventSigningPayload,
  meetingLog,
  parseEvent,
  readSignature,
  type MeetingEvent,
} from '@ronde/domain';
import type * as Y from 'yjs';
import { fromBase64Url } from '../identity/base64url.ts';
import type { KeyDirectory } from './deviceDirectory.ts';

/**
 * Reads a log entry as the event its author signed (`by` and the signed
 * fields), or `null`: a meeting's `parseEvent` by default; an asynchronous
 * consent's log passes `parseAsyncPersonEvent` (its server entries are not
 * signed and get no verdict).
 */
export type EntryParser = (raw: unknown) => { readonly by: string } | null;

/** After a failed key fetch, checking resumes after this long (doubling, at most a minute). */
export const VERIFY_RETRY_MS = 2_000;

/**
 * What this browser has checked of a meeting log's signatures. The state is
 * folded over the checked prefix only ({@link LogVerifier.checkedPrefix}):
 * an entry whose check is still running is neither shown as refused
 * (`unsigned`) nor applied; the state moves forward as entries are checked,
 * in log order, and an entry checked once is not checked again.
 */
export interface LogVerifier {
  /** How many leading log entries have a verdict. */
  checkedPrefix(): number;
  /** Whether an entry's signature verified (false when unchecked). */
  isAuthentic(raw: unknown): boolean;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

// Verdicts by room and entry (id + signature), kept across a room reopened
// after a refused write, so the new copy's entries need no new check.
const verdictsByRoom = new Map<string, Map<string, boolean>>();

function verdictKey(raw: unknown): string | null {
  const signature = readSignature(raw);
  const id = (raw as { id?: unknown } | null)?.id;
  if (signature === null || typeof id !== 'string') return null;
  return `${id}\u0000${signature.sig}`;
}

/**
 * Whether an entry of a room's log is signed by its author's registered
 * device key: `by` owns the key `kid` names, and `sig` verifies over
 * `eventSigningPayload(room, kid, event)`. Rejects when the key list cannot
 * be fetched.
 *
 * @example
 * await verifyEntry(room, raw, keyDirectory(spaceId)); // true
 */
export async function verifyEntry(
  room: string,
  raw: unknown,
  directory: KeyDirectory,
  seenAt?: number,
  parse: EntryParser = parseEvent,
): Promise<boolean> {
  const signature = readSignature(raw);
  const event = parse(raw);
  if (signature === null || event === null) return false;
  const known = await directory.lookup(signature.kid, seenAt);
  const sig = fromBase64Url(signature.sig);
  if (known === null || known.userId !== event.by || sig === null) return false;
  const payload = eventSigningPayload(room, signature.kid, event as MeetingEvent);
  return crypto.subtle.verify('Ed25519', known.key, sig, new Uint8Array(payload));
}

/**
 * Checks the signatures of a meeting document's log as entries arrive.
 *
 * @example
 * const verifier = createLogVerifier(room.name, room.doc, keyDirectory(spaceId));
 * foldMeeting(readLog(doc).slice(0, verifier.checkedPrefix()), { ...context, isAuthentic });
 */
export function createLogVerifier(
  room: string,
  doc: Y.Doc,
  directory: KeyDirectory,
  parse: EntryParser = parseEvent,
): LogVerifier {
  let verdicts = verdictsByRoom.get(room);
  if (!verdicts) {
    verdicts = new Map();
    verdictsByRoom.set(room, verdicts);
  }
  const known = verdicts;
  const running = new Set<string>();
  const listeners = new Set<() => void>();
  const log = meetingLog(doc);
  let prefix = 0;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  const scan = (): void => {
    if (disposed) return;
    const entries = log.toArray();
    // Every entry read here was seen before any fetch started from now on.
    const seenAt = directory.fetchesStarted();
    let next = -1;
    entries.forEach((raw, index) => {
      const key = verdictKey(raw);
      const decided = key === null || known.has(key);
      if (!decided && next === -1) next = index;
      if (decided || running.has(key)) return;
      running.add(key);
      verifyEntry(room, raw, directory, seenAt, parse).then(
        (ok) => {
          running.delete(key);
          failures = 0;
          known.set(key, ok);
          scan();
        },
        () => {
          // The key list could not be fetched: leave it unchecked, try later.
          running.delete(key);
          failures++;
          if (retry === null && !disposed) {
            retry = setTimeout(
              () => {
                retry = null;
                scan();
              },
              Math.min(VERIFY_RETRY_MS * 2 ** (failures - 1), 60_000),
            );
          }
        },
      );
    });
    const checked = next === -1 ? entries.length : next;
    if (checked !== prefix) {
      prefix = checked;
      listeners.forEach((l) => l());
    }
  };

  log.observe(scan);
  scan();

  return {
    checkedPrefix: () => prefix,
    isAuthentic(raw) {
      const key = verdictKey(raw);
      return key !== null && known.get(key) === true;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed = true;
      log.unobserve(scan);
      if (retry !== null) clearTimeout(retry);
      listeners.clear();
    },
  };
}

const verifiers = new WeakMap<Y.Doc, LogVerifier>();

/** Registers the verifier of a meeting document (openDoc does, before anyone reads it). */
export function registerVerifier(doc: Y.Doc, verifier: LogVerifier): void {
  verifiers.set(doc, verifier);
}

/**
 * The verifier of a meeting document, or null for a document no room holds
 * (tests, fixtures): such a document has no server and no keys, and is
 * folded as it is.
 */
export function verifierFor(doc: Y.Doc): LogVerifier | null {
  return verifiers.get(doc) ?? null;
}

/** Forgets every verdict (tests). */
export function clearVerdicts(): void {
  verdictsByRoom.clear();
}
