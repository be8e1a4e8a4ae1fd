import { expect, test } from '../fixtures/test.ts';
import type { Person } from '../fixtures/person.ts';
import { screenshotPath } from '../fixtures/screenshots.ts';

/** Awa creates a space and a proposal; Ben joins through the share link. */
async function twoAuthors(
  server: { url: string },
  person: (name: string) => Promise<Person>,
): Promise<{ awa: Person; ben: Person; proposalUrl: string; shareLink: string }> {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const proposalUrl = await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');

  const ben = await person('Ben');
  await ben.open(shareLink);
  await ben.page.getByRole('link', { name: 'Four-day week' }).click();
  await expect(ben.editor).toBeVisible();
  await expect(ben.status).toHaveText('Synced');
  return { awa, ben, proposalUrl, shareLink };
}

test('two people co-write a proposal and see each other', async ({ server, person }) => {
  const { awa, ben } = await twoAuthors(server, person);

  await awa.typeAtEnd('We try a four-day week for three months.');
  await expect(ben.editor).toContainText('We try a four-day week for three months.');
  await ben.typeAtEnd(' Salaries stay the same.');
  await expect(awa.editor).toContainText('three months. Salaries stay the same.');

  await expect(awa.present.getByRole('listitem').filter({ hasText: 'Ben' })).toBeVisible();
  await expect(ben.present.getByRole('listitem').filter({ hasText: 'Awa' })).toBeVisible();
  // The other's caret carries their name.
  await expect(awa.page.locator('.collaboration-carets__label', { hasText: 'Ben' })).toBeVisible();
  await expect(ben.page.locator('.collaboration-carets__label', { hasText: 'Awa' })).toBeVisible();

  // Title and driver are co-edited too.
  await ben.page.getByRole('textbox', { name: 'Title' }).fill('Four-day week pilot');
  await expect(awa.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Four-day week pilot');

  await awa.page.screenshot({ path: screenshotPath('screenshot.png') });
});

test('a reload keeps everything', async ({ server, person }) => {
  const { awa, ben, proposalUrl, shareLink } = await twoAuthors(server, person);
  await awa.typeAtEnd('Adopted text survives reloads.');
  await expect(ben.editor).toContainText('Adopted text survives reloads.');

  await ben.page.reload();
  await expect(ben.editor).toContainText('Adopted text survives reloads.');
  await expect(ben.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Four-day week');
  await expect(ben.page.getByRole('textbox', { name: 'Driver' })).toHaveValue(
    'People are exhausted on Fridays.',
  );

  // A third person, with nothing cached, joins and gets it all from the server.
  const cleo = await person('Cléo');
  await cleo.open(shareLink);
  await cleo.open(proposalUrl);
  await expect(cleo.editor).toContainText('Adopted text survives reloads.');

  // The space lists the proposal with its status.
  await cleo.page.getByRole('link', { name: 'Coop du Val' }).click();
  await expect(cleo.page.getByRole('link', { name: 'Four-day week' })).toBeVisible();
});

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(`a server restart (${signal}) mid-edit keeps everything and both reconnect`, async ({
    server,
    person,
  }) => {
    const { awa, ben } = await twoAuthors(server, person);
    await awa.typeAtEnd('Before the restart.');
    await expect(ben.editor).toContainText('Before the restart.');

    await server.stop(signal);
    await expect(awa.status).not.toHaveText('Synced');
    await expect(ben.status).not.toHaveText('Synced');
    await awa.typeAtEnd(' Awa while down.');
    await ben.typeAtEnd(' Ben while down.');

    await server.launch();
    await expect(awa.status).toHaveText('Synced', { timeout: 30_000 });
    await expect(ben.status).toHaveText('Synced', { timeout: 30_000 });
    for (const someone of [awa, ben]) {
      await expect(someone.editor).toContainText('Before the restart.');
      await expect(someone.editor).toContainText('Awa while down.');
      await expect(someone.editor).toContainText('Ben while down.');
    }
  });
}

test('offline edits on both sides merge on reconnect', async ({ server, person }) => {
  const { awa, ben } = await twoAuthors(server, person);
  await awa.typeAtEnd('Shared start.');
  await expect(ben.editor).toContainText('Shared start.');

  await ben.context.setOffline(true);
  await expect(ben.status).toHaveText('Offline');
  await ben.typeAtEnd(' Ben offline.');
  await awa.typeAtEnd(' Awa online.');
  await expect(awa.editor).not.toContainText('Ben offline.');

  await ben.context.setOffline(false);
  await expect(ben.status).toHaveText('Synced', { timeout: 30_000 });
  for (const someone of [awa, ben]) {
    await expect(someone.editor).toContainText('Ben offline.');
    await expect(someone.editor).toContainText('Awa online.');
  }
});

test('works at phone width', async ({ server, person }) => {
  const ana = await person('Ana', { width: 375, height: 740 });
  await ana.open(server.url);
  await ana.createSpace('Petite coop');
  await ana.createProposal('Jardin partagé', 'Le terrain est vide.');
  await ana.typeAtEnd('Un potager collectif.');
  const overflow = await ana.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test('the interface speaks French and remembers it', async ({ server, person }) => {
  const zoe = await person('Zoé');
  await zoe.page.goto(server.url);
  await zoe.page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(zoe.page.locator('html')).toHaveAttribute('lang', 'fr');
  await zoe.page.reload();
  await expect(zoe.page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(zoe.page.getByRole('button', { name: 'Créer l’espace' })).toBeVisible();
});
