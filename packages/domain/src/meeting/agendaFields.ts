/**
 * The value rules of agenda items (SPEC AGENDA-2, AGENDA-3), as checks that
 * answer `null` instead of throwing: the meeting document's writers throw
 * on a bad value, the process fold refuses the event that carries one, and
 * both must judge alike.
 */

export const AGENDA_TITLE_MAX = 200;
export const TENSION_TEXT_MAX = 500;
export const TIMEBOX_MIN = 1;
export const TIMEBOX_MAX = 240;
export const DEFAULT_TIMEBOX_MINUTES = 10;
/** At most this many items in a meeting's agenda, in the start's snapshot or added live. */
export const AGENDA_ITEMS_MAX = 200;

/**
 * An item title trimmed, inner whitespace collapsed; null when empty or too long.
 *
 * @example
 * cleanItemTitle('  Budget   2030 '); // 'Budget 2030'
 * cleanItemTitle('   '); // null
 */
export function cleanItemTitle(title: string): string | null {
  const clean = title.trim().replace(/\s+/g, ' ');
  return clean.length > 0 && clean.length <= AGENDA_TITLE_MAX ? clean : null;
}

/**
 * A tension's text trimmed; null when empty or too long.
 *
 * @example
 * cleanTensionText(' Keys get lost\n'); // 'Keys get lost'
 */
export function cleanTensionText(text: string): string | null {
  const clean = text.trim();
  return clean.length > 0 && clean.length <= TENSION_TEXT_MAX ? clean : null;
}

/**
 * A tension's default title: its first line, cut at the title's limit.
 *
 * @example
 * tensionTitle('Keys\nThey get lost'); // 'Keys'
 */
export function tensionTitle(text: string): string {
  const line = (text.split('\n')[0] ?? '').trim().replace(/\s+/g, ' ');
  return line.length > AGENDA_TITLE_MAX ? `${line.slice(0, AGENDA_TITLE_MAX - 1)}…` : line;
}

/**
 * Whether a time box is a whole number of minutes within the limits.
 *
 * @example
 * isTimebox(15); // true
 * isTimebox(0.5); // false
 */
export function isTimebox(minutes: unknown): minutes is number {
  return (
    typeof minutes === 'number' &&
    Number.isInteger(minutes) &&
    minutes >= TIMEBOX_MIN &&
    minutes <= TIMEBOX_MAX
  );
}
