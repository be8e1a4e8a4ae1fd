import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { expect, test } from '../fixtures/test.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';

test.setTimeout(300_000);

const PHONE = { width: 390, height: 844 };

/** The words a person reads, by their English counterpart (English: the words themselves). */
type Words = (english: string) => string;

const english: Words = (s) => s;

/** Ben reads French: what he sees, by its English counterpart. */
const FRENCH: Readonly<Record<string, string>> = {
  // Steps of a consent and of an IDM item.
  'Check-in round': 'Tour d’inclusion',
  'Present the proposal': 'Présenter la proposition',
  'Clarifying questions': 'Questions de clarification',
  'Quick reactions': 'Réactions rapides',
  'Reaction round': 'Tour de réactions',
  'Amend and clarify': 'Amender et clarifier',
  'Consent round': 'Tour de consentement',
  'Objection round': 'Tour d’objections',
  'Test objections': 'Tester les objections',
  Integration: 'Intégration',
  Outcome: 'Issue',
  // Positions and the integration of an objection.
  'Your position': 'Votre position',
  Consent: 'Consentement',
  'No objection': 'Pas d’objection',
  Objection: 'Objection',
  Reason: 'Raison',
  'Record objection': 'Enregistrer l’objection',
  'Objection of Ben': 'Objection de Ben',
  'Confirm amendment': 'Confirmer l’amendement',
  Resolved: 'Résolue',
  Adopted: 'Adoptée',
  // The proposal's changes to the governance records.
  'Add a change': 'Ajouter un changement',
  'What to change': 'Que changer',
  'Amend a circle, role, policy or assignment':
    'Modifier un cercle, un rôle, une politique ou une affectation',
  Record: 'Enregistrement',
  'Policy: Budget': 'Politique : Budget',
  Field: 'Champ',
  Text: 'Texte',
  'Text: new value': 'Texte : nouvelle valeur',
  'Add change': 'Ajouter le changement',
  'Amend the policy “Budget”': 'Modifier la politique « Budget »',
  'After:': 'Après :',
};

const french: Words = (s) => {
  const words = FRENCH[s];
  if (words === undefined) throw new Error(`No French words for “${s}” in this test`);
  return words;
};

/** A person in the meeting, with the words they read. */
interface Seat {
  readonly view: MeetingView;
  readonly l: Words;
}

/** The structured changes editor of the proposal open on `page`. */
function changeForm(page: Page, l: Words): Locator {
  return page.getByRole('form', { name: l('Add a change') });
}

/** Opens a proposal of the space in a second tab of the person's browser. */
async function openProposal(who: Person, spaceUrl: string, title: string, l: Words): Promise<Page> {
  const page = await who.context.newPage();
  await page.goto(spaceUrl);
  await page.getByRole('link', { name: title }).click();
  await expect(changeForm(page, l)).toBeVisible();
  return page;
}

/** Adds, on the proposal open on `page`, an amendment of the policy "Budget"'s text. */
async function amendBudget(page: Page, l: Words, text: string): Promise<void> {
  const form = changeForm(page, l);
  await form
    .getByRole('combobox', { name: l('What to change') })
    .selectOption({ label: l('Amend a circle, role, policy or assignment') });
  // The policy exists once the server applied the first adoption: the option waits for it.
  await form
    .getByRole('combobox', { name: l('Record') })
    .selectOption({ label: l('Policy: Budget') });
  await form.getByRole('combobox', { name: l('Field') }).selectOption({ label: l('Text') });
  const value = form.getByRole('textbox', { name: l('Text: new value') });
  await expect(value).toHaveValue('Spend up to 100');
  await value.fill(text);
  await form.getByRole('button', { name: l('Add change') }).click();
  await expect(page.getByRole('listitem', { name: l('Amend the policy “Budget”') })).toContainText(
    `Spend up to 100 → ${l('After:')} ${text}`,
  );
}

/** Every seat shows the step (in its own words). */
async function allAt(seats: readonly Seat[], step: string): Promise<void> {
  for (const { view, l } of seats) await expect(view.stepHeading).toHaveText(l(step));
}

/** The facilitator (the first seat, in English) moves everyone to the next step. */
async function next(seats: readonly Seat[], step: string): Promise<void> {
  await seats[0]!.view.button('Next step').click();
  await allAt(seats, step);
}

