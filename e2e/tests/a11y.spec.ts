import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { MembersView } from '../fixtures/members.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

/**
 * Checks each screen as it comes and reports every screen's violations at
 * the end, so one run names them all instead of stopping at the first.
 */
class Audit {
  private readonly failures: string[] = [];

  async check(page: Page, screen: string): Promise<void> {
    try {
      await expectAccessible(page, screen);
    } catch (error) {
      this.failures.push(error instanceof Error ? error.message : String(error));
    }
  }

  assertClean(): void {
    expect(this.failures, 'WCAG 2.2 AA serious or critical violations').toEqual([]);
  }
}

const PHONE = { width: 390, height: 844 };

async function switchToFrench(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
}

test('every screen outside a meeting passes axe (WCAG 2.2 AA), in English, in French and on a phone', async ({
  server,
  person,
}) => {
  const audit = new Audit();
  const awa = await person('Awa');
  await awa.open(server.url);
  await audit.check(awa.page, 'home');
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  const spaceId = new URL(spaceUrl).pathname.split('/')[2] ?? '';
  await audit.check(awa.page, 'space (admin, with its admin link and meetings)');
  await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');
  await awa.typeAtEnd('We work four days a week, Monday to Thursday.');
  await audit.check(awa.page, 'proposal editor');
  await awa.page.goto(spaceUrl);
  const members = new MembersView(awa);
  await members.open();
  const observerLink = await members.createInvite('Observer');
  await audit.check(awa.page, 'members');
  await awa.page.goto(`${spaceUrl}/decisions`);
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  await audit.check(awa.page, 'decision log (empty)');
  await awa.page.goto(`${spaceUrl}/governance`);
  await expect(awa.page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.check(awa.page, 'governance');
  await awa.page.goto(spaceUrl);
  const awaView = new MeetingView(awa);
  await awaView.createMeeting('Governance, November');
  await awaView.addProposalItem('Four-day week', 'Consent');
  await audit.check(awa.page, 'planned meeting (facilitator)');
  await awa.page.goto(spaceUrl);
  await expect(awa.page.getByRole('link', { name: /Governance, November/ })).toBeVisible();
  await audit.check(awa.page, 'space with a meeting list');

  await awa.page.goto(`${server.url}/no/such/page`);
  await expect(awa.page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.check(awa.page, 'not found');
  await awa.page.goto(`${server.url}/join`);
  await expect(awa.page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.check(awa.page, 'join (no invite)');
  await awa.page.goto(`${server.url}/join/not-a-real-code`);
  await expect(awa.page.getByRole('alert')).toBeVisible();
  await audit.check(awa.page, 'join (unknown invite)');
  await awa.page.goto(`${server.url}/s/${spaceId}/signin#nobody.nokey`);
  await expect(awa.page.getByRole('alert')).toBeVisible();
  await audit.check(awa.page, 'sign-in (refused link)');

  // A member on a phone, in French: the join page, the space, a proposal, a meeting.
  const ben = await person('Ben', PHONE);
  await ben.page.goto(server.url);
  await switchToFrench(ben.page);
  await audit.check(ben.page, 'home (fr, phone)');
  await ben.page.goto(shareLink);
  const dialog = ben.page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await audit.check(ben.page, 'join: name dialog (fr, phone)');
  await dialog.getByRole('textbox').fill('Ben');
  await dialog.getByRole('button').last().click();
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
  await audit.check(ben.page, 'space (fr, phone, member)');
  await ben.page.getByRole('link', { name: 'Four-day week' }).click();
  await expect(
    ben.editor.or(ben.page.getByRole('textbox', { name: 'Texte de la proposition' })),
  ).toBeVisible();
  await audit.check(ben.page, 'proposal editor (fr, phone)');
  await ben.page.goto(spaceUrl);
  await ben.page.getByRole('link', { name: /Governance, November/ }).click();
  await expect(
    ben.page.getByRole('heading', { level: 1, name: 'Governance, November' }),
  ).toBeVisible();
  await audit.check(ben.page, 'planned meeting (fr, phone, participant)');
  await ben.page.goto(`${spaceUrl}/decisions`);
  await expect(ben.page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.check(ben.page, 'decision log (fr, phone)');
  await ben.page.goto(`${spaceUrl}/governance`);
  await expect(ben.page.getByRole('heading', { level: 1 })).toBeVisible();
  await audit.check(ben.page, 'governance (fr, phone)');

  // An observer reads the space.
  const olga = await person('Olga');
  await olga.open(observerLink);
  await expect(olga.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
  await audit.check(olga.page, 'space (observer)');
  audit.assertClean();
});

test('the audit itself fails on a serious violation (a control without a name)', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  await expectAccessible(awa.page, 'home before the breakage');
  await awa.page.evaluate(() => {
    const button = document.createElement('button');
    button.type = 'button';
    document.querySelector('main')?.append(button);
  });
  await expect(expectAccessible(awa.page, 'home with a nameless button')).rejects.toThrow(
    /button-name \(critical\)/,
  );
});
