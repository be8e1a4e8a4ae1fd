import { expectAccessible } from '../fixtures/axe.ts';
import { planFacilitatorElection } from '../fixtures/election.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

/** A person's view of the election, in the language they read. */
interface Voter {
  readonly view: MeetingView;
  readonly step: (english: string) => string;
  readonly l: (english: string) => string;
}

/** Ben reads French: the words he sees, by their English counterpart. */
const FRENCH: Readonly<Record<string, string>> = {
  'Check-in round': 'Tour d’inclusion',
  'Role and term': 'Rôle et mandat',
  'Written nominations': 'Nominations écrites',
  'Nomination round': 'Tour des nominations',
  'Change round': 'Tour des changements',
  Proposal: 'Proposition',
  'Objection round': 'Tour des objections',
  Outcome: 'Résultat',
  'My written nomination': 'Ma nomination écrite',
  'I nominate': 'Je nomme',
  Because: 'Parce que',
  'Seal my nomination': 'Sceller ma nomination',
  Nominations: 'Nominations',
  'Your position': 'Votre position',
  Consent: 'Consentement',
};

async function seal(voter: Voter, nominee: string, reason: string): Promise<void> {
  const { l, view } = voter;
  const form = view.process.getByRole('form', { name: l('My written nomination') });
  await form.getByRole('combobox', { name: l('I nominate') }).selectOption({ label: nominee });
  await form.getByRole('textbox', { name: l('Because') }).fill(reason);
  await form.getByRole('button', { name: l('Seal my nomination') }).click();
  await expect(form.getByRole('status')).toBeVisible();
}

async function nextStep(awa: MeetingView, voters: readonly Voter[], english: string) {
  await awa.button('Next step').click();
  for (const v of voters) await expect(v.view.stepHeading).toHaveText(v.step(english));
}

