/** The cockpit messages, English and French (spread into `en.ts` and `fr.ts`). */
export const cockpitEn = {
  'cockpit.steps': 'Steps',
  'cockpit.stepOf': 'Step {index} of {count}',
  'cockpit.next.step': 'Next: {step}',
  'cockpit.next.item': 'Next: the item “{title}”',
  'cockpit.next.closing': 'Next: the closing round',
  'cockpit.next.end': 'Next: the end of the meeting',
  'cockpit.next.outcome': 'Record the outcome to go on',
  'cockpit.status.done': 'done',
  'cockpit.status.current': 'now',
  'cockpit.tools': 'Agenda and roles',
  'cockpit.close': 'Close',
  'cockpit.checkIn': 'Opening',
  'cockpit.closing': 'Closing',
  'cockpit.raiseTension': 'A tension to raise?',
  'cockpit.raiseTensionLink': 'Log it in the tension backlog',
  'cockpit.raiseTensionHint': ': a facilitator can put it on this agenda.',
} as const;

export const cockpitFr: Readonly<Record<keyof typeof cockpitEn, string>> = {
  'cockpit.steps': 'Étapes',
  'cockpit.stepOf': 'Étape {index} sur {count}',
  'cockpit.next.step': 'Ensuite : {step}',
  'cockpit.next.item': 'Ensuite : le point « {title} »',
  'cockpit.next.closing': 'Ensuite : le tour de clôture',
  'cockpit.next.end': 'Ensuite : la fin de la réunion',
  'cockpit.next.outcome': 'Enregistrez la décision pour continuer',
  // « étape » est féminin.
  // Step names are of both genders (« Tour de consentement », « Issue »): say « étape ».
  'cockpit.status.done': 'étape faite',
  'cockpit.status.current': 'étape en cours',
  'cockpit.tools': 'Ordre du jour et rôles',
  'cockpit.close': 'Fermer',
  'cockpit.checkIn': 'Ouverture',
  'cockpit.closing': 'Clôture',
  'cockpit.raiseTension': 'Une tension à soulever ?',
  'cockpit.raiseTensionLink': 'Notez-la dans la liste des tensions',
  'cockpit.raiseTensionHint':
    '\u00a0: une personne qui facilite peut la mettre à cet ordre du jour.',
};
