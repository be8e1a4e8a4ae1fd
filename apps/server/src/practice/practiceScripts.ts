import type { PositionValue } from '@ronde/domain';
import { nameTaken } from '../displayName.ts';

/**
 * What a practice meeting says and what its bots do, as data: one script
 * per process template (SPEC PRACTICE-3), texts in the UI's two languages.
 */

export const PRACTICE_LANGUAGES = ['en', 'fr'] as const;
export type PracticeLanguage = (typeof PRACTICE_LANGUAGES)[number];
export const PRACTICE_PROCESSES = ['consent', 'idm'] as const;
export type PracticeProcess = (typeof PRACTICE_PROCESSES)[number];

type Localized = Readonly<Record<PracticeLanguage, string>>;

/** The sample space, proposal and meeting. */
export const PRACTICE_TEXTS = {
  spaceName: { en: 'Practice space', fr: 'Espace d’entraînement' },
  circleName: { en: 'Practice circle', fr: 'Cercle d’entraînement' },
  meetingTitle: { en: 'Practice meeting', fr: 'Réunion d’entraînement' },
  proposalTitle: { en: 'Try a four-day week', fr: 'Essayer la semaine de quatre jours' },
  proposalDriver: {
    en: 'People are tired on Fridays and our work suffers.',
    fr: 'Le vendredi, l’équipe est épuisée et le travail s’en ressent.',
  },
  proposalBody: {
    en: 'For three months we work Monday to Thursday, with the same pay. We review the trial at the end.',
    fr: 'Pendant trois mois, nous travaillons du lundi au jeudi, à salaire égal. Nous faisons le bilan à la fin de l’essai.',
  },
} as const satisfies Record<string, Localized>;

/** The bots' names, one per bot, in the UI's language. */
export const BOT_NAMES: Readonly<Record<PracticeLanguage, readonly string[]>> = {
  en: ['Amara', 'Ben', 'Chloe'],
  fr: ['Amélie', 'Bastien', 'Chloé'],
};

/** A bot's name when the person practising goes by its own (NAME-7: one name, one member). */
const SPARE_BOT_NAMES: Readonly<Record<PracticeLanguage, readonly string[]>> = {
  en: ['Anouk', 'Bruno', 'Celia'],
  fr: ['Anouk', 'Bruno', 'Célia'],
};

/**
 * The bots' names for a practice run by someone called `adminName`: the
 * usual ones, but the one that person goes by gives way to its spare (a
 * space's members never share a name, server NAME-7).
 *
 * @example
 * practiceBotNames('en', 'Ben'); // ['Amara', 'Bruno', 'Chloe']
 */
export function practiceBotNames(language: PracticeLanguage, adminName: string): string[] {
  const admin = [{ userId: 'admin', name: adminName }];
  return BOT_NAMES[language].map((name, i) =>
    nameTaken(admin, name) ? (SPARE_BOT_NAMES[language][i] ?? `${name} 2`) : name,
  );
}

/** Presence colours of the bots, by index. */
export const BOT_COLORS = ['#2f7d6d', '#8a5a9e', '#b5651d'] as const;

export interface ScriptedPosition {
  readonly value: PositionValue;
  readonly reason?: Localized;
}

export interface PracticeScript {
  /** By step key (`check-in`, `clarify`, …): bot i passes when entry i is `pass`; else it speaks. */
  readonly turns: Readonly<Record<string, readonly ('speak' | 'pass')[]>>;
  /** Each bot's position in the item's first positions round, by bot index. */
  readonly firstRound: readonly ScriptedPosition[];
  /** Every bot's position in the later rounds, once objections were integrated. */
  readonly laterRounds: PositionValue;
  /** Whether the objector confirms an amendment linked to its objection (IDM-6). */
  readonly confirmsAmendments: boolean;
}

const OBJECTION: Localized = {
  en: 'Clients call us on Fridays: who answers them?',
  fr: 'Les clients nous appellent le vendredi : qui leur répond ?',
};
const CONCERN: Localized = {
  en: 'Three months is short to judge.',
  fr: 'Trois mois, c’est court pour juger.',
};

/** In a consent round the objector consents once its objection was integrated (CONSENT-3). */
const CONSENT_SCRIPT: PracticeScript = {
  turns: { clarify: ['speak', 'pass', 'speak'] },
  firstRound: [
    { value: 'objection', reason: OBJECTION },
    { value: 'consent' },
    { value: 'concern', reason: CONCERN },
  ],
  laterRounds: 'consent',
  confirmsAmendments: false,
};

/** In IDM the objector confirms the proposer's amendment, then has no objection (IDM-6). */
const IDM_SCRIPT: PracticeScript = {
  turns: { clarify: ['speak', 'pass', 'speak'] },
  firstRound: [
    { value: 'objection', reason: OBJECTION },
    { value: 'no-objection' },
    { value: 'no-objection' },
  ],
  laterRounds: 'no-objection',
  confirmsAmendments: true,
};

export const PRACTICE_SCRIPTS: Readonly<Record<PracticeProcess, PracticeScript>> = {
  consent: CONSENT_SCRIPT,
  idm: IDM_SCRIPT,
};
