import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { RondeServer } from '../fixtures/server.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

const PHONE = { width: 390, height: 844 };

/** The decision log's entries as text, in order. */
async function decisionLog(page: Page, spaceUrl: string): Promise<string[]> {
  await page.goto(`${spaceUrl}/decisions`);
  const articles = page.getByRole('article');
  await expect(articles.first()).toBeVisible();
  return articles.evaluateAll((nodes) =>
    nodes
      .filter((n) => n.closest('article article') === null)
      .map((n) => (n.querySelector('h2, h3')?.textContent ?? '').trim()),
  );
}

test('a space downloaded as a backup and imported into a second server shows the same decision log', async ({
  server,
  person,
}) => {
  // On the first server, Awa's space decides one proposal in a meeting.
  const awa = await person('Awa');
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await awa.createProposal('Four-day week', 'We are tired on Fridays.');
  await awa.page.goto(spaceUrl);
  const view = new MeetingView(awa);
  await view.createMeeting('Weekly');
  await view.addProposalItem('Four-day week', 'Consent');
  await view.button('Start meeting').click();
  await expect(view.stepHeading).toHaveText('Check-in round');
  await view.button('Next step').click();
  await expect(view.stepHeading).toHaveText('Present the proposal');
  for (const step of ['Clarifying questions', 'Quick reactions', 'Amend and clarify']) {
    await view.button('Next step').click();
    await expect(view.stepHeading).toHaveText(step);
  }
  await view.button('Next step').click();
  await expect(view.stepHeading).toHaveText('Consent round');
  await view.recordPosition('Consent');
  await expect(view.positions.getByRole('listitem')).toHaveCount(1);
  await view.button('Next step').click();
  await expect(view.stepHeading).toHaveText('Outcome');
  await view.recordAdoption('2027-06-01');
  await expect(view.process).toContainText('Adopted');
  const before = await decisionLog(awa.page, spaceUrl);
  expect(before).toEqual(['Four-day week']);
  const entryBefore = await awa.page.getByRole('article', { name: 'Four-day week' }).innerText();

  // The decision as a standalone HTML page under CC BY-SA 4.0: escaped, accessible.
  const htmlDownload = awa.page.waitForEvent('download');
  await awa.page.getByRole('button', { name: 'Export “Four-day week” as HTML' }).click();
  const html = readFileSync(await (await htmlDownload).path(), 'utf8');
  expect(html).toContain('https://creativecommons.org/licenses/by-sa/4.0/');
  const exported = await awa.context.newPage();
  await exported.setContent(html);
  await expect(exported.getByRole('heading', { level: 1 })).toHaveText('Decision: Four-day week');
  await expect(exported.getByRole('link', { name: 'CC BY-SA 4.0' })).toBeVisible();
  await expect(exported.getByRole('contentinfo')).toContainText('Awa');
  await expectAccessible(exported, 'exported decision (HTML)');
  await exported.close();

  // Awa, the admin, downloads the whole space.
  await awa.page.goto(spaceUrl);
  await expectAccessible(awa.page, 'space page with the backup button');
  const download = awa.page.waitForEvent('download');
  await awa.page
    .getByRole('button', { name: 'Download a backup of the whole space Coop du Val' })
    .click();
  const file = await (await download).path();

  // Zoé imports it on a second server with its own data dir, on a phone, in French.
  const second = await RondeServer.start();
  try {
    expect(second.dataDir).not.toBe(server.dataDir);
    const zoe = await person('Zoé', PHONE);
    await zoe.page.goto(second.url);
    await zoe.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
    await expect(zoe.page.locator('html')).toHaveAttribute('lang', 'fr');
    const card = zoe.page.getByRole('region', { name: 'Importer un espace' });
    await expectAccessible(zoe.page, 'home page with the import card, French, phone');
    await card.getByRole('button', { name: 'Importer l’espace' }).click();
    await expect(card.getByRole('alert')).toHaveText('Choisissez un fichier de sauvegarde.');
    await card.getByLabel('Fichier de sauvegarde (.json)').setInputFiles({
      name: 'not-a-backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"something else"}'),
    });
    await card.getByRole('textbox', { name: 'Votre nom' }).fill('Zoé');
    await card.getByRole('button', { name: 'Importer l’espace' }).click();
    await expect(card.getByRole('alert')).toContainText(
      'Ce fichier n’est pas une sauvegarde Ronde valide ; rien n’a été importé.',
    );
    await card.getByLabel('Fichier de sauvegarde (.json)').setInputFiles(file);
    await card.getByRole('button', { name: 'Importer l’espace' }).click();
    const done = card.getByRole('status');
    await expect(done).toContainText('« Coop du Val » est importé ici, et vous en êtes l’admin.');
    await expect(done).toContainText('invitez-les de nouveau depuis la page de l’espace (Awa)');
    await expectAccessible(zoe.page, 'import done, French, phone');
    await done.getByRole('link', { name: 'Ouvrir Coop du Val' }).click();
    await expect(zoe.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
    const importedUrl = zoe.page.url();
    expect(new URL(importedUrl).pathname).toBe(new URL(spaceUrl).pathname);

    // The same decision log, read in English like the original.
    await zoe.page.getByRole('combobox', { name: 'Langue' }).selectOption({ label: 'English' });
    await expect(zoe.page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await decisionLog(zoe.page, importedUrl)).toEqual(before);
    const entryAfter = zoe.page.getByRole('article', { name: 'Four-day week' });
    await expect(entryAfter).toContainText('Adopted');
    await expect(entryAfter).toContainText('We are tired on Fridays.');
    expect(await entryAfter.innerText()).toBe(entryBefore);
  } finally {
    await second.dispose();
  }
});
