import type { MessageKey } from '../i18n/en.ts';
import type { MyRefusal } from '../sync/submitRefusals.ts';

/** Reasons of an asynchronous consent refusal the page words itself (server ACONS-7, ACONS-13, ACONS-14). */
const WORDED = [
  'text-differs',
  'text-changed',
  'stale-revision',
  'not-everyone-consented',
  'bad-deadline',
] as const;

/**
 * The message key and values that say why the server refused one of my
 * consent events, in the page's language: the fold's or the server's
 * reason when the page knows it (the detail starts with it), else the
 * refusal code's words.
 *
 * @example
 * t('async.refused', { detail: t(refusalMessage(refusal).key) }); // '… the deadline has passed'
 */
export function refusalMessage(refusal: MyRefusal): { readonly key: MessageKey } {
  const reason = WORDED.find((w) => refusal.detail === w || refusal.detail.startsWith(`${w}:`));
  if (refusal.code === 'not-allowed' && reason !== undefined) {
    return { key: `async.refusal.${reason}` };
  }
  return { key: `submit.refusal.${refusal.code}` };
}
