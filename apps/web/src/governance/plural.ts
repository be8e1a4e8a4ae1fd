import type { Language } from '../i18n/translate.ts';

/**
 * The plural category a count takes in a language, as the catalogue's
 * `.one` / `.other` keys name them: French says "0 conflit", English "0 conflicts".
 *
 * @example
 * plural('fr', 0); // 'one'
 * plural('en', 0); // 'other'
 */
export function plural(language: Language, count: number): 'one' | 'other' {
  return new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
}
