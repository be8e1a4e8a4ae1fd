import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

const LATE = 'Invoices are paid late';
const PLANTS = 'Nobody waters the plants';
const WATER = 'Water the plants every Monday';

/** A tension of the backlog on the page, by what it says is. */
function tension(page: Page, what: string): Locator {
  return page.getByRole('article', { name: what });
}

/** From the space page: the tensions page. */
async function openTensions(who: Person, spaceUrl: string, title = 'Tensions'): Promise<void> {
  await who.page.goto(spaceUrl);
  await who.page.getByRole('link', { name: title, exact: true }).click();
  await expect(who.page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

async function logTension(who: Person, what: string, couldBe: string): Promise<void> {
  const form = who.page.getByRole('form', { name: 'Log a tension' });
  await form.getByRole('textbox', { name: 'What is' }).fill(what);
  await form.getByRole('textbox', { name: 'What could be' }).fill(couldBe);
  await form.getByRole('button', { name: 'Log the tension' }).click();
  await expect(tension(who.page, what)).toContainText('Open');
}

/** From the start of the current proposal item to its recorded adoption, by consent. */
async function adoptByConsent(awa: MeetingView, views: MeetingView[]): Promise<void> {
  for (const step of ['Clarifying questions', 'Quick reactions', 'Amend and clarify']) {
    await awa.button('Next step').click();
    for (const view of views) await expect(view.stepHeading).toHaveText(step);
  }
  await awa.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Consent round');
  for (const view of views) await view.recordPosition('Consent');
  for (const view of views) await expect(view.positions.getByRole('listitem')).toHaveCount(2);
  await awa.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Outcome');
  await awa.recordAdoption('2027-06-01');
  await expect(awa.process).toContainText('Adopted');
}

test('tensions become a proposal and a next action through a tactical triage; the decision log lists applied changes', async ({
  server,
  person,
}) => {
  // Awa logs a tension; Ben, on his phone, turns it into a proposal.
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await openTensions(awa, spaceUrl);
  await logTension(awa, LATE, 'Paid within 30 days');
  await expectAccessible(awa.page, 'tensions');

  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await openTensions(ben, spaceUrl);
  const late = tension(ben.page, LATE);
  await late.getByRole('button', { name: 'Turn into a proposal' }).click();
  // The driver is the tension, pre-filled.
  await expect(late).toContainText(`What is: ${LATE}`);
  await expect(late).toContainText('What could be: Paid within 30 days');
  await expectAccessible(ben.page, 'a tension turned into a proposal');
  await late.getByRole('textbox', { name: 'Title' }).fill('Pay on time');
  await late.getByRole('button', { name: 'Create proposal' }).click();
  await expect(ben.editor).toBeVisible();
  await expect(ben.page.getByRole('textbox', { name: 'Driver' })).toHaveValue(
    `What is: ${LATE}\nWhat could be: Paid within 30 days`,
  );
  // The link, both ways: the proposal names its tension, the tension its proposal.
  await expect(ben.page.getByRole('link', { name: LATE })).toBeVisible();
  await expect(tension(awa.page, LATE)).toContainText('Proposal');
  await expect(tension(awa.page, LATE).getByRole('link', { name: 'Pay on time' })).toBeVisible();

  // Awa adds a governance change to the proposal, so its adoption changes the records.
  await tension(awa.page, LATE).getByRole('link', { name: 'Pay on time' }).click();
  const changes = awa.page.getByRole('form', { name: 'Add a change' });
  await changes
    .getByRole('combobox', { name: 'What to change' })
    .selectOption({ label: 'Add a policy' });
  await changes.getByRole('textbox', { name: 'Title' }).fill('Invoices');
  await changes.getByRole('textbox', { name: 'Text' }).fill('Pay within 30 days');
  await changes.getByRole('button', { name: 'Add change' }).click();
  await expect(awa.page.getByRole('listitem', { name: 'Add the policy “Invoices”' })).toBeVisible();

  // A second tension goes on a tactical meeting's agenda, with the proposal.
  await awa.page.goto(spaceUrl);
  await awa.page.getByRole('button', { name: 'New meeting' }).click();
  await awa.page.getByRole('textbox', { name: 'Title' }).fill('Tactical, Monday');
  await awa.page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Tactical' });
  await awa.page.getByRole('button', { name: 'Create meeting' }).click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Tactical, Monday' })).toBeVisible();
  const meetingUrl = awa.page.url();
  const awaView = new MeetingView(awa);
  await awaView.addProposalItem('Pay on time', 'Consent');
  await openTensions(awa, spaceUrl);
  await logTension(awa, PLANTS, 'Green plants');
  const plants = tension(awa.page, PLANTS);
  await plants.getByRole('button', { name: 'Put on an agenda' }).click();
  await plants
    .getByRole('combobox', { name: 'Meeting' })
    .selectOption({ label: 'Tactical, Monday' });
  await plants.getByRole('button', { name: 'Add to the agenda' }).click();
  await expect(plants).toContainText('On an agenda');
  await expect(plants.getByRole('link', { name: 'Tactical, Monday' })).toBeVisible();

  // The tactical meeting triages it into a next action owned by Ben.
  await ben.open(meetingUrl);
  await awa.page.goto(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  const benView = new MeetingView(ben);
  const views = [awaView, benView];
  await awaView.button('Start meeting').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Check-in round');
  const triage = awa.page.getByRole('form', { name: `Triage “${PLANTS}”` });
  await expect(tension(awa.page, PLANTS)).toContainText('On this agenda');
  await triage.getByRole('combobox', { name: 'Becomes' }).selectOption({ label: 'A next action' });
  await triage.getByRole('textbox', { name: 'What', exact: true }).fill(WATER);
  await triage.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Ben' });
  await triage.getByRole('button', { name: 'Record the triage' }).click();
  for (const who of [awa, ben]) {
    const record = who.page.getByRole('region', { name: 'Tensions to triage' });
    await expect(record).toContainText(`${PLANTS} → A next action · ${WATER} (Ben)`);
    await expect(
      who.page.getByRole('region', { name: 'Follow-up of actions and projects' }),
    ).toContainText(WATER);
  }
  await expect(ben.page.getByRole('form', { name: `Triage “${PLANTS}”` })).toHaveCount(0);
  await expectAccessible(awa.page, 'a tactical meeting’s triage');

  // The proposal is adopted in the same meeting.
  await awaView.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Present the proposal');
  await adoptByConsent(awaView, views);

  // Ben, in French at phone width, marks his action done.
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await ben.page.goto(spaceUrl);
  await ben.page.getByRole('link', { name: 'Prochaines actions', exact: true }).click();
  await expect(
    ben.page.getByRole('heading', { level: 1, name: 'Prochaines actions et projets' }),
  ).toBeVisible();
  const water = ben.page.getByRole('article', { name: WATER });
  await expect(water).toContainText('Responsable : Ben');
  await expectAccessible(ben.page, 'next actions (fr, phone)');
  // Its owner edits it first: a due date (ACTION-3).
  await water.getByRole('button', { name: `Modifier « ${WATER} »` }).click();
  const edit = water.getByRole('form', { name: `Modifier « ${WATER} »` });
  await expect(edit.getByRole('textbox', { name: 'Quoi' })).toHaveValue(WATER);
  await edit.getByLabel('Échéance (facultative)').fill('2030-05-14');
  await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(water.getByRole('status')).toHaveText(`Modifications de « ${WATER} » enregistrées.`);
  await expect(water).toContainText('pour le 14 mai 2030');
  await water.getByRole('button', { name: `Marquer « ${WATER} » comme faite` }).click();
  await expect(ben.page.getByText('0 action ou projet', { exact: true })).toBeVisible();
  await ben.page.getByRole('combobox', { name: 'Afficher' }).selectOption({ label: 'Tout' });
  await expect(water).toContainText('Faite');

  // Both tensions are resolved: one by its adopted proposal, one by its done action.
  await openTensions(ben, spaceUrl, 'Tensions');
  await ben.page.getByRole('combobox', { name: 'Afficher' }).selectOption({
    label: 'Toutes les tensions',
  });
  await expect(tension(ben.page, LATE)).toContainText('Résolue');
  await expect(tension(ben.page, PLANTS)).toContainText('Résolue');
  await expectAccessible(ben.page, 'tensions (fr, phone)');

  // The decision log lists what the adoption applied, readably, linked to the records.
  await awa.page.goto(`${spaceUrl}/decisions`);
  const decision = awa.page.getByRole('article', { name: 'Pay on time' });
  const applied = decision.getByRole('region', {
    name: 'Changes applied to the governance records',
  });
  await expect(applied.getByRole('listitem', { name: 'Add the policy “Invoices”' })).toContainText(
    'Pay within 30 days',
  );
  const recordLink = applied.getByRole('link', { name: 'See Invoices in the governance records' });
  await expect(recordLink).toHaveAttribute('href', /\/governance#policy-/);
  await expectAccessible(awa.page, 'the decision log with applied changes');
  // The link lands on the record itself, focused.
  await recordLink.click();
  await expect(awa.page.getByRole('article', { name: 'Invoices' })).toBeFocused();
});
