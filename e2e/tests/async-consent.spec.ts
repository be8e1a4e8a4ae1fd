import { expectAccessible } from '../fixtures/axe.ts';
import { expect, test } from '../fixtures/test.ts';

// The consent waits for its deadline (a few minutes, on the server's clock):
// every wait below is on a condition, the test's timeout a safety net.
test.setTimeout(600_000);

const DEADLINE_WAIT = { timeout: 300_000 };

test('an asynchronous consent with one objection, an amendment and a deadline ends adopted without any meeting (in French too, at phone width)', async ({
  server,
  person,
}) => {
  // Awa, the admin, on a laptop in English; Bea, a member, on a phone in French.
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();

  // The policy is the admin's, shown up front to everyone (lazy consent here).
  const policy = awa.page.getByRole('region', { name: 'Asynchronous consent' });
  await policy.getByRole('checkbox', { name: /Lazy consent/ }).check();
  await policy.getByRole('button', { name: 'Save the policy' }).click();
  await expect(policy.getByRole('status')).toHaveText('Saved.');
  await expect(policy).toContainText('whoever has not positioned is counted as consenting');

  const bea = await person('Bea', { width: 390, height: 844 });
  await bea.open(shareLink);
  await bea.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await expect(bea.page.getByRole('link', { name: 'À traiter (0)' }).first()).toBeVisible();

  // Awa writes a proposal and sends it to asynchronous consent, 3 minutes away.
  await awa.page.goto(spaceUrl);
  await awa.createProposal('Four-day week', 'We are tired.');
  await awa.typeAtEnd('Work four days a week.');
  const send = awa.page.getByRole('region', { name: 'Send to asynchronous consent' });
  await expect(send).toContainText('Lazy consent');
  await expectAccessible(awa.page, 'proposal with the send form');
  // This test server lets a deadline be a minute away (ACONS-16), and says so.
  await expect(send).toContainText('at least 1 minute away');
  await send.getByRole('spinbutton', { name: 'Deadline in' }).fill('3');
  await send.getByRole('combobox', { name: 'Unit' }).selectOption('minutes');
  // If adopted, the decision is up for review in a week (ASYNC-17): shown up front.
  const reviewDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await send.getByLabel('Review date (optional)').fill(reviewDate);
  await send.getByRole('button', { name: 'Send to asynchronous consent' }).click();
  await expect(awa.page.getByRole('heading', { level: 1 })).toContainText('Four-day week');
  await expect(awa.page.getByText(/If adopted, up for review on/)).toBeVisible();
  await expect(awa.page.getByText(/left\./)).toBeVisible();
  const consentUrl = awa.page.url();
  expect(consentUrl).toMatch(/\/consent\//);
  await expectAccessible(awa.page, 'asynchronous consent (proposer)');

  // Bea finds it in her inbox, in French, and objects with a reason.
  const inboxLink = bea.page.getByRole('link', { name: 'À traiter (1)' }).first();
  await expect(inboxLink).toBeVisible();
  await inboxLink.click();
  await expect(
    bea.page.getByRole('heading', { level: 1, name: 'Ma boîte de réception' }),
  ).toBeVisible();
  await expectAccessible(bea.page, 'inbox (fr, phone)');
  await bea.page.getByRole('link', { name: 'Se positionner sur « Four-day week »' }).click();
  await expect(bea.page.getByRole('heading', { level: 1 })).toContainText('Four-day week');
  await expect(bea.page.getByText(/Consentement tacite/)).toBeVisible();
  await bea.page.getByRole('radio', { name: 'Objection' }).check();
  await bea.page.getByRole('textbox', { name: 'Raison (obligatoire)' }).fill('Pas de budget.');
  await bea.page.getByRole('button', { name: 'Enregistrer ma position' }).click();
  const beaPositions = bea.page.getByRole('region', { name: 'Positions' });
  await expect(beaPositions.getByRole('listitem').filter({ hasText: 'Bea' })).toContainText(
    'Pas de budget.',
  );
  await expectAccessible(bea.page, 'asynchronous consent (fr, phone)');

  // Awa integrates the objection: she amends the text, then records the amendment.
  const awaPositions = awa.page.getByRole('region', { name: 'Positions' });
  await expect(awaPositions.getByRole('listitem').filter({ hasText: 'Bea' })).toContainText(
    'Objection',
  );
  await awa.page.getByRole('link', { name: 'Edit the text' }).click();
  await awa.typeAtEnd(' With a budget of 100 a month.');
  await expect(awa.status).toHaveText('Synced');
  await awa.page.getByRole('link', { name: 'Open the asynchronous consent' }).click();
  await awa.page.getByRole('textbox', { name: 'What the amendment changes' }).fill('Budget added');
  await awa.page.getByRole('button', { name: 'Record the amendment' }).click();
  await expect(awa.page.getByText('Version 2: Budget added')).toBeVisible();

  // Bea is asked again, sees the new text, and lifts her objection.
  await expect(bea.page.getByText(/Le texte a été amendé depuis votre position/)).toBeVisible();
  await expect(beaPositions.getByRole('listitem').filter({ hasText: 'Bea' })).toContainText(
    'position redemandée',
  );
  await expect(bea.page.getByText(/With a budget of 100 a month/)).toBeVisible();
  await bea.page.getByRole('radio', { name: 'Consentement' }).check();
  await bea.page.getByRole('button', { name: 'Enregistrer ma position' }).click();
  await expect(beaPositions.getByRole('listitem').filter({ hasText: 'Bea' })).not.toContainText(
    'redemandée',
  );

  // Awa stays silent (lazy consent): at the deadline the server decides.
  await expect(awa.page.getByRole('heading', { level: 2, name: 'Adopted' })).toBeVisible(
    DEADLINE_WAIT,
  );
  await expect(awa.page.getByText(/Decided by the server at the deadline/)).toBeVisible();
  await expect(bea.page.getByRole('heading', { level: 2, name: 'Adoptée' })).toBeVisible(
    DEADLINE_WAIT,
  );
  await expectAccessible(bea.page, 'asynchronous consent outcome (fr, phone)');

  // Written to the decision log like a meeting's, and no meeting was ever planned.
  await awa.page.getByRole('link', { name: 'See it in the decision log' }).click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  await expect(awa.page.getByRole('main')).toContainText('Four-day week');
  await awa.page.goto(spaceUrl);
  await expect(awa.page.getByRole('region', { name: 'Proposals' })).toContainText('Adopted');
  // Up for review within 30 days: Awa's inbox lists it.
  await awa.page
    .getByRole('link', { name: /^Inbox \(/ })
    .first()
    .click();
  await expect(
    awa.page
      .getByRole('region', { name: 'Up for review' })
      .getByRole('link', { name: 'Review the decision “Four-day week”' }),
  ).toBeVisible();
  await awa.page.goto(spaceUrl);
  await expect(
    awa.page.getByRole('region', { name: 'Meetings' }).getByRole('listitem'),
  ).toHaveCount(0);

  // A tension Awa logs waits in her inbox until it is triaged (INBOX-5).
  await awa.page.getByRole('link', { name: 'Tensions', exact: true }).click();
  const logForm = awa.page.getByRole('form', { name: 'Log a tension' });
  await logForm.getByRole('textbox', { name: 'What is' }).fill('The budget is not tracked');
  await logForm.getByRole('textbox', { name: 'What could be' }).fill('A monthly review');
  await logForm.getByRole('button', { name: 'Log the tension' }).click();
  await awa.page
    .getByRole('link', { name: /^Inbox \(/ })
    .first()
    .click();
  const backlog = awa.page.getByRole('region', { name: 'My tensions and next actions' });
  await expect(backlog).toContainText('Not triaged yet');
  await backlog.getByRole('link', { name: 'My tension “The budget is not tracked”' }).click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Tensions' })).toBeVisible();
});
