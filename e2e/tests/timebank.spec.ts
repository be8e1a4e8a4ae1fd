import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(240_000);

const PHONE = { width: 390, height: 844 };

/** From the space page, opens the time bank by its link. */
async function openTimeBank(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('link', { name: link }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** Fills and sends the declaration form (English). */
async function declare(page: Page, hours: string, minutes: string, subject: string): Promise<void> {
  await page.getByRole('button', { name: 'Declare hours' }).click();
  const form = page.getByRole('form', { name: 'Declare hours of work' });
  await form.getByRole('spinbutton', { name: 'Hours' }).fill(hours);
  await form.getByRole('spinbutton', { name: 'Minutes' }).fill(minutes);
  await form.getByRole('combobox', { name: 'Work for' }).selectOption({ label: 'the commons' });
  await form.getByRole('combobox', { name: 'What you worked on' }).fill(subject);
  await form.getByRole('button', { name: 'Declare' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Your hours are declared' }),
  ).toBeVisible();
}

test('hours declared are confirmed by another member and counted, in the chart, the tables and both CSV files; a disputed entry stays visible; period presets', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  await openTimeBank(awa.page, 'Time bank', 'Time bank');
  await expect(awa.page.getByText('Nothing waits for your confirmation.')).toBeVisible();
  await expectAccessible(awa.page, 'time bank, empty');

  // Awa declares two stretches of work.
  await declare(awa.page, '1', '30', 'Translated the charter');
  await declare(awa.page, '4', '0', 'Website');
  const entries = awa.page.getByRole('region', { name: 'Entries' });
  const charter = entries.getByRole('article', {
    name: 'Awa: 1 h 30 min — Translated the charter',
  });
  await expect(charter).toContainText('pending');
  // Nobody confirms their own hours: Awa has no Confirm button on hers.
  await expect(awa.page.getByRole('button', { name: /^Confirm / })).toHaveCount(0);
  await expectAccessible(awa.page, 'time bank, declared');

  // Ben, on a phone and in French, confirms one and disputes the other.
  const ben = await person('Ben', PHONE);
  await ben.open(shareLink);
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await expect(ben.page.locator('html')).toHaveAttribute('lang', 'fr');
  await openTimeBank(ben.page, 'Banque de temps', 'Banque de temps');
  const review = ben.page.getByRole('region', { name: 'À confirmer' });
  await expect(review.getByRole('article')).toHaveCount(2);
  await review
    .getByRole('button', { name: 'Confirmer 1 h 30 min de Awa pour Translated the charter' })
    .click();
  await expect(ben.page.getByRole('status').filter({ hasText: 'Confirmée.' })).toBeVisible();
  const toDispute = review.getByRole('article', { name: 'Awa : 4 h — Website' });
  await toDispute.getByRole('button', { name: 'Contester 4 h de Awa pour Website' }).click();
  const disputeForm = toDispute.getByRole('form', { name: 'Contester 4 h de Awa pour Website' });
  await disputeForm.getByRole('button', { name: 'Envoyer la contestation' }).click();
  await expect(toDispute.getByRole('alert')).toHaveText(
    'Dites pourquoi vous contestez ces heures.',
  );
  await disputeForm
    .getByRole('textbox', { name: 'Pourquoi vous contestez ces heures' })
    .fill('Deux heures au plus');
  await disputeForm.getByRole('button', { name: 'Envoyer la contestation' }).click();
  await expect(ben.page.getByText('Rien n’attend votre confirmation.')).toBeVisible();
  const website = ben.page
    .getByRole('region', { name: 'Entrées' })
    .getByRole('article', { name: 'Awa : 4 h — Website' });
  await expect(website).toContainText('contestée');
  await expect(website).toContainText('Contestée par Ben (alors 4 h) : Deux heures au plus');
  await expectAccessible(ben.page, 'time bank, French, phone');

  // Awa sees the confirmation counted, the dispute beside her entry.
  await expect(charter).toContainText('confirmed');
  await expect(charter).toContainText('Confirmed by Ben');
  const disputed = entries.getByRole('article', { name: 'Awa: 4 h — Website' });
  await expect(disputed).toContainText('Disputed by Ben (then 4 h): Deux heures au plus');
  const people = awa.page.getByRole('table', { name: 'Balances per person' });
  const awaRow = people.getByRole('row', { name: /^Awa / });
  await expect(awaRow.getByRole('cell')).toHaveText([
    '0 min',
    '0 min',
    '1 h 30 min',
    '0 min',
    '4 h',
    '1 h 30 min',
  ]);
  await expect(
    awa.page.getByRole('img', {
      name: 'Awa: 0 min in meetings, 1 h 30 min confirmed, 0 min pending',
    }),
  ).toBeVisible();

  // The CSV carries the same figures, as hours and minutes.
  const download = awa.page.waitForEvent('download');
  await awa.page.getByRole('button', { name: 'Download the balances (CSV)' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    'scope,id,name,from,to,meeting_hours,meeting_minutes,spoken_hours,spoken_minutes,confirmed_hours,confirmed_minutes,pending_hours,pending_minutes,disputed_hours,disputed_minutes,total_hours,total_minutes',
  );
  expect(lines.find((l) => l.includes(',Awa,'))).toMatch(
    /^person,[\w-]+,Awa,,,0\.00,0,0\.00,0,1\.50,90,0\.00,0,4\.00,240,1\.50,90$/,
  );
  expect(lines.find((l) => l.startsWith('circle,'))).toMatch(
    /,1\.50,90,0\.00,0,4\.00,240,1\.50,90$/,
  );

  // The entries themselves: one row each, with status, confirmer and the dispute's reason.
  const entriesDownload = awa.page.waitForEvent('download');
  await awa.page.getByRole('button', { name: 'Download the entries (CSV)' }).click();
  const entryRows = readFileSync(await (await entriesDownload).path(), 'utf8')
    .replace(/^\ufeff/, '')
    .split('\r\n');
  expect(entryRows[0]).toMatch(/^entry_id,worked_on,person_id,person,hours,minutes,kind,subject,/);
  expect(entryRows.find((l) => l.includes('Translated the charter'))).toMatch(
    /,Awa,1\.50,90,commons,Translated the charter,[\w-]+,[^,]+,confirmed,[\w-]+,Ben,/,
  );
  expect(entryRows.find((l) => l.includes('Website'))).toMatch(
    /,Awa,4\.00,240,commons,Website,[\w-]+,[^,]+,disputed,,,,1,[\w-]+,Ben,[^,]+,Deux heures au plus,0,/,
  );

  // Awa amends the disputed entry: pending again, the dispute still shown.
  await disputed.getByRole('button', { name: 'Amend 4 h for Website' }).click();
  const amend = disputed.getByRole('form', { name: 'Amend 4 h for Website' });
  await amend.getByRole('spinbutton', { name: 'Hours' }).fill('2');
  await amend.getByRole('button', { name: 'Save the amendment' }).click();
  const amended = entries.getByRole('article', { name: 'Awa: 2 h — Website' });
  await expect(amended).toContainText('pending');
  await expect(amended).toContainText('amended');
  await expect(amended).toContainText('Disputed by Ben (then 4 h): Deux heures au plus');
  // Commons work: anyone else in the space may confirm it, and Awa is told so.
  await expect(amended).toContainText('Any other member of the space can confirm it.');
  await expect(
    ben.page.getByRole('region', { name: 'À confirmer' }).getByRole('article', {
      name: 'Awa : 2 h — Website',
    }),
  ).toBeVisible();

  // A period that ends before the work shows nothing counted.
  await awa.page.getByLabel('To', { exact: true }).fill('2001-01-01');
  await expect(awa.page.getByText('No time in this period yet.')).toBeVisible();
  const preset = awa.page.getByRole('combobox', { name: 'Period', exact: true });
  await expect(preset).toHaveValue('custom');
  await preset.selectOption({ label: 'All time' });
  await expect(people.getByRole('row', { name: /^Awa / })).toBeVisible();
});
