import type { MeetingEvent } from './events.ts';

/** Checks shared by the parsers of log entries (SPEC MEET-12): they never trust a type. */

export type Json = Record<string, unknown>;

/** An event without the fields every event has: what a type's parser returns. */
export type MeetingEventBody = MeetingEvent extends infer E
  ? E extends MeetingEvent
    ? Omit<E, 'id' | 'by' | 'at'>
    : never
  : never;

export const ID_MAX = 64;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

export function id(value: unknown): value is string {
  return str(value, ID_MAX) && value.length > 0;
}

export function idOrNull(value: unknown): value is string | null {
  return value === null || id(value);
}

export function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
