import type { ContributorRole } from './commonsRecord.ts';
import type { Outcome, PositionValue } from '../process/events.ts';
import type { ObjectionResolution } from '../process/selectors.ts';

/** The languages exports are written in. */
export const EXPORT_LANGUAGES = ['en', 'fr'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The words an export uses around the records, per language. */
export interface ExportLabels {
  readonly scope: Readonly<Record<'decision' | 'decision-log' | 'proposal', string>>;
  readonly space: string;
  readonly exportedOn: string;
  readonly outcome: Readonly<Record<Outcome, string>>;
  readonly decidedOn: string;
  readonly meeting: string;
  readonly circle: string;
  readonly review: string;
  readonly driver: string;
  readonly text: string;
  readonly positions: string;
  readonly position: Readonly<Record<PositionValue, string>>;
  readonly objections: string;
  readonly objectionBy: string;
  readonly resolution: Readonly<Record<ObjectionResolution, string>>;
  readonly decisions: string;
  readonly noDecisions: string;
  /** The heading of a decision log's table of contents (EXPORT-10). */
  readonly contents: string;
  readonly backToContents: string;
  readonly proposalStatus: string;
  readonly version: string;
  readonly currentText: string;
  readonly contributors: string;
  readonly noContributors: string;
  readonly role: Readonly<Record<ContributorRole, string>>;
  readonly unnamed: string;
  readonly licence: string;
}

const EN: ExportLabels = {
  scope: { decision: 'Decision', 'decision-log': 'Decision log', proposal: 'Proposal' },
  space: 'Space',
  exportedOn: 'Exported on',
  outcome: {
    adopted: 'Adopted',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
    deferred: 'Deferred',
  },
  decidedOn: 'Decided on',
  meeting: 'Meeting',
  circle: 'Circle',
  review: 'Review by',
  driver: 'Driver',
  text: 'Text',
  positions: 'Positions',
  position: {
    consent: 'consent',
    concern: 'concern',
    objection: 'objection',
    'stand-aside': 'stand aside',
    'no-objection': 'no objection',
  },
  objections: 'Objections',
  objectionBy: 'Objection by',
  resolution: {
    open: 'open',
    integrated: 'integrated',
    'ruled-invalid': 'ruled not valid',
    'converted-to-concern': 'kept as a concern',
    confirmed: 'confirmed',
  },
  decisions: 'Decisions',
  noDecisions: 'No decision yet.',
  contents: 'Contents',
  backToContents: 'Back to the contents',
  proposalStatus: 'Status',
  version: 'Version',
  currentText: 'current text',
  contributors: 'Contributors',
  noContributors: 'No contributor recorded.',
  role: {
    author: 'author',
    proposer: 'proposer',
    facilitator: 'facilitator',
    participant: 'participant',
    objector: 'objector',
    amender: 'amended to integrate an objection',
  },
  unnamed: '(unnamed)',
  licence: 'This work is shared under the licence',
};

const FR: ExportLabels = {
  scope: {
    decision: 'Décision',
    'decision-log': 'Registre des décisions',
    proposal: 'Proposition',
  },
  space: 'Espace',
  exportedOn: 'Exporté le',
  outcome: { adopted: 'Adoptée', rejected: 'Rejetée', withdrawn: 'Retirée', deferred: 'Reportée' },
  decidedOn: 'Décidée le',
  meeting: 'Réunion',
  circle: 'Cercle',
  review: 'À revoir avant le',
  driver: 'Motif',
  text: 'Texte',
  positions: 'Positions',
  position: {
    consent: 'consentement',
    concern: 'réserve',
    objection: 'objection',
    'stand-aside': 'retrait',
    'no-objection': 'pas d’objection',
  },
  objections: 'Objections',
  objectionBy: 'Objection de',
  resolution: {
    open: 'ouverte',
    integrated: 'intégrée',
    'ruled-invalid': 'jugée non valide',
    'converted-to-concern': 'gardée comme réserve',
    confirmed: 'confirmée',
  },
  decisions: 'Décisions',
  noDecisions: 'Pas encore de décision.',
  contents: 'Sommaire',
  backToContents: 'Retour au sommaire',
  proposalStatus: 'Statut',
  version: 'Version',
  currentText: 'texte actuel',
  contributors: 'Contributrices et contributeurs',
  noContributors: 'Aucune contribution enregistrée.',
  role: {
    author: 'autrice ou auteur',
    proposer: 'porteuse ou porteur',
    facilitator: 'facilitation',
    participant: 'participation',
    objector: 'objection',
    amender: 'amendement pour intégrer une objection',
  },
  unnamed: '(sans nom)',
  licence: 'Cette œuvre est partagée sous la licence',
};

/** The labels of a language. */
export function exportLabels(language: ExportLanguage): ExportLabels {
  return language === 'fr' ? FR : EN;
}
