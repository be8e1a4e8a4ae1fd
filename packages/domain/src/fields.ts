import * as Y from 'yjs';

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
export function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

/** A new Y.Map holding `values`, to insert into a shared map. */
export function mapOf(values: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map(Object.entries(values));
}

/** Writes only the keys whose value differs, so a no-op edit sends no update. */
export function setChanged(map: Y.Map<unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && map.get(key) !== value) map.set(key, value);
  }
}
