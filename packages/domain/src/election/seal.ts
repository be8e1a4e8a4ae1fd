import { canonicalJson } from '../signing/canonicalJson.ts';
import { sha256Hex } from './sha256.ts';

/** What a seal covers: the nomination, its author and item (so a seal is not transferable), a salt. */
export interface SealedNomination {
  readonly by: string;
  readonly itemId: string;
  readonly nominee: string;
  readonly reason: string;
  readonly salt: string;
}

/**
 * The seal of a nomination (SPEC ELECT-3): SHA-256, in hex, of the
 * canonical JSON of `{ by, itemId, nominee, reason, salt }`. The salt (at
 * least 128 random bits) makes the seal impossible to open by trying every
 * member as the nominee.
 *
 * @example
 * nominationSeal({ by: 'ann', itemId: 'it1', nominee: 'ben', reason: 'calm', salt }); // '3f…'
 */
export function nominationSeal(nomination: SealedNomination): string {
  const { by, itemId, nominee, reason, salt } = nomination;
  return sha256Hex(canonicalJson({ by, itemId, nominee, reason, salt }));
}

/**
 * A fresh salt: 16 random bytes in base64url (22 characters).
 *
 * @example
 * newSalt(); // 'q0Jw3rV2c1K8mX9bT4yH0A'
 */
export function newSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
