import type { CircleRoster } from './circleRoster.ts';
import type { TimeEvent, WorkFields } from './timeEvents.ts';

/** Builders of time events for tests (not exported from the package). */
export const CIRCLE = 'circle01';

export const work = (over: Partial<WorkFields> = {}): WorkFields => ({
  minutes: 90,
  workedOn: '2026-03-10',
  kind: 'project',
  subject: 'Website',
  circleId: CIRCLE,
  note: '',
  ...over,
});

export const declare = (
  id: string,
  by: string,
  over: Partial<WorkFields> = {},
  at = 1000,
): TimeEvent => ({ id, type: 'time.declare', by, name: by.toUpperCase(), at, ...work(over) });

export const confirm = (id: string, by: string, entryId: string, at = 2000): TimeEvent => ({
  id,
  type: 'time.confirm',
  by,
  name: by.toUpperCase(),
  at,
  entryId,
});

export const dispute = (
  id: string,
  by: string,
  entryId: string,
  reason = 'I was there, it was one hour',
  at = 2000,
): TimeEvent => ({ id, type: 'time.dispute', by, name: by.toUpperCase(), at, entryId, reason });

export const amend = (
  id: string,
  by: string,
  entryId: string,
  over: Partial<WorkFields> = {},
  at = 3000,
): TimeEvent => ({
  id,
  type: 'time.amend',
  by,
  name: by.toUpperCase(),
  at,
  entryId,
  ...work(over),
});

/** A roster whose anchor circle is {@link CIRCLE}: every member may confirm there. */
export const ANCHOR_ROSTER: CircleRoster = {
  anchorId: CIRCLE,
  parents: { [CIRCLE]: null },
  roleCircles: {},
  terms: [],
};
