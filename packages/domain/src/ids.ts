/**
 * Identifiers for spaces, proposals, circles and meetings.
 *
 * Ids are random, URL-safe and long enough (16 characters of a 58-letter
 * alphabet, about 93 bits) that replicas can mint them offline without
 * coordination (SPEC ID-1).
 */
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ID_LENGTH = 16;
const ID_PATTERN = /^[A-Za-z0-9_-]{6,64}$/;

/**
 * Mints a new random id.
 *
 * @example
 * const id = newId(); // 'k3Jd9XqP2mZr8sTw'
 */
export function newId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) {
    // 58 * 4 = 232: rejecting nothing would bias; the bias of byte % 58 is
    // below 2% per letter, irrelevant for ids that only need to be unique.
    id += ALPHABET[byte % ALPHABET.length];
  }
  return id;
}

/**
 * Whether a string may be used as an id in a room name (SPEC ID-2): 6 to 64
 * characters of letters, digits, `_` and `-`.
 *
 * @example
 * isId('k3Jd9XqP2mZr8sTw'); // true
 * isId('../etc'); // false
 */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value);
}
