import type { ElectionTarget } from '../election/target.ts';

/**
 * The shared vocabulary of meetings: what the meeting document stores about
 * people and the agenda, which the process fold reads as its context.
 * (The process events and folded state live in `../process/`.)
 */

/** A meeting's kind: governance (roles, policies) or tactical (operations). */
export const MEETING_KINDS = ['governance', 'tactical'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * A person's role in one meeting. Facilitators run the process (there may be
 * several); participants speak in rounds and record positions; observers
 * follow without taking part. The secretary is a participant named in the
 * meeting's fields.
 */
export const MEETING_ROLES = ['facilitator', 'participant', 'observer'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

export interface MeetingPerson {
  /** The user id: the device id today, the server-issued id once access control lands. */
  readonly id: string;
  /** Display name when they joined or last renamed; kept so the record stays readable. */
  readonly name: string;
  readonly role: MeetingRole;
  readonly joinedAt: number;
}

/**
 * What an agenda item is about:
 * - `proposal`: a proposal of the space, decided through a process (consent or IDM);
 * - `tension`: a short text someone brings, processed into next actions or a proposal;
 * - `information`: an announcement or report, no decision;
 * - `election`: an integrative election to an elected role for a term (SPEC ELECT-1).
 */
export const AGENDA_ITEM_KINDS = ['proposal', 'tension', 'information', 'election'] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** The decision process a proposal item goes through. */
export const DECISION_PROCESSES = ['consent', 'idm'] as const;
export type DecisionProcess = (typeof DECISION_PROCESSES)[number];

export interface AgendaItem {
  readonly id: string;
  readonly kind: AgendaItemKind;
  /** Short title shown in the agenda (for a proposal item: a copy of its title when added). */
  readonly title: string;
  /** For `proposal` items: the linked proposal's id. */
  readonly proposalId: string | null;
  /** For `proposal` items: consent (sociocracy) or IDM (holacracy). */
  readonly process: DecisionProcess | null;
  /** For `tension` items: the tension in a few words. */
  readonly text: string;
  /** Who brings the item (a user id). */
  readonly ownerId: string;
  /** Minutes allotted. */
  readonly timeboxMinutes: number;
  /** For `election` items: the elected role and the term's last day (SPEC ELECT-1). */
  readonly election?: ElectionTarget;
  /** Sort key (fractional index): items are listed by `order`, ties by id. */
  readonly order: number;
  readonly createdAt: number;
  readonly createdBy: string;
}

export interface MeetingInfo {
  readonly id: string;
  readonly spaceId: string;
  readonly title: string;
  readonly circleId: string;
  readonly kind: MeetingKind;
  /** Planned start, epoch ms. */
  readonly startsAt: number;
  /** The secretary's user id, or null. */
  readonly secretaryId: string | null;
  readonly createdAt: number;
  readonly createdBy: string;
}
