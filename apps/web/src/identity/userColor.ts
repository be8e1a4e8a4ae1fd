/**
 * Caret and presence colours: saturated enough to read as a caret on the
 * paper background, dark enough for white label text (contrast ≥ 4.5:1).
 * TipTap's caret extension accepts only `#rrggbb`.
 */
export const USER_COLORS = [
  '#b4441f',
  '#1f6f8b',
  '#7a4eab',
  '#2f7d32',
  '#a23b72',
  '#8a5a00',
  '#3b5bab',
  '#9c2f2f',
  '#00786f',
  '#6b5b2e',
  '#5b4bb7',
  '#b03a5b',
] as const;

/**
 * The colour of a user, derived from their id so that every device shows the
 * same person in the same colour without storing it.
 *
 * @example
 * colorForUser('k3Jd9XqP2mZr8sTw'); // '#1f6f8b', always the same for this id
 */
export function colorForUser(userId: string): string {
  // FNV-1a: a well-spread hash that needs no dependency.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return USER_COLORS[(hash >>> 0) % USER_COLORS.length] as string;
}
