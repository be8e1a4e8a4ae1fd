/** One line of the table: how to read a measure, and which way is better. */
export interface Measure {
  readonly key: string;
  readonly label: string;
  readonly better: 'lower' | 'higher';
  readonly digits: number;
  /** Shown in the every-server table only (not a comparison, e.g. the generator's own load). */
  readonly detailOnly?: boolean;
}

/** Every repetition's value of every measure, by server. */
export type Results = Map<string, Map<string, number[]>>;

export function record(results: Results, server: string, key: string, value: number): void {
  let byKey = results.get(server);
  if (!byKey) results.set(server, (byKey = new Map()));
  const values = byKey.get(key) ?? [];
  values.push(value);
  byKey.set(key, values);
}

/**
 * The median of the repetitions (the middle one of three): robust to one
 * noisy run. ∞ (a latency never seen) counts; NaN (not measured) does not.
 */
export function median(values: readonly number[] | undefined): number {
  const finite = (values ?? []).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
}

function format(value: number, digits: number): string {
  if (value === Infinity) return '∞';
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function ratio(own: number, peer: number): string {
  if (Number.isNaN(own) || Number.isNaN(peer) || peer === 0) return 'n/a';
  if (own === Infinity) return peer === Infinity ? 'n/a' : '∞';
  return `${(own / peer).toFixed(2)}×`;
}

function render(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/**
 * The table: each measure's median for Ronde, for the best peer (lowest, or
 * highest where more is better) and Ronde ÷ best peer; `references` (the
 * floor) are never the best peer.
 *
 * @example
 * console.log(summaryTable(results, 'ronde', MEASURES));
 */
export function summaryTable(
  results: Results,
  ronde: string,
  measures: readonly Measure[],
  references: ReadonlySet<string> = new Set(),
): string {
  const rows = [['measure', 'better', 'Ronde', 'best peer', 'peer', 'Ronde ÷ peer']];
  for (const m of measures) {
    if (m.detailOnly) continue;
    const own = median(results.get(ronde)?.get(m.key));
    let best: { name: string; value: number } | null = null;
    for (const [name, byKey] of results) {
      if (name === ronde || references.has(name)) continue;
      const value = median(byKey.get(m.key));
      if (Number.isNaN(value)) continue;
      const wins =
        best === null || (m.better === 'lower' ? value < best.value : value > best.value);
      if (wins) best = { name, value };
    }
    if (Number.isNaN(own) && best === null) continue;
    rows.push([
      m.label,
      m.better === 'lower' ? '↓' : '↑',
      format(own, m.digits),
      best ? format(best.value, m.digits) : 'n/a',
      best?.name ?? '—',
      best ? ratio(own, best.value) : 'n/a',
    ]);
  }
  return render(rows);
}

/** Every server's median of every measure, for the record. */
export function detailTable(results: Results, measures: readonly Measure[]): string {
  const names = [...results.keys()];
  const rows = [['measure', ...names]];
  for (const m of measures) {
    const cells = names.map((name) => format(median(results.get(name)?.get(m.key)), m.digits));
    if (cells.every((cell) => cell === 'n/a')) continue;
    rows.push([m.label, ...cells]);
  }
  return render(rows);
}