/** Records the seat's position in the current round, with a reason when given. */
async function position(seat: Seat, value: string, reason?: string): Promise<void> {
  const { view, l } = seat;
  const group = view.process.getByRole('group', { name: l('Your position') });
  await group.getByRole('button', { name: l(value), exact: true }).click();
  if (reason !== undefined) {
    await view.process.getByRole('textbox', { name: l('Reason') }).fill(reason);
    await view.process.getByRole('button', { name: l(`Record ${value.toLowerCase()}`) }).click();
  }
}

/** The facilitator records the outcome "Adopted" with a review date; every seat sees it. */
async function recordAdoption(seats: readonly Seat[]): Promise<void> {
  await seats[0]!.view.recordAdoption('2027-06-01');
  for (const { view, l } of seats) await expect(view.process).toContainText(l('Adopted'));
}

/** From the presentation of a consent item to its recorded adoption. */
async function adoptByConsent(seats: readonly Seat[]): Promise<void> {
  for (const step of ['Clarifying questions', 'Quick reactions', 'Amend and clarify']) {
    await next(seats, step);
  }
  await next(seats, 'Consent round');
  for (const seat of seats) await position(seat, 'Consent');
  for (const { view } of seats) await expect(view.positions.getByRole('listitem')).toHaveCount(2);
  await next(seats, 'Outcome');
  await recordAdoption(seats);
}

