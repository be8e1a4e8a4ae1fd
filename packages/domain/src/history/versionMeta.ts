/**
 * Why a version exists (SPEC HIST-4): `taken-up` when a meeting takes the
 * proposal up, `amended` when a meeting step ends with a text that differs
 * from the latest version, `adopted` at adoption (all three filed by the
 * server), `named` when a member names the current text.
 */
export const VERSION_KINDS = ['taken-up', 'amended', 'adopted', 'named'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

/** A version as listed: what it is, not its text. */
export interface VersionMeta {
  readonly id: string;
  readonly kind: VersionKind;
  /** The member's name for a `named` version; `''` for the server's. */
  readonly name: string;
  /** Who asked for it: the member for `named`, `@server` otherwise. */
  readonly by: string;
  /** The server's clock when it was filed (epoch ms). */
  readonly at: number;
  /** The meeting whose step or outcome filed it (`null` for a named one). */
  readonly meetingId: string | null;
  /** Size of the stored state in bytes. */
  readonly bytes: number;
}

/** The longest version name, in code points. */
export const MAX_VERSION_NAME = 80;

/**
 * A member's version name, normalised (NFC, trimmed, whitespace runs one
 * space), or `null` when it is empty, longer than {@link MAX_VERSION_NAME}
 * code points, or holds control or format characters (SPEC HIST-5).
 *
 * @example
 * normalizeVersionName('  Before  the vote '); // 'Before the vote'
 */
export function normalizeVersionName(raw: string): string | null {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name === '' || [...name].length > MAX_VERSION_NAME) return null;
  if (/[\p{Cc}\p{Cf}\p{Cs}]/u.test(name.replace(/[\u200c\u200d]/g, ''))) return null;
  return name;
}
