import { asyncConsentSection } from './asyncConsentSection.ts';
import { backlogSection } from './backlogSection.ts';
import { electionSection } from './electionSection.ts';
import type { InboxSource } from './inbox.ts';
import { reviewSection } from './reviewSection.ts';

/**
 * The inbox's sections, in the order the page shows them (SPEC INBOX-1).
 * To add one: write `(context) => ({ id, items })` beside the feature it
 * reads and list it here with its id.
 */
export const INBOX_SOURCES: readonly (readonly [string, InboxSource])[] = [
  ['async-consent', asyncConsentSection],
  ['elections', electionSection],
  ['backlog', backlogSection],
  ['review', reviewSection],
];
