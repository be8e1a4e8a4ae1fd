import type * as Y from 'yjs';
import type { MeetingState } from '../process/state.ts';

/**
 * A person's inbox (SPEC INBOX-1): what awaits them in a space, as sections
 * each built by a small pure function over the space document. A section
 * is added by writing one {@link InboxSource} and listing it in
 * `INBOX_SOURCES` (inboxSources.ts); the page shows sections in that order.
 */

/** Where an item leads: the page and the id on it. */
export interface InboxTarget {
  readonly page: 'consent' | 'proposal' | 'decision' | 'governance' | 'meeting' | 'tensions';
  readonly id: string;
}

/** One thing awaiting the person. */
export interface InboxItem {
  /** Unique within its section. */
  readonly key: string;
  /** What it is (the page picks its wording by it): `consent`, `assignment`, `decision`… */
  readonly kind: string;
  readonly title: string;
  /** Its date to act by, epoch ms (`null`: none); items sort by it, soonest first. */
  readonly dueAt: number | null;
  /** Whether `dueAt` has passed. */
  readonly overdue: boolean;
  /** A short extra state the page words (`stale`: asked again after an amendment). */
  readonly flag: string | null;
  readonly target: InboxTarget;
}

export interface InboxSection {
  /** Stable id (`async-consent`, `review`, …): the page's heading and test ids. */
  readonly id: string;
  readonly items: readonly InboxItem[];
}

/** A live meeting's folded state, as the page hands it to the inbox (INBOX-6). */
export interface InboxMeeting {
  readonly id: string;
  readonly state: MeetingState;
}

/** What every source reads: the space document, the person, the server time now. */
export interface InboxContext {
  readonly spaceDoc: Y.Doc;
  readonly userId: string;
  /** Epoch ms, on the server's clock. */
  readonly now: number;
  /** The live meetings the page opened (`inboxMeetingIds`), folded; absent: none (INBOX-6). */
  readonly meetings?: readonly InboxMeeting[];
}

export type InboxSource = (context: InboxContext) => InboxSection;

/** Soonest first; items without a date last; ties by key (INBOX-2). */
export function byDue(a: InboxItem, b: InboxItem): number {
  const da = a.dueAt ?? Number.POSITIVE_INFINITY;
  const db = b.dueAt ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Builds the inbox (SPEC INBOX-1, INBOX-2): each source's section, in the
 * sources' order, its items sorted soonest first; a source that throws on a
 * malformed document yields an empty section rather than no inbox.
 *
 * @example
 * const sections = buildInbox({ spaceDoc, userId: me, now: serverNow() }, INBOX_SOURCES);
 * const count = inboxCount(sections);
 */
export function buildInbox(
  context: InboxContext,
  sources: readonly (readonly [string, InboxSource])[],
): InboxSection[] {
  return sources.map(([id, source]) => {
    let items: readonly InboxItem[];
    try {
      items = source(context).items;
    } catch {
      items = [];
    }
    return { id, items: [...items].sort(byDue) };
  });
}

/** How many items the inbox holds (the header's count). */
export function inboxCount(sections: readonly InboxSection[]): number {
  return sections.reduce((sum, section) => sum + section.items.length, 0);
}
