/** The election messages, English and French (spread into `en.ts` and `fr.ts`). */
export const electionEn = {
  'agendaKind.election': 'Election',
  'process.step.election.present': 'Role and term',
  'process.step.election.nominate': 'Written nominations',
  'process.step.election.nominations': 'Nomination round',
  'process.step.election.change': 'Change round',
  'process.step.election.propose': 'Proposal',
  'process.step.election.objections': 'Objection round',
  'process.step.election.integrate': 'Integration',
  'process.step.election.outcome': 'Outcome',
  'process.prompt.election.present':
    'The facilitator presents the role, its accountabilities and the term. Clarifying questions only.',
  'process.prompt.election.nominate':
    'Each person writes whom they nominate and why, without talking. Nobody sees a nomination before the facilitator reveals them all.',
  'process.prompt.election.nominations':
    'The nominations are revealed. In turn, each person says whom they nominated and why.',
  'process.prompt.election.change':
    'In turn, each person may change their nomination after hearing the others, and says why.',
  'process.prompt.election.propose':
    'Based on the reasons heard, the facilitator proposes someone for the role, with a focus and the end of the term.',
  'process.prompt.election.objections':
    'Each person, the nominee last, records consent or an objection to the proposal, with its reason.',
  'process.prompt.election.integrate':
    'For each objection, look for an integration: a shorter term, another focus, or someone else. Then a new objection round.',
  'process.prompt.election.outcome':
    'No objection remains: the facilitator records that the role is filled for the term.',
  'process.refusal.election-required': 'an election needs a role and a term end',
  'process.refusal.nominations-revealed': 'the nominations are already revealed',
  'process.refusal.not-revealed': 'the nominations are not revealed yet',
  'process.refusal.unknown-seal': 'that sealed nomination is not the author’s latest',
  'process.refusal.seal-mismatch': 'the nomination does not match what was sealed',
  'process.refusal.already-revealed': 'that nomination is already revealed',
  'process.refusal.term-too-long': 'the term ends after the term announced on the agenda',
  'process.refusal.no-candidate': 'nobody has been proposed yet',
  'process.refusal.candidate-not-consented':
    'the proposal needs an objection round after it, with the nominee’s own position',
} as const;

export const electionFr: Readonly<Record<keyof typeof electionEn, string>> = {
  'agendaKind.election': 'Élection',
  'process.step.election.present': 'Rôle et mandat',
  'process.step.election.nominate': 'Nominations écrites',
  'process.step.election.nominations': 'Tour des nominations',
  'process.step.election.change': 'Tour des changements',
  'process.step.election.propose': 'Proposition',
  'process.step.election.objections': 'Tour des objections',
  'process.step.election.integrate': 'Intégration',
  'process.step.election.outcome': 'Résultat',
  'process.prompt.election.present':
    'La facilitatrice ou le facilitateur présente le rôle, ses redevabilités et la durée du mandat. Questions de clarification seulement.',
  'process.prompt.election.nominate':
    'Chaque personne écrit, sans parler, qui elle nomme et pourquoi. Personne ne voit une nomination avant que toutes soient révélées.',
  'process.prompt.election.nominations':
    'Les nominations sont révélées. À tour de rôle, chaque personne dit qui elle a nommé et pourquoi.',
  'process.prompt.election.change':
    'À tour de rôle, chaque personne peut changer sa nomination après avoir entendu les autres, et dit pourquoi.',
  'process.prompt.election.propose':
    'À partir des raisons entendues, la facilitation propose une personne pour le rôle, avec un focus et la fin du mandat.',
  'process.prompt.election.objections':
    'Chaque personne, la personne proposée en dernier, enregistre son consentement ou une objection à la proposition, avec sa raison.',
  'process.prompt.election.integrate':
    'Pour chaque objection, cherchez une intégration : un mandat plus court, un autre focus ou une autre personne. Puis un nouveau tour des objections.',
  'process.prompt.election.outcome':
    'Il ne reste aucune objection : la facilitation enregistre que le rôle est pourvu pour le mandat.',
  'process.refusal.election-required': 'une élection demande un rôle et une fin de mandat',
  'process.refusal.nominations-revealed': 'les nominations sont déjà révélées',
  'process.refusal.not-revealed': 'les nominations ne sont pas encore révélées',
  'process.refusal.unknown-seal': 'cette nomination scellée n’est pas la dernière de son auteur',
  'process.refusal.seal-mismatch': 'la nomination ne correspond pas à ce qui a été scellé',
  'process.refusal.already-revealed': 'cette nomination est déjà révélée',
  'process.refusal.term-too-long': 'le mandat finit après celui annoncé à l’ordre du jour',
  'process.refusal.no-candidate': 'personne n’a encore été proposé',
  'process.refusal.candidate-not-consented':
    'la proposition demande un tour des objections après elle, avec la position de la personne proposée',
} as const;
