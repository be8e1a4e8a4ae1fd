import * as Y from 'yjs';
import type { LocatedWrite } from './locateUpdate.ts';
import type { ContributionInput } from './storage.ts';

/** At most this many paths per row: a large paste into many keys is still one short row. */
export const MAX_PATHS = 64;

/**
 * What one member's update contributed (SPEC AUTHOR-3), from the writes the
 * write guard located: characters inserted and deleted in text (every
 * `ContentString`, so Y.Text and Y.XmlText wherever they sit), counted in
 * code points, and the roots or root keys written. `null` when it wrote
 * nothing (a sync step 2 of what the server has): no row.
 *
 * @example
 * const row = contributionOf('u1', Date.now(), [1234], located.writes);
 * // { member: 'u1', at, clientIds: [1234], inserted: 5, deleted: 0, paths: ['body'] }
 */
export function contributionOf(
  member: string,
  at: number,
  clientIds: readonly number[],
  writes: readonly LocatedWrite[],
): ContributionInput | null {
  if (writes.length === 0) return null;
  let inserted = 0;
  let deleted = 0;
  const paths = new Set<string>();
  for (const write of writes) {
    const { content } = write;
    if (content instanceof Y.ContentString) {
      const chars = codePoints(content.str, write.from, write.from + write.length);
      if (write.op === 'insert') inserted += chars;
      else deleted += chars;
    }
    const key = write.path.keys[0];
    paths.add(typeof key === 'string' ? `${write.path.root}/${key}` : write.path.root);
  }
  const sorted = [...paths].sort();
  return {
    member,
    at,
    clientIds,
    inserted,
    deleted,
    paths: sorted.length > MAX_PATHS ? sorted.slice(0, MAX_PATHS) : sorted,
  };
}

/** Code points of `text` in `[start, end)`: UTF-16 units less the low halves of pairs. */
export function codePoints(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    const paired = unit >= 0xdc00 && unit <= 0xdfff && i > start && isHigh(text.charCodeAt(i - 1));
    if (!paired) count++;
  }
  return count;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
