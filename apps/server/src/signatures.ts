import { createPublicKey, verify } from 'node:crypto';

/**
 * Whether `signatureBase64url` is a valid Ed25519 signature of `payload`
 * under the raw public key `publicKeyBase64url` (32 bytes, base64url). False
 * on any malformed input, never a throw: the event checker treats "cannot
 * verify" like "does not verify".
 *
 * @example
 * if (!verifyEd25519(key.publicKey, eventSigningPayload(room, kid, event), sig)) refuse('bad-signature');
 */
export function verifyEd25519(
  publicKeyBase64url: string,
  payload: Uint8Array,
  signatureBase64url: string,
): boolean {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKeyBase64url },
      format: 'jwk',
    });
    const signature = Buffer.from(signatureBase64url, 'base64url');
    if (signature.length !== 64 || signature.toString('base64url') !== signatureBase64url) {
      return false;
    }
    return verify(null, payload, key, signature);
  } catch {
    return false;
  }
}
