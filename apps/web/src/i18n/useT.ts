import { useCallback, useEffect } from 'react';
import { useSession } from '../state/session.ts';
import type { MessageKey } from './en.ts';
import {
  translate,
  translatePlural,
  type Language,
  type Params,
  type PluralKey,
} from './translate.ts';

export type Translate = (key: MessageKey, params?: Params) => string;
export type TranslatePlural = (key: PluralKey, count: number, params?: Params) => string;

/**
 * The translator of the current language; re-renders when it changes.
 *
 * @example
 * const t = useT();
 * return <button>{t('space.copy')}</button>;
 */
export function useT(): Translate {
  const language = useSession((s) => s.language);
  return useCallback((key, params) => translate(language, key, params), [language]);
}

/**
 * The plural translator of the current language (`<key>.one`, `<key>.other`).
 *
 * @example
 * const tn = useTn();
 * tn('equity.turns', 3); // '3 turns'
 */
export function useTn(): TranslatePlural {
  const language = useSession((s) => s.language);
  return useCallback(
    (key, count, params) => translatePlural(language, key, count, params),
    [language],
  );
}

/** The current UI language. */
export function useLanguage(): Language {
  return useSession((s) => s.language);
}

/** Keeps `<html lang>` in step with the chosen language (for screen readers). */
export function useDocumentLanguage(): void {
  const language = useLanguage();
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
}
