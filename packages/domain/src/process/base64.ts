/**
 * Standard base64 (RFC 4648, with padding) without Node's Buffer or the
 * browser's `btoa`, so the domain runs the same everywhere.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = new Map([...LETTERS].map((letter, index) => [letter, index]));

/**
 * @example
 * toBase64(new Uint8Array([1, 2, 3])); // 'AQID'
 */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += LETTERS[(n >> 18) & 63]! + LETTERS[(n >> 12) & 63]!;
    out += b === undefined ? '=' : LETTERS[(n >> 6) & 63]!;
    out += c === undefined ? '=' : LETTERS[n & 63]!;
  }
  return out;
}

/**
 * The bytes of a padded base64 string, or null when it is not one.
 *
 * @example
 * fromBase64('AQID'); // Uint8Array [1, 2, 3]
 * fromBase64('A'); // null
 */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const body = text.replace(/={1,2}$/, '');
  const bytes = new Uint8Array(Math.floor((body.length * 6) / 8));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const letter of body) {
    const code = CODES.get(letter);
    if (code === undefined) return null;
    value = ((value << 6) | code) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 255;
    }
  }
  return bytes;
}
