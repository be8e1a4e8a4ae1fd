import * as Y from 'yjs';

/** Small readers shared by the meeting modules: stored values may be missing or malformed. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

export function oneOf<T extends string>(values: readonly T[], value: unknown, fallback: T): T {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? (value as T)
    : fallback;
}

export function mapOf(values: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map(Object.entries(values));
}

/** Writes only the keys whose value differs, so a no-op edit sends no update. */
export function setChanged(map: Y.Map<unknown>, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && map.get(key) !== value) map.set(key, value);
  }
}
