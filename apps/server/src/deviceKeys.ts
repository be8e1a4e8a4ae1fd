import { createHash, createPublicKey } from 'node:crypto';

/**
 * A device's Ed25519 public key, registered in one space for one member
 * (docs/legitimacy.md §2). Never deleted: the process log's signatures must
 * stay verifiable after the member or the device is gone.
 */
export interface DeviceKey {
  /** {@link deviceKeyId} of the raw key. */
  readonly keyId: string;
  readonly spaceId: string;
  readonly userId: string;
  /** base64url (unpadded) of the raw 32-byte public key. */
  readonly publicKey: string;
  /** Epoch ms. */
  readonly addedAt: number;
}

/** A member registers at most this many device keys in a space (KEY-3). */
export const MAX_DEVICE_KEYS_PER_MEMBER = 20;

/** Raw Ed25519 public keys are 32 bytes. */
export const ED25519_PUBLIC_KEY_BYTES = 32;

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * A key's id: the first 22 characters of base64url(SHA-256(raw key)), 132
 * bits (KEY-1). The event checker computes it the same way.
 *
 * @example
 * deviceKeyId(new Uint8Array(32)); // 'Zmh6rfhivXdsj8GLjp-OIA'
 */
export function deviceKeyId(rawKey: Uint8Array): string {
  return createHash('sha256').update(rawKey).digest('base64url').slice(0, 22);
}

/**
 * The raw bytes of a base64url Ed25519 public key, or `null` unless it is
 * canonical unpadded base64url of exactly 32 bytes that node:crypto imports
 * as an Ed25519 key (KEY-2). Canonical, so one key has one spelling and one
 * stored form.
 *
 * @example
 * const raw = decodeDevicePublicKey(body.publicKey);
 * if (raw === null) refuse('invalid_key');
 */
export function decodeDevicePublicKey(text: string): Uint8Array | null {
  if (typeof text !== 'string' || text.length !== 43 || !BASE64URL.test(text)) return null;
  const raw = Buffer.from(text, 'base64url');
  if (raw.length !== ED25519_PUBLIC_KEY_BYTES || raw.toString('base64url') !== text) return null;
  if (hasSmallOrder(raw)) return null;
  try {
    createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: text }, format: 'jwk' });
  } catch {
    return null;
  }
  return new Uint8Array(raw);
}

const P = 2n ** 255n - 19n;

function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = base % P;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
  }
  return result;
}

/** The curve constant d = -121665/121666 (mod p). */
const D = (((P - 121665n) % P) * power(121666n, P - 2n)) % P;

/**
 * Whether a raw key encodes a point of order 1, 2, 4 or 8, or a y ≥ p
 * (non-canonical). With such a key a signature can verify for many
 * messages, so its owner could later disown what it signed; libsodium
 * refuses them too. Small-order points have y = 1, -1, 0 or, for order 8,
 * d·y⁴ + 2y² − 1 = 0 (doubling them gives the order-4 points, y = 0).
 */
export function hasSmallOrder(raw: Uint8Array): boolean {
  let y = 0n;
  for (let i = raw.length - 1; i >= 0; i--) y = (y << 8n) | BigInt(raw[i] ?? 0);
  y &= (1n << 255n) - 1n;
  if (y >= P) return true;
  if (y === 0n || y === 1n || y === P - 1n) return true;
  const y2 = (y * y) % P;
  return (((D * y2) % P) * y2 + 2n * y2 + P - 1n) % P === 0n;
}
