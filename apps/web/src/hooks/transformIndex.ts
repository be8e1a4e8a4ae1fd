/** One step of a Y.Text change, as `event.delta` lists it. */
export interface TextDelta {
  readonly insert?: string | object;
  readonly delete?: number;
  readonly retain?: number;
}

/**
 * Where a caret at `index` ends up after a change to the text: text inserted
 * before it pushes it right, text deleted before it pulls it left. Used to
 * keep a person's caret in place while others type in the same field.
 *
 * @example
 * transformIndex(5, [{ retain: 2 }, { insert: 'abc' }]); // 8
 * transformIndex(5, [{ delete: 3 }]); // 2
 */
export function transformIndex(index: number, delta: readonly TextDelta[]): number {
  let pos = 0; // position in the old text
  let shift = 0;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain !== undefined) {
      pos += op.retain;
    } else if (op.insert !== undefined) {
      // An insert exactly at the caret goes before it: the caret follows it
      // only if it is strictly after; keep carets stable at their position.
      if (pos < index) shift += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      const end = pos + op.delete;
      shift -= Math.min(end, index) - pos;
      pos = end;
    }
  }
  return Math.max(0, index + shift);
}
