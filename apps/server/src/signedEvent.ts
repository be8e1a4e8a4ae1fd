import { readSignature } from '@ronde/domain';

/**
 * The signature check every signed event passes, whichever way it comes
 * (SPEC EVT-3, EVT-4 for meeting and consent events over a socket, TIMESRV-3
 * for time events over HTTP): it carries a key id and a signature, the key
 * is registered in the space for the event's author, and the signature
 * verifies over the event's signing payload.
 */

export interface DeviceKeyLookup {
  getDeviceKey(
    spaceId: string,
    keyId: string,
  ): Promise<{ readonly userId: string; readonly publicKey: string } | null>;
}

export interface EventDeps {
  readonly keys: DeviceKeyLookup;
  /** Ed25519 verification of a base64url signature by a base64url raw public key. */
  readonly verify: (publicKey: string, payload: Uint8Array, signature: string) => boolean;
}

/** An accepted event as it is stored: the parsed event, its key id and signature (EVT-7). */
export type Signed<E> = E & { readonly kid: string; readonly sig: string };

/** Why a signature is refused, worded; the caller refuses in its transport's terms. */
export interface SignatureRefusal {
  readonly ok: false;
  readonly code: 'bad-signature' | 'unknown-key';
  readonly detail: string;
}

/**
 * Checks the signature of `event`, parsed from `raw`, in the space
 * `spaceId`; `payload(kid)` is what its author signed. Resolves with what
 * to store — only the parsed event, its key id and signature — or with the
 * refusal.
 *
 * @example
 * const checked = await checkSignature(raw, event, spaceId, (kid) => eventSigningPayload(room, kid, event), deps);
 * if (!checked.ok) throw new EventRefusal(event.id, checked.code, checked.detail);
 */
export async function checkSignature<E extends { readonly by: string }>(
  raw: unknown,
  event: E,
  spaceId: string,
  payload: (kid: string) => Uint8Array,
  deps: EventDeps,
): Promise<{ readonly ok: true; readonly signed: Signed<E> } | SignatureRefusal> {
  const signature = readSignature(raw);
  if (!signature) return { ok: false, code: 'bad-signature', detail: 'the event is not signed' };
  const key = await deps.keys.getDeviceKey(spaceId, signature.kid);
  if (!key || key.userId !== event.by) {
    return {
      ok: false,
      code: 'unknown-key',
      detail: 'the key is not one of the author’s devices',
    };
  }
  if (!deps.verify(key.publicKey, payload(signature.kid), signature.sig)) {
    return { ok: false, code: 'bad-signature', detail: 'the signature does not verify' };
  }
  return { ok: true, signed: { ...event, kid: signature.kid, sig: signature.sig } };
}
