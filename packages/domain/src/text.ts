import type * as Y from 'yjs';

/**
 * Replaces the content of a Y.Text with `next` by the smallest single edit:
 * the common prefix and suffix are kept, only the middle is deleted and
 * inserted (SPEC TEXT-1). Concurrent edits elsewhere in the text survive,
 * which a delete-all-then-insert would destroy.
 *
 * @example
 * replaceText(title, 'Budget 2027'); // was 'Budget 2026': deletes '6', inserts '7'
 */
export function replaceText(text: Y.Text, value: string): void {
  const next = toWellFormed(value);
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const maxStart = Math.min(current.length, next.length);
  while (start < maxStart && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let endCurrent = current.length;
  let endNext = next.length;
  while (
    endCurrent > start &&
    endNext > start &&
    current.charCodeAt(endCurrent - 1) === next.charCodeAt(endNext - 1)
  ) {
    endCurrent--;
    endNext--;
  }
  // Never split a surrogate pair: widen the edit to whole code points.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (endCurrent < current.length && isLowSurrogate(current.charCodeAt(endCurrent))) {
    endCurrent++;
    endNext++;
  }
  const apply = (): void => {
    if (endCurrent > start) text.delete(start, endCurrent - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/**
 * Replaces lone surrogates with U+FFFD (SPEC TEXT-2). Yjs encodes a lone
 * surrogate as U+FFFD on the wire while the local replica keeps it, so
 * without this the replicas would silently differ.
 */
export function toWellFormed(value: string): string {
  return value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
