import type { Translate } from '../i18n/useT.ts';
import type { Names } from './historyApi.ts';

/**
 * The name to show for an attested author: the member's name now, "Ronde"
 * for the server's own writes, "unattributed" for text no binding covers,
 * "a former member" for an id the space no longer lists.
 *
 * @example
 * authorName(t, names, run.author);
 */
export function authorName(t: Translate, names: Names, author: string | null): string {
  if (author === null || author === '') return t('history.unknownAuthor');
  if (author === '@server') return t('history.serverAuthor');
  const name = names[author];
  return name === undefined || name === '' ? t('history.someone') : name;
}
