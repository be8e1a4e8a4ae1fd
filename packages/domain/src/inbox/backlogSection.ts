import { tensionsAndActionsFor } from '../tensions/forPerson.ts';
import type { InboxContext, InboxItem, InboxSection } from './inbox.ts';
import { endOfDay } from './reviewSection.ts';

/**
 * What the backlog asks of me (SPEC INBOX-5), from `tensionsAndActionsFor`
 * (TENSION-8): the tensions I logged that still wait (open, on an agenda,
 * or sent to a proposal nobody wrote yet), flagged by where they stand, and
 * the next actions and projects I own that are not done, due at the end of
 * their due day (UTC), `overdue` once it passed.
 *
 * @example
 * backlogSection({ spaceDoc, userId: me, now }).items.map((i) => i.kind); // ['action', 'tension']
 */
export function backlogSection(context: InboxContext): InboxSection {
  const { tensions, actions } = tensionsAndActionsFor(context.userId, context.spaceDoc);
  const items: InboxItem[] = [];
  for (const tension of tensions) {
    items.push({
      key: `tension:${tension.id}`,
      kind: 'tension',
      title: tension.what,
      dueAt: null,
      overdue: false,
      flag: tension.status,
      target: { page: 'tensions', id: tension.id },
    });
  }
  for (const action of actions) {
    const dueAt = action.dueDate === null ? null : endOfDay(action.dueDate);
    items.push({
      key: `action:${action.id}`,
      kind: action.kind,
      title: action.title,
      dueAt,
      overdue: dueAt !== null && dueAt < context.now,
      flag: null,
      target: { page: 'tensions', id: action.id },
    });
  }
  return { id: 'backlog', items };
}