test('a role and a policy change go through IDM and are adopted; a stale change shows as a conflict; Ben follows in French on a phone', async ({
  server,
  person,
}) => {
  // Awa writes three proposals: a budget policy, then (once it exists) a
  // treasurer role with a higher budget, while Ben would cut the budget.
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await awa.createProposal('Budget policy', 'Spending is never agreed.');
  const form = changeForm(awa.page, english);
  await form
    .getByRole('combobox', { name: 'What to change' })
    .selectOption({ label: 'Add a policy' });
  await form.getByRole('textbox', { name: 'Title' }).fill('Budget');
  await form.getByRole('textbox', { name: 'Text' }).fill('Spend up to 100');
  await form.getByRole('button', { name: 'Add change' }).click();
  await expect(awa.page.getByRole('listitem', { name: 'Add the policy “Budget”' })).toContainText(
    'Spend up to 100',
  );
  for (const [title, driver] of [
    ['Money roles', 'Nobody keeps the accounts.'],
    ['Frugal budget', 'We spend too much.'],
  ] as const) {
    await awa.page.goto(spaceUrl);
    await awa.createProposal(title, driver);
  }
  await awa.page.goto(spaceUrl);
  const awaView = new MeetingView(awa);
  const meetingUrl = await awaView.createMeeting('Governance, December');
  await awaView.addProposalItem('Budget policy', 'Consent');
  await awaView.addProposalItem('Money roles', 'IDM');
  await awaView.addProposalItem('Frugal budget', 'Consent');

  // Ben puts the app in French before he joins, on his phone, and keeps it so.
  const ben = await person('Ben', PHONE);
  await ben.page.goto(server.url);
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await expect(ben.page.locator('html')).toHaveAttribute('lang', 'fr');
  await ben.open(shareLink);
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  const benView = new MeetingView(ben);
  const awaSeat: Seat = { view: awaView, l: english };
  const benSeat: Seat = { view: benView, l: french };
  const seats = [awaSeat, benSeat];

  // First item: the budget policy is adopted by consent.
  await awaView.button('Start meeting').click();
  await allAt(seats, 'Check-in round');
  await next(seats, 'Present the proposal');
  await expect(benView.process).toContainText('1 changement des registres de gouvernance');
  await adoptByConsent(seats);

  // Both now write against the policy the server created: Awa raises it, Ben cuts it.
  const awaProposal = await openProposal(awa, spaceUrl, 'Money roles', english);
  const roleForm = changeForm(awaProposal, english);
  await roleForm.getByRole('combobox', { name: 'What to change' }).selectOption({
    label: 'Add a role',
  });
  await roleForm.getByRole('textbox', { name: 'Name' }).fill('Treasurer');
  await roleForm.getByRole('textbox', { name: 'Purpose' }).fill('Money in order');
  await roleForm.getByRole('button', { name: 'Add change' }).click();
  await expect(
    awaProposal.getByRole('listitem', { name: 'Add the role “Treasurer”' }),
  ).toBeVisible();
  await amendBudget(awaProposal, english, 'Spend up to 500');
  const benProposal = await openProposal(ben, spaceUrl, 'Frugal budget', french);
  await amendBudget(benProposal, french, 'Spend nothing');
  await benProposal.close();

  // Second item, by IDM: the role and the raise, without conflict.
  await next(seats, 'Present the proposal');
  await expect(awaView.process).toContainText('Money roles');
  await expect(awaView.process).toContainText('2 changes to the governance records');
  await expect(benView.process).toContainText('2 changements des registres de gouvernance');
  await expect(benView.process.getByRole('note')).toHaveCount(0);
  for (const step of ['Clarifying questions', 'Reaction round', 'Amend and clarify']) {
    await next(seats, step);
  }
  // Ben objects to the raise; Awa has no objection.
  await next(seats, 'Objection round');
  await position(benSeat, 'Objection', 'Cinq cents sans trésorier, c’est trop.');
  await position(awaSeat, 'No objection');
  for (const { view } of seats) {
    await expect(view.positions.getByRole('listitem')).toHaveCount(2);
    await expect(view.positions).toContainText('Cinq cents sans trésorier');
  }
  // Awa, facilitating, tests the objection: valid.
  await next(seats, 'Test objections');
  await awaView.recordValidObjection('Ben');
  await expect(
    awaView.process.getByRole('group', { name: 'Test the objection of Ben' }),
  ).toContainText('Ruled Valid by Awa.');

  // Integration: Awa amends the proposal's budget change to 300 and links the
  // amendment; Ben and Awa both confirm it.
  await next(seats, 'Integration');
  const raise = awaProposal.getByRole('listitem', { name: 'Amend the policy “Budget”' });
  await raise.getByRole('textbox', { name: 'Text: new value' }).fill('Spend up to 300');
  await expect(raise).toContainText('Spend up to 100 → After: Spend up to 300');
  const objection = awaView.objection('Ben');
  await awaView.linkAmendment('Ben', 'Up to 300 rather than 500, until the treasurer reports.');
  const benObjection = benView.process.getByRole('group', { name: french('Objection of Ben') });
  await expect(benObjection).toContainText('Up to 300 rather than 500');
  await benObjection.getByRole('button', { name: french('Confirm amendment') }).click();
  // Ben's confirmation alone does not resolve it: the proposer's is needed too.
  await expect(objection).toContainText('Confirmed by Ben');
  await expect(benObjection).toContainText('Confirmé par Ben');
  await expect(benObjection).not.toContainText(french('Resolved'));
  await awaView.confirmAmendment('Ben');
  for (const { view, l } of seats) {
    await expect(view.process.getByRole('group', { name: l('Objection of Ben') })).toContainText(
      l('Resolved'),
    );
  }

  // The objection round again: clear. Adopted.
  await next(seats, 'Objection round');
  for (const seat of seats) await position(seat, 'No objection');
  for (const { view } of seats) await expect(view.positions.getByRole('listitem')).toHaveCount(2);
  await next(seats, 'Outcome');
  await recordAdoption(seats);

  // Third item: Ben's cut was written against the text the second adoption changed.
  await next(seats, 'Present the proposal');
  const awaConflict = awaView.process.getByRole('note', {
    name: '1 change conflicts with the governance records',
  });
  await expect(awaConflict).toContainText('it is now “Spend up to 300”');
  // Not at an amend step yet: even its proposer is sent to see the changes, not to amend them.
  await expect(
    awaConflict.getByRole('link', { name: 'See the changes on the proposal page' }),
  ).toBeVisible();
  const benConflict = benView.process.getByRole('note', {
    name: '1 changement entre en conflit avec les registres de gouvernance',
  });
  await expect(benConflict).toContainText('sa valeur est maintenant « Spend up to 300 »');
  // Ben wrote the change but neither proposes this item nor facilitates: he is sent to
  // see it, and the proposal page says who amends it and when (server WRITE-8).
  const seeLink = benConflict.getByRole('link', {
    name: 'Voir les changements sur la page de la proposition',
  });
  await expect(seeLink).toBeVisible();
  await expectAccessible(ben.page, 'a conflicting item in the meeting (fr, phone)');
  const proposalUrl = new URL(
    (await seeLink.getAttribute('href')) ?? '',
    ben.page.url(),
  ).toString();
  const benReading = await ben.context.newPage();
  await benReading.goto(proposalUrl);
  await expect(benReading.getByText(/^Une réunion examine cette proposition/)).toBeVisible();
  const benStale = benReading.getByRole('listitem', { name: 'Modifier la politique « Budget »' });
  await expect(benStale).toContainText('sa valeur est maintenant « Spend up to 300 »');
  await expect(benStale.getByRole('button')).toHaveCount(0);
  await benReading.close();

  // At "Amend and clarify" Awa, its proposer and the facilitator, follows the note to
  // the proposal and rewrites Ben's change against the current text.
  for (const step of ['Clarifying questions', 'Quick reactions', 'Amend and clarify']) {
    await next(seats, step);
  }
  const amendLink = awaConflict.getByRole('link', {
    name: 'Amend the changes on the proposal page',
  });
  await expect(amendLink).toHaveAttribute('href', new URL(proposalUrl).pathname);
  const amending = await awa.context.newPage();
  await amending.goto(proposalUrl);
  await expect(amending.getByText(/^The meeting is at an amend step/)).toBeVisible();
  const stale = amending.getByRole('listitem', { name: 'Amend the policy “Budget”' });
  await expect(stale).toContainText('it is now “Spend up to 300”');
  await stale.getByRole('button', { name: 'Rewrite against the current value' }).click();
  await expect(stale).toContainText('Spend up to 300 → After: Spend nothing');
  await expect(stale).not.toContainText('Conflict');
  await amending.close();
  await expect(benView.process.getByRole('note')).toHaveCount(0);
  await expect(benView.process).toContainText('1 changement des registres de gouvernance');
  await expect(awaView.process.getByRole('note')).toHaveCount(0);
  await expect(awaView.process).toContainText('1 change to the governance records');

  // The governance page, in French on the phone: the new role and the amended
  // budget, each linked to its decision; searchable.
  await ben.page.goto(spaceUrl);
  await ben.page.getByRole('link', { name: 'Gouvernance', exact: true }).click();
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Gouvernance' })).toBeVisible();
  const role = ben.page.getByRole('article', { name: 'Treasurer' });
  await expect(role).toContainText('Money in order');
  await expect(ben.page.getByRole('article', { name: 'Budget' })).toContainText('Spend up to 300');
  await expectAccessible(ben.page, 'governance (fr, phone)');
  const search = ben.page.getByRole('searchbox', { name: 'Rechercher dans les registres' });
  await search.fill('treasurer');
  await expect(role).toBeVisible();
  await expect(ben.page.getByRole('article', { name: 'Budget' })).toHaveCount(0);
  await search.fill('');
  await expect(ben.page.getByRole('article', { name: 'Budget' })).toBeVisible();
  const decisionLink = role.getByRole('link', {
    name: /^Création\s: décision «\sMoney roles\s»/,
  });
  await expect(decisionLink).toHaveAttribute('href', /\/decisions#decision-/);
  await decisionLink.click();
  await expect(
    ben.page.getByRole('heading', { level: 1, name: 'Journal des décisions' }),
  ).toBeVisible();
  const decision = ben.page.getByRole('article', { name: 'Money roles' });
  await expect(decision).toContainText('Adoptée');
  await expect(decision).toContainText('Up to 300 rather than 500');

  // The decision log's applied change links to the record's anchor, and lands on it focused.
  const applied = decision.getByRole('region', {
    name: 'Changements appliqués aux registres de gouvernance',
  });
  await expect(
    applied.getByRole('listitem', { name: 'Ajouter le rôle « Treasurer »' }),
  ).toContainText('Money in order');
  const recordLink = applied.getByRole('link', {
    name: 'Voir Treasurer dans les registres de gouvernance',
  });
  await expect(recordLink).toHaveAttribute('href', /\/governance#role-/);
  await recordLink.click();
  await expect(ben.page).toHaveURL(/\/governance#role-/);
  await expect(ben.page.getByRole('article', { name: 'Treasurer' })).toBeFocused();
});
