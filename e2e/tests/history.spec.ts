import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { allAt, MeetingView, STEPS_TO_CONSENT_ROUND, stepThrough } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

const TENSION = 'Bikes block the hall';
const AWA_TEXT = 'We buy two racks.';
const BEN_TEXT = ' Ben fixes them to the wall.';
const LATER = ' Before March.';

function tension(page: Page, what: string): Locator {
  return page.getByRole('article', { name: what });
}

/** The passage of the shown version that holds `text`, with its author as the app names it. */
function passage(view: Locator, text: string): Locator {
  return view.locator('.history-run').filter({ hasText: text });
}

test('two people co-write, name versions, see who wrote what and what changed; the decision credits its contributors', async ({
  server,
  person,
}) => {
  // Ben, on his phone, raises a tension; Awa turns it into a proposal.
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.page.getByRole('link', { name: 'Tensions', exact: true }).click();
  const form = ben.page.getByRole('form', { name: 'Log a tension' });
  await form.getByRole('textbox', { name: 'What is' }).fill(TENSION);
  await form.getByRole('textbox', { name: 'What could be' }).fill('Racks outside');
  await form.getByRole('button', { name: 'Log the tension' }).click();
  await expect(tension(ben.page, TENSION)).toContainText('Open');

  await awa.page.getByRole('link', { name: 'Tensions', exact: true }).click();
  const raised = tension(awa.page, TENSION);
  await raised.getByRole('button', { name: 'Turn into a proposal' }).click();
  await raised.getByRole('textbox', { name: 'Title' }).fill('Bike racks');
  await raised.getByRole('button', { name: 'Create proposal' }).click();
  await expect(awa.editor).toBeVisible();
  const proposalUrl = awa.page.url();

  // They co-write the text.
  await awa.typeAtEnd(AWA_TEXT);
  await ben.open(proposalUrl);
  await expect(ben.editor).toContainText(AWA_TEXT);
  await ben.typeAtEnd(BEN_TEXT);
  await expect(awa.editor).toContainText(AWA_TEXT + BEN_TEXT);

  // Awa names this version; the view credits each passage to its writer.
  await awa.page.getByRole('link', { name: 'History and authors' }).click();
  await expect(
    awa.page.getByRole('heading', { level: 1, name: 'History of “Bike racks”' }),
  ).toBeVisible();
  await awa.page.getByRole('textbox', { name: 'Name this version' }).fill('  First   draft ');
  await awa.page.getByRole('button', { name: 'Save version' }).click();
  await expect(awa.page.getByRole('status').filter({ hasText: 'saved' })).toHaveText(
    'Version “First draft” saved.',
  );
  const shown = awa.page.getByRole('region', { name: 'Showing: First draft' });
  await expect(passage(shown, AWA_TEXT)).toHaveAttribute('title', 'Awa');
  await expect(passage(shown, BEN_TEXT.trim())).toHaveAttribute('title', 'Ben');
  // Each author has their own tint, named in the legend (not colour alone).
  const tint = async (text: string) =>
    ((await passage(shown, text).getAttribute('class')) ?? '').replace('history-run ', '');
  expect(await tint(AWA_TEXT)).not.toBe(await tint(BEN_TEXT.trim()));
  await expect(shown.getByRole('listitem').filter({ hasText: /^Awa: \d+%/ })).toBeVisible();
  await expect(shown.getByRole('listitem').filter({ hasText: /^Ben: \d+%/ })).toBeVisible();
  await expectAccessible(awa.page, 'proposal history');

  // Ben adds a sentence, then, in French on his phone, names a second version and compares.
  await ben.typeAtEnd(LATER);
  await awa.page.goto(proposalUrl);
  await expect(awa.editor).toContainText(`${BEN_TEXT}${LATER}`);
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await expect(ben.page.locator('html')).toHaveAttribute('lang', 'fr');
  await ben.page.getByRole('link', { name: 'Historique et auteurs' }).click();
  await ben.page.getByRole('textbox', { name: 'Nommer cette version' }).fill('Deuxième jet');
  await ben.page.getByRole('button', { name: 'Enregistrer la version' }).click();
  await expect(ben.page.getByRole('status').filter({ hasText: 'enregistrée' })).toHaveText(
    'Version « Deuxième jet » enregistrée.',
  );
  const compare = ben.page.getByRole('region', { name: 'Comparer deux versions' });
  await expect(compare.getByRole('combobox', { name: 'De' })).toHaveValue(/named-/);
  await compare.getByRole('combobox', { name: 'De' }).selectOption({ label: 'First draft' });
  await compare.getByRole('combobox', { name: 'À' }).selectOption({ label: 'Deuxième jet' });
  await compare.getByRole('button', { name: 'Afficher les changements' }).click();
  await expect(compare.getByRole('status')).toHaveText(
    '14 caractères ajoutés · 0 caractère supprimé',
  );
  const inserted = compare.locator('ins');
  await expect(inserted).toHaveCount(1);
  await expect(inserted).toContainText(LATER.trim());
  await expect(inserted).toHaveAttribute('title', 'ajouté par Ben\u00a0:');
  await expectAccessible(ben.page, 'proposal history, French, phone');

  // A consent meeting: Ben objects, Awa integrates an amendment; adopted.
  await awa.page.goto(spaceUrl);
  const awaView = new MeetingView(awa);
  const meetingUrl = await awaView.createMeeting('Weekly');
  await awaView.addProposalItem('Bike racks', 'Consent');
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  await ben.page.getByRole('combobox', { name: 'Langue' }).selectOption({ label: 'English' });
  const benView = new MeetingView(ben);
  const views = [awaView, benView];
  await awaView.button('Start meeting').click();
  await allAt(views, 'Check-in round');
  await stepThrough(awaView, views, STEPS_TO_CONSENT_ROUND);
  await benView.recordPosition('Objection', 'Racks must not block the fire exit.');
  await awaView.recordPosition('Consent');
  for (const view of views) await expect(view.positions.getByRole('listitem')).toHaveCount(2);
  await awaView.button('Next step').click();
  await allAt(views, 'Integrate objections');
  await awaView.linkAmendment('Ben', 'Racks stay clear of the fire exit.');
  await expect(benView.process.getByRole('group', { name: 'Objection of Ben' })).toContainText(
    'Racks stay clear of the fire exit.',
  );
  await awaView.button('Next step').click();
  await allAt(views, 'Consent round');
  for (const view of views) await view.recordPosition('Consent');
  await expect(awaView.positions.getByRole('listitem')).toHaveCount(2);
  await awaView.button('Next step').click();
  await allAt(views, 'Outcome');
  await awaView.recordAdoption('2027-06-01');
  await expect(awaView.process).toContainText('Adopted');

  // The decision credits who wrote the text (shares attested by the server),
  // who raised the tension, the integrated objector, facilitators and participants.
  await awa.page.goto(`${spaceUrl}/decisions`);
  const decision = awa.page.getByRole('article', { name: 'Bike racks' });
  const contributors = decision.getByRole('region', { name: 'Contributors' });
  const fact = (term: string) =>
    contributors
      .locator('div')
      .filter({ has: awa.page.getByRole('term').filter({ hasText: term }) });
  await expect(fact('Authors of the text')).toContainText(/Awa\s*\d+%/);
  await expect(fact('Authors of the text')).toContainText(/Ben\s*\d+%/);
  await expect(fact('Raised the tension')).toContainText('Ben');
  await expect(fact('Objections integrated')).toContainText('Ben');
  await expect(fact('Facilitation')).toContainText('Awa');
  await expect(fact('Participants')).toContainText('Ben');
  await expectAccessible(awa.page, 'decision contributors');

  // The history now holds the adopted text too, and the ledger credits both.
  await contributors.getByRole('link', { name: 'See who wrote what' }).click();
  await expect(awa.page.getByRole('button', { name: 'View “Adopted”' })).toBeVisible();
  await awa.page.goto(spaceUrl);
  await awa.page.getByRole('link', { name: 'Contributions', exact: true }).click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Contributions' })).toBeVisible();
  const lines = awa.page.getByRole('region', { name: 'Every contribution' });
  await expect(
    lines.getByRole('listitem').filter({ hasText: 'Ben raised the tension' }),
  ).toContainText('it became the proposal “Bike racks” → decided: Adopted');
  await expect(
    lines.getByRole('listitem').filter({ hasText: 'Ben’s objection was integrated into' }),
  ).toBeVisible();
  await expect(
    lines
      .getByRole('listitem')
      .filter({ hasText: /^Ben wrote \d+ characters of the adopted text/ }),
  ).toBeVisible();
  await awa.page.getByRole('combobox', { name: 'Person' }).selectOption({ label: 'Ben' });
  await expect(lines.getByRole('listitem').filter({ hasText: /^Awa/ })).toHaveCount(0);
  await expectAccessible(awa.page, 'contributions');
});
