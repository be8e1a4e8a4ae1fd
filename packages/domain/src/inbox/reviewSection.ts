import { listDecisions, decisionsDueForReview } from '../decisions/decisionLog.ts';
import { assignmentsOfPerson } from '../governance/readRecords.ts';
import { readRole } from '../governance/readRecords.ts';
import type { InboxContext, InboxItem, InboxSection } from './inbox.ts';

/** How far ahead a term's end or a review date shows (SPEC INBOX-4). */
export const REVIEW_HORIZON_DAYS = 30;
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an epoch ms, in UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The epoch ms of the end of a `YYYY-MM-DD` day (UTC), or `null` when it is not a date. */
export function endOfDay(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T23:59:59.999Z`);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Records up for review that are mine (SPEC INBOX-4): the role assignments I
 * hold whose term ends within 30 days or has ended, and the decisions I
 * proposed whose review date is within 30 days or past (the latest decision
 * on each proposal only, DEC-7). Dates are days, compared in UTC.
 *
 * @example
 * reviewSection({ spaceDoc, userId: me, now }).items.map((i) => i.kind); // ['assignment', 'decision']
 */
export function reviewSection(context: InboxContext): InboxSection {
  const horizon = isoDay(context.now + REVIEW_HORIZON_DAYS * DAY);
  const items: InboxItem[] = [];
  for (const assignment of assignmentsOfPerson(context.spaceDoc, context.userId)) {
    if (assignment.termEnd === null || assignment.termEnd > horizon) continue;
    const dueAt = endOfDay(assignment.termEnd);
    if (dueAt === null) continue;
    items.push({
      key: `assignment:${assignment.id}`,
      kind: 'assignment',
      title: readRole(context.spaceDoc, assignment.roleId)?.name ?? '',
      dueAt,
      overdue: dueAt < context.now,
      flag: null,
      target: { page: 'governance', id: assignment.roleId },
    });
  }
  const due = decisionsDueForReview(listDecisions(context.spaceDoc), horizon);
  for (const entry of due) {
    if (entry.proposerId !== context.userId || entry.reviewDate === null) continue;
    const dueAt = endOfDay(entry.reviewDate);
    if (dueAt === null) continue;
    items.push({
      key: `decision:${entry.id}`,
      kind: 'decision',
      title: entry.title,
      dueAt,
      overdue: dueAt < context.now,
      flag: null,
      target: { page: 'decision', id: entry.id },
    });
  }
  return { id: 'review', items };
}
