import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';

test.setTimeout(300_000);

/** The structured changes editor of the proposal open on `page`. */
function changeForm(page: Page): Locator {
  return page.getByRole('form', { name: 'Add a change' });
}

/** Opens a proposal of the space in a second tab of the person's browser. */
async function openProposal(who: Person, spaceUrl: string, title: string): Promise<Page> {
  const page = await who.context.newPage();
  await page.goto(spaceUrl);
  await page.getByRole('link', { name: title }).click();
  await expect(changeForm(page)).toBeVisible();
  return page;
}

/** Adds, on the proposal open on `page`, an amendment of the policy "Budget"'s text. */
async function amendBudget(page: Page, text: string): Promise<void> {
  const form = changeForm(page);
  await form
    .getByRole('combobox', { name: 'What to change' })
    .selectOption({ label: 'Amend a circle, role, policy or assignment' });
  // The policy exists once the server applied the first adoption: the option waits for it.
  await form.getByRole('combobox', { name: 'Record' }).selectOption({ label: 'Policy: Budget' });
  await form.getByRole('combobox', { name: 'Field' }).selectOption({ label: 'Text' });
  const value = form.getByRole('textbox', { name: 'Text: new value' });
  await expect(value).toHaveValue('Spend up to 100');
  await value.fill(text);
  await form.getByRole('button', { name: 'Add change' }).click();
  await expect(page.getByRole('listitem', { name: 'Amend the policy “Budget”' })).toContainText(
    `Spend up to 100 → After: ${text}`,
  );
}

/** From the start of an item to its recorded adoption, by consent. */
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
  await awa.process.getByRole('combobox', { name: 'Outcome' }).selectOption({ label: 'Adopted' });
  await awa.process.getByLabel('Review date').fill('2027-06-01');
  await awa.button('Record outcome').click();
  await expect(awa.process).toContainText('Adopted');
}

test('adopted proposals change the governance records; a stale change shows as a conflict in the meeting', async ({
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
  const form = changeForm(awa.page);
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
  for (const title of ['Budget policy', 'Money roles', 'Frugal budget']) {
    await awaView.addProposalItem(title, 'Consent');
  }

  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  const benView = new MeetingView(ben);
  const views = [awaView, benView];

  // First item: the budget policy is adopted.
  await awaView.button('Start meeting').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Check-in round');
  await awaView.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Present the proposal');
  await expect(benView.process).toContainText('1 change to the governance records');
  await adoptByConsent(awaView, views);

  // Both now write against the policy the server created: Awa raises it, Ben cuts it.
  const awaProposal = await openProposal(awa, spaceUrl, 'Money roles');
  const roleForm = changeForm(awaProposal);
  await roleForm.getByRole('combobox', { name: 'What to change' }).selectOption({
    label: 'Add a role',
  });
  await roleForm.getByRole('textbox', { name: 'Name' }).fill('Treasurer');
  await roleForm.getByRole('textbox', { name: 'Purpose' }).fill('Money in order');
  await roleForm.getByRole('button', { name: 'Add change' }).click();
  await expect(
    awaProposal.getByRole('listitem', { name: 'Add the role “Treasurer”' }),
  ).toBeVisible();
  await amendBudget(awaProposal, 'Spend up to 500');
  const benProposal = await openProposal(ben, spaceUrl, 'Frugal budget');
  await amendBudget(benProposal, 'Spend nothing');
  await benProposal.close();

  // Second item: the role and the raise are adopted, without conflict.
  await awaView.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Present the proposal');
  await expect(awaView.process).toContainText('Money roles');
  await expect(benView.process).toContainText('2 changes to the governance records');
  await expect(benView.process.getByRole('note')).toHaveCount(0);
  await adoptByConsent(awaView, views);

  // Third item: Ben's cut was written against the text the second adoption changed.
  await awaView.button('Next step').click();
  for (const view of views) await expect(view.stepHeading).toHaveText('Present the proposal');
  for (const view of views) {
    const conflict = view.process.getByRole('note', {
      name: '1 change conflicts with the governance records',
    });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText('it is now “Spend up to 500”');
    await expect(
      conflict.getByRole('link', { name: 'Amend the changes on the proposal page' }),
    ).toBeVisible();
  }

  // Ben amends his change against the current text on the proposal (in consent): the conflict is gone.
  const amending = await openProposal(ben, spaceUrl, 'Frugal budget');
  const stale = amending.getByRole('listitem', { name: 'Amend the policy “Budget”' });
  await expect(stale).toContainText('it is now “Spend up to 500”');
  await stale.getByRole('button', { name: 'Rewrite against the current value' }).click();
  await expect(stale).toContainText('Spend up to 500 → After: Spend nothing');
  await expect(stale).not.toContainText('Conflict');
  await amending.close();
  for (const view of views) {
    await expect(view.process.getByRole('note')).toHaveCount(0);
    await expect(view.process).toContainText('1 change to the governance records');
  }

  // The governance page shows the new role and the raised budget, each linked to its decision.
  await awaProposal.goto(spaceUrl);
  await awaProposal.getByRole('link', { name: 'Governance', exact: true }).click();
  await expect(awaProposal.getByRole('heading', { level: 1, name: 'Governance' })).toBeVisible();
  const role = awaProposal.getByRole('article', { name: 'Treasurer' });
  await expect(role).toContainText('Money in order');
  await expect(awaProposal.getByRole('article', { name: 'Budget' })).toContainText(
    'Spend up to 500',
  );
  const decisionLink = role.getByRole('link', { name: /^Created by the decision “Money roles”/ });
  await expect(decisionLink).toHaveAttribute('href', /\/decisions#decision-/);
  await decisionLink.click();
  await expect(awaProposal.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  await expect(
    awaProposal.getByRole('article').filter({
      has: awaProposal.getByRole('heading', { name: 'Money roles' }),
    }),
  ).toContainText('Adopted');

  // The same page at phone width, searched.
  await ben.page.goto(`${spaceUrl}/governance`);
  await ben.page.getByRole('searchbox', { name: 'Search the records' }).fill('treasurer');
  await expect(ben.page.getByRole('article', { name: 'Treasurer' })).toBeVisible();
  await expect(ben.page.getByRole('article', { name: 'Budget' })).toHaveCount(0);
});
