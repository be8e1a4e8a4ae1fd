import type { PositionValue } from './events.ts';

/** What an objector did in the last positions round after their objection's (SPEC CONSENT-5). */
export interface ObjectionFollowUp {
  /**
   * `lifted`: they recorded another position (consent, no objection, a
   * concern, stand aside); `raised-again`: they objected again; `absent`:
   * they recorded none in it.
   */
  readonly kind: 'lifted' | 'raised-again' | 'absent';
  /** That round's number. */
  readonly round: number;
  /** Their position in it, or null when absent. */
  readonly value: PositionValue | null;
}

interface CountedPosition {
  readonly round: number;
  readonly person: string;
  readonly value: PositionValue;
  readonly counted: boolean;
}

/**
 * How an objection was followed up in the latest positions round held after
 * its own, or null when none was (SPEC CONSENT-5): so a decision log never
 * says "not resolved" of an objection its objector lifted by consenting in
 * the next round. Reads the positions a decision record (or entry) keeps.
 *
 * @example
 * objectionFollowUp(entry.positions, { round: 1, objector: 'ben' });
 * // { kind: 'lifted', round: 2, value: 'consent' }
 */
export function objectionFollowUp(
  positions: readonly CountedPosition[],
  objection: { readonly round: number; readonly objector: string },
): ObjectionFollowUp | null {
  const later = positions.filter((p) => p.counted && p.round > objection.round);
  if (later.length === 0) return null;
  const round = Math.max(...later.map((p) => p.round));
  const own = later.find((p) => p.round === round && p.person === objection.objector);
  if (own === undefined) return { kind: 'absent', round, value: null };
  return { kind: own.value === 'objection' ? 'raised-again' : 'lifted', round, value: own.value };
}
