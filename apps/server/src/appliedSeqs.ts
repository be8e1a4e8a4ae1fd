/**
 * Which rows of one document's log an instance has applied (SPEC
 * CLUSTER-3): everything up to `through`, plus rows above it that arrived
 * out of order. A row above `through + 1` with nothing between is a gap: a
 * message in flight, or one lost, which the store fills.
 */
export interface AppliedSeqs {
  /** Every row numbered up to here is applied. */
  readonly through: number;
  /** Applied rows above `through + 1`, waiting for the ones between. */
  readonly above: ReadonlySet<number>;
}

/**
 * The set after a document loaded its log up to `seq`.
 *
 * @example
 * appliedSince(7); // { through: 7, above: Set {} }
 */
export function appliedSince(seq: number): AppliedSeqs {
  return { through: seq, above: new Set() };
}

/**
 * The set with row `seq` applied: `through` moves over every row now
 * contiguous. A row at or below `through` changes nothing.
 *
 * @example
 * markApplied(markApplied(appliedSince(1), 3), 2).through; // 3
 */
export function markApplied(state: AppliedSeqs, seq: number): AppliedSeqs {
  if (seq <= state.through || state.above.has(seq)) return state;
  const above = new Set(state.above);
  above.add(seq);
  let through = state.through;
  while (above.delete(through + 1)) through++;
  return { through, above };
}

/** The set once every row up to `seq` is applied (a catch-up read them from the store). */
export function appliedThrough(state: AppliedSeqs, seq: number): AppliedSeqs {
  if (seq <= state.through) return state;
  const above = new Set([...state.above].filter((s) => s > seq));
  let through = seq;
  while (above.delete(through + 1)) through++;
  return { through, above };
}

/** True while some row below an applied one is missing. */
export function hasGap(state: AppliedSeqs): boolean {
  return state.above.size > 0;
}
