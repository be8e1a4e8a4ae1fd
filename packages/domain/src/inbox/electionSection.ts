import { currentNominations, isRevealed } from '../election/electionSelectors.ts';
import { listMeetings } from '../meeting/meetingIndex.ts';
import type { InboxContext, InboxItem, InboxSection } from './inbox.ts';

/** At most this many live meetings are opened for the inbox (SPEC INBOX-6). */
export const INBOX_MEETINGS_MAX = 5;

/**
 * The meetings whose documents the inbox needs (SPEC INBOX-6): the space's
 * live meetings, earliest started first, at most {@link INBOX_MEETINGS_MAX}.
 * Upcoming ones are not needed: nominations are revealed in a running
 * meeting only, and nothing sealed is ever read.
 *
 * @example
 * inboxMeetingIds(spaceDoc); // ['me1…']
 */
export function inboxMeetingIds(spaceDoc: InboxContext['spaceDoc']): string[] {
  return listMeetings(spaceDoc)
    .live.slice(0, INBOX_MEETINGS_MAX)
    .map((m) => m.id);
}

/**
 * Elections I am nominated in (SPEC INBOX-6): in the live meetings handed
 * in (`context.meetings`, folded over their verified logs), each election
 * item still undecided whose nominations were revealed (ELECT-4) and whose
 * current public nominations (ELECT-5) name me. Sealed nominations are
 * never read: before the reveal an item gives nothing.
 *
 * @example
 * electionSection({ spaceDoc, userId: me, now, meetings }).items[0]?.kind; // 'election'
 */
export function electionSection(context: InboxContext): InboxSection {
  const items: InboxItem[] = [];
  const live = new Set(inboxMeetingIds(context.spaceDoc));
  for (const meeting of context.meetings ?? []) {
    if (!live.has(meeting.id)) continue;
    for (const item of meeting.state.items) {
      if (item.election === undefined || item.outcome !== null || item.status !== 'pending') {
        continue;
      }
      if (!isRevealed(item)) continue;
      const nominators = currentNominations(item).filter((n) => n.nominee === context.userId);
      if (nominators.length === 0) continue;
      items.push({
        key: `election:${meeting.id}:${item.id}`,
        kind: 'election',
        title: item.title,
        dueAt: null,
        overdue: false,
        flag: null,
        target: { page: 'meeting', id: meeting.id },
      });
    }
  }
  return { id: 'elections', items };
}
