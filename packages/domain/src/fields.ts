/**
 * Readers for fields of shared Y.Maps. A replica may hold a value written by
 * an older or newer client, or by hand: readers never trust its type.
 */

/** The value if it is a string, else `''`. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The value if it is a finite number, else `0`. */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The value if it is one of `allowed`, else `fallback`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}
