import { treeText, type DecisionEntry, type Outcome } from '@ronde/domain';

export type OutcomeFilter = Outcome | 'all';

/** Lower case, accents removed: "Décision" finds "decision". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function haystack(entry: DecisionEntry): string {
  return fold(
    [
      entry.title,
      entry.driver,
      treeText(entry.body),
      entry.meeting.title,
      entry.meeting.circleName,
      ...Object.values(entry.names),
      ...entry.positions.map((p) => p.reason),
      ...entry.objections.flatMap((o) => [o.reason, ...o.amendments.map((a) => a.summary)]),
    ].join('\n'),
  );
}

/**
 * The entries with that outcome whose text holds every word of the query
 * (title, driver, text, meeting, circle, people, reasons, amendments),
 * ignoring case and accents; order kept.
 *
 * @example
 * filterDecisions(entries, 'adopted', 'four day');
 */
export function filterDecisions(
  entries: readonly DecisionEntry[],
  outcome: OutcomeFilter,
  query: string,
): DecisionEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (outcome !== 'all' && entry.outcome !== outcome) return false;
    if (words.length === 0) return true;
    const text = haystack(entry);
    return words.every((word) => text.includes(word));
  });
}

/**
 * A local calendar date as `YYYY-MM-DD` (review dates are calendar dates).
 *
 * @example
 * localDate(Date.now()); // '2026-05-01'
 */
export function localDate(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