test('an election fills a role for a term; the governance page shows who and until when, linked to the election', async ({
  server,
  person,
}) => {
  // Awa's space adopts an elected role, Facilitator, by consent, and plans
  // its election with the agenda form: the elected role and a term end.
  const awa = await person('Awa');
  await awa.open(server.url);
  const { shareLink, spaceUrl, meetingUrl, view: awaView } = await planFacilitatorElection(awa);
  await expect(
    awa.page.getByRole('textbox', { name: 'Title of “Election: Facilitator”' }),
  ).toBeVisible();

  // Ben reads French on a phone; Chloe joins on a laptop.
  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await ben.open(meetingUrl);
  const chloe = await person('Chloe');
  await chloe.open(shareLink);
  await chloe.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  await expect(awa.page.getByRole('combobox', { name: 'Role of Chloe' })).toBeVisible();

  const english = (s: string) => s;
  const french = (s: string) => FRENCH[s] ?? s;
  const voters: Voter[] = [
    { view: awaView, step: english, l: english },
    { view: new MeetingView(ben), step: french, l: french },
    { view: new MeetingView(chloe), step: english, l: english },
  ];
  const [, benVoter, chloeVoter] = voters as [Voter, Voter, Voter];

  await awaView.button('Start meeting').click();
  for (const v of voters) await expect(v.view.stepHeading).toHaveText(v.step('Check-in round'));
  await nextStep(awaView, voters, 'Role and term');
  await expect(awaView.process).toContainText('Electing: Facilitator');
  await expect(benVoter.view.process).toContainText('Mandat jusqu’au 30 juin 2031');
  await expectAccessible(awa.page, 'election: role and term');

  // Written nominations: sealed, nobody reads another's before the reveal.
  await nextStep(awaView, voters, 'Written nominations');
  await seal(voters[0]!, 'Chloe', 'Keeps us on time');
  await seal(benVoter, 'Chloe', 'Écoute tout le monde');
  await seal(chloeVoter, 'Ben', 'Patient with newcomers');
  await expect(awaView.process).toContainText('3 nominations sealed');
  await expect(benVoter.view.process).toContainText('3 nominations scellées');
  // Nobody reads another's nomination, nor their own once sealed (the form empties).
  for (const v of voters) {
    await expect(v.view.process).not.toContainText('Écoute tout le monde');
    await expect(v.view.process).not.toContainText('Patient with newcomers');
    await expect(v.view.process).not.toContainText('Keeps us on time');
  }
  await expectAccessible(ben.page, 'election: written nominations (French, phone)');

  // The reveal: each says whom and why.
  await nextStep(awaView, voters, 'Nomination round');
  const list = (v: Voter) => v.view.process.getByRole('region', { name: v.l('Nominations') });
  await expect(list(voters[0]!)).toContainText('Ben nominated Chloe');
  await expect(list(voters[0]!)).toContainText('Écoute tout le monde');
  await expect(list(benVoter)).toContainText('Chloe a nommé Ben');
  await expect(list(benVoter)).toContainText('Patient with newcomers');
  await expectAccessible(chloe.page, 'election: nomination round');

  // Change round: Chloe, having heard the others, nominates herself.
  await nextStep(awaView, voters, 'Change round');
  const change = chloeVoter.view.process.getByRole('form', { name: 'Change my nomination' });
  await change.getByRole('combobox', { name: 'I nominate' }).selectOption({ label: 'Chloe' });
  await change.getByRole('textbox', { name: 'Because' }).fill('Happy to try for a year');
  await change.getByRole('button', { name: 'Change my nomination' }).click();
  await expect(list(voters[0]!)).toContainText('Chloe nominated Chloe');
  await expect(list(voters[0]!)).toContainText('Chloe: 3 nominations');

  // The facilitator proposes Chloe, for a shorter term than announced.
  await nextStep(awaView, voters, 'Proposal');
  const propose = awaView.process.getByRole('form', { name: 'Propose someone for the role' });
  await expect(propose.getByRole('combobox', { name: 'Person proposed' })).toHaveValue(/.+/);
  await propose.getByRole('combobox', { name: 'Person proposed' }).selectOption({ label: 'Chloe' });
  await propose.getByRole('textbox', { name: 'Focus' }).fill('Governance meetings');
  await propose.getByLabel('Term ends on').fill('2030-12-31');
  await propose.getByRole('button', { name: 'Propose' }).click();
  await expect(benVoter.view.process).toContainText('Chloe, jusqu’au 31 décembre 2030');
  await expectAccessible(awa.page, 'election: proposal');

  // Objection round, the nominee included: everyone consents.
  await nextStep(awaView, voters, 'Objection round');
  await awaView.recordPosition('Consent');
  await chloeVoter.view.recordPosition('Consent');
  await benVoter.view.process
    .getByRole('group', { name: 'Votre position' })
    .getByRole('button', { name: 'Consentement', exact: true })
    .click();
  await expect(awaView.positions.getByRole('listitem')).toHaveCount(3);
  await nextStep(awaView, voters, 'Outcome');
  await awaView.button('Fill the role with Chloe').click();
  await expect(awaView.process).toContainText('Chloe fills the role until 31 December 2030.');
  await expect(benVoter.view.process).toContainText(
    'Chloe occupe le rôle jusqu’au 31 décembre 2030.',
  );

  // The governance page: who fills the role, until when, and the election that decided it.
  await awa.page.goto(`${spaceUrl}/governance`);
  const card = awa.page.getByRole('article', { name: /^Facilitator/ });
  const filled = card.getByRole('list', { name: /Facilitator/ });
  await expect(filled).toContainText('Chloe');
  await expect(filled).toContainText('term ends 31 December 2030');
  await expectAccessible(awa.page, 'governance page with an elected role');
  await filled
    .getByRole('link', { name: 'Filled by the decision “Election: Facilitator”' })
    .click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  const decision = awa.page.getByRole('article').filter({
    has: awa.page.getByRole('heading', { name: 'Election: Facilitator' }),
  });
  await expect(decision).toContainText('Elected');
  await expect(decision).toContainText('Chloe');
  await expect(decision).toContainText('Ben nominated Chloe — Écoute tout le monde');
  await expect(decision).toContainText('Chloe changed to Chloe — Happy to try for a year');
  await expectAccessible(awa.page, 'decision log with an election');

  // Ben, in French on his phone, finds the same on the governance page.
  await ben.page.goto(`${spaceUrl}/governance`);
  const benCard = ben.page.getByRole('article', { name: /^Facilitator/ });
  await expect(benCard).toContainText('Chloe');
  await expect(benCard).toContainText('31 décembre 2030');
  await expect(
    benCard.getByRole('link', { name: 'Pourvu par la décision « Election: Facilitator »' }),
  ).toBeVisible();
});
