import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { fr } from './fr.ts';
import { catalogueKeys, detectLanguage, translate } from './translate.ts';

describe('i18n catalogue', () => {
  it('has the same keys in French and English', () => {
    expect(catalogueKeys('fr')).toEqual(catalogueKeys('en'));
  });

  it('translates every message (no empty string, French differs where it should)', () => {
    for (const [key, value] of Object.entries(fr)) expect(value, key).not.toBe('');
    expect(fr['space.copy']).not.toBe(en['space.copy']);
  });

  it('sets French punctuation: a no-break space before : ; ? ! and inside « »', () => {
    // A breaking space there lets a phone start a line with the colon or the question mark.
    const breaking = / (?=[:;?!](?:[\s’'.,)]|$))|« | »/u;
    for (const [key, value] of Object.entries(fr)) expect(breaking.test(value), key).toBe(false);
  });

  it('keeps the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'space.edited', { when: '2 minutes ago' })).toBe('edited 2 minutes ago');
    expect(translate('fr', 'proposal.back', { space: 'Coop' })).toBe('Retour à l’espace Coop');
  });

  it('leaves a placeholder without a value visible', () => {
    expect(translate('en', 'space.edited', {})).toBe('edited {when}');
  });

  it('uses the exact English names the end-to-end tests select by', () => {
    expect(translate('en', 'name.title')).toBe('What should others call you?');
    expect(translate('en', 'status.connecting')).toBe('Connecting…');
    expect(translate('en', 'status.error')).toBe('Connection error');
  });
});

describe('detectLanguage', () => {
  it('picks French for any French locale and English otherwise', () => {
    expect(detectLanguage(['fr-CA', 'en'])).toBe('fr');
    expect(detectLanguage(['de-DE', 'fr'])).toBe('fr');
    expect(detectLanguage(['de-DE'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });
});
