import type { MeetingEvent } from '../process/events.ts';
import { canonicalJson } from './canonicalJson.ts';

/** A process event as it travels and is stored: the event, its device key id and signature. */
export type SignedEvent = MeetingEvent & {
  /** The signing device key's id (see `deviceKeyId`). */
  readonly kid: string;
  /** base64url of the 64-byte Ed25519 signature over `eventSigningPayload`. */
  readonly sig: string;
};

const encoder = new TextEncoder();

/**
 * The bytes an author signs for a process event (SPEC SIGN-2): the UTF-8 of
 * the canonical JSON of `{ event, kid, room }`, the event as `parseEvent`
 * returns it, without `kid` and `sig`. The room (`<spaceId>/meeting/<id>`)
 * binds the signature to one meeting, the event's id to one entry of it, so
 * a signed event cannot be replayed elsewhere or twice.
 *
 * @example
 * const payload = eventSigningPayload(room, kid, event);
 * const sig = await crypto.subtle.sign('Ed25519', privateKey, payload);
 */
export function eventSigningPayload(
  room: string,
  kid: string,
  event: MeetingEvent,
): Uint8Array<ArrayBuffer> {
  const bare: Record<string, unknown> = { ...event };
  delete bare.kid;
  delete bare.sig;
  return encoder.encode(canonicalJson({ event: bare, kid, room }));
}

/** Key ids are 22 characters of base64url (the first 132 bits of the key's SHA-256). */
export const KEY_ID_LENGTH = 22;

/** Ed25519 signatures are 64 bytes: 86 characters of unpadded base64url. */
export const SIGNATURE_LENGTH = 86;

/**
 * The device key id and signature a stored entry carries, or `null` when it
 * carries none or malformed ones (SPEC SIGN-3).
 *
 * @example
 * const signature = readSignature(raw);
 * if (signature === null) refuse('unsigned');
 */
export function readSignature(raw: unknown): { kid: string; sig: string } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { kid, sig } = raw as { kid?: unknown; sig?: unknown };
  if (typeof kid !== 'string' || kid.length !== KEY_ID_LENGTH || !BASE64URL.test(kid)) return null;
  if (typeof sig !== 'string' || sig.length !== SIGNATURE_LENGTH || !BASE64URL.test(sig)) {
    return null;
  }
  return { kid, sig };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
