import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

/** The languages of the UI, in the order the language selector lists them. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Params = Readonly<Record<string, string | number>>;

const CATALOGUES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, fr };

/** Whether a value names one of the UI languages. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language to start with on a device that has not chosen one: French for
 * any French locale, English otherwise.
 *
 * @example
 * detectLanguage(['fr-CA', 'en']); // 'fr'
 */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/**
 * The message for `key` in `language`, with `{placeholders}` filled from
 * `params`. A placeholder without a value is left visible, so a missing
 * parameter shows up in review rather than as an empty gap.
 *
 * @example
 * translate('fr', 'space.edited', { when: 'il y a 2 minutes' }); // 'modifiée il y a 2 minutes'
 */
export function translate(language: Language, key: MessageKey, params?: Params): string {
  const message = CATALOGUES[language][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A message that has plural forms: `<key>.one` and `<key>.other` (and any other CLDR category). */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? Base : never;
}[MessageKey];

/**
 * The plural form of `key` for `count` in `language` (CLDR rules through
 * `Intl.PluralRules`: French says "0 tour", English "0 turns"), with
 * `{count}` and `params` filled; a category the catalogue lacks falls back
 * to `other`.
 *
 * @example
 * translatePlural('fr', 'equity.turns', 0); // '0 tour'
 */
export function translatePlural(
  language: Language,
  key: PluralKey,
  count: number,
  params?: Params,
): string {
  const category = new Intl.PluralRules(language).select(count);
  const catalogue = CATALOGUES[language] as Readonly<Record<string, string>>;
  const full = `${key}.${category}` in catalogue ? `${key}.${category}` : `${key}.other`;
  return translate(language, full as MessageKey, { count, ...params });
}

/** The keys of a catalogue, for the catalogue tests. */
export function catalogueKeys(language: Language): string[] {
  return Object.keys(CATALOGUES[language]).sort();
}
