import { listAsyncConsents } from '../asyncConsent/consentDoc.ts';
import type { InboxContext, InboxItem, InboxSection } from './inbox.ts';

/**
 * Asynchronous consents awaiting my position (SPEC INBOX-3): open, deadline
 * not passed, and I am awaited (silent, or my position predates the last
 * amendment; `amended` flags a text amended since the opening). Read from the space's server-written index only.
 *
 * @example
 * asyncConsentSection({ spaceDoc, userId: me, now }).items.length;
 */
export function asyncConsentSection(context: InboxContext): InboxSection {
  const items: InboxItem[] = [];
  for (const consent of listAsyncConsents(context.spaceDoc)) {
    if (consent.status !== 'open' || consent.deadline <= context.now) continue;
    if (!consent.awaiting.includes(context.userId)) continue;
    items.push({
      key: consent.id,
      kind: 'consent',
      title: consent.title,
      dueAt: consent.deadline,
      overdue: false,
      // The text was amended since the opening: whoever positioned before is asked again.
      flag: consent.revision > 0 ? 'amended' : null,
      target: { page: 'consent', id: consent.id },
    });
  }
  return { id: 'async-consent', items };
}
