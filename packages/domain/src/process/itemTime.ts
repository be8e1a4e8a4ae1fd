import type { ItemState, MeetingState } from './state.ts';

/**
 * Time boxes are per item (SPEC TIME-1, TIME-2): what counts is the time an
 * item was current, over all its visits and steps, never restarted by a
 * step. Screens pass the server's clock as `now`; the fold never reads one.
 */

/**
 * How long an item has been current, in ms: its closed visits plus the open
 * one up to `now`, or up to its end once it is done (SPEC TIME-1).
 *
 * @example
 * itemElapsedMs(currentItem(state)!, serverNow()); // 754_000
 */
export function itemElapsedMs(item: ItemState, now: number): number {
  if (item.currentSince === null) return item.spentMs;
  const end = item.endedAt ?? now;
  return item.spentMs + Math.max(0, end - item.currentSince);
}

/** The item's time box in ms. */
export function itemTimeboxMs(item: ItemState): number {
  return item.timeboxMinutes * 60_000;
}

/**
 * How far an item ran past its time box, in ms (0 while within it)
 * (SPEC TIME-1).
 *
 * @example
 * itemOverrunMs(item, serverNow()) > 0; // shown as "+2:30 over"
 */
export function itemOverrunMs(item: ItemState, now: number): number {
  return Math.max(0, itemElapsedMs(item, now) - itemTimeboxMs(item));
}

export interface AgendaTime {
  /** The sum of the time boxes of the items not skipped. */
  readonly plannedMs: number;
  /** The time every item has been current so far. */
  readonly elapsedMs: number;
  /** The planned time of the items not done yet, minus what they already used (never below 0 each). */
  readonly remainingMs: number;
}

/**
 * The agenda's time (SPEC TIME-2): planned (time boxes of the items not
 * skipped), spent on items so far, and still planned for the items not done.
 *
 * @example
 * const { plannedMs, elapsedMs } = agendaTime(state, serverNow());
 */
export function agendaTime(state: MeetingState, now: number): AgendaTime {
  let plannedMs = 0;
  let elapsedMs = 0;
  let remainingMs = 0;
  for (const item of state.items) {
    const elapsed = itemElapsedMs(item, now);
    elapsedMs += elapsed;
    if (item.status === 'skipped') continue;
    plannedMs += itemTimeboxMs(item);
    if (item.status !== 'done') remainingMs += Math.max(0, itemTimeboxMs(item) - elapsed);
  }
  return { plannedMs, elapsedMs, remainingMs };
}
