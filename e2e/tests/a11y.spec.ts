import type { Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { MembersView } from '../fixtures/members.ts';
import type { Person } from '../fixtures/person.ts';
import { PracticeView } from '../fixtures/practice.ts';
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
  const proposalUrl = await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');
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
  // The space's other pages, as a new space shows them.
  const proposalHistory = `${proposalUrl}/history`;
  for (const [path, screen] of [
    [`${spaceUrl}/tensions`, 'tension backlog'],
    [`${spaceUrl}/actions`, 'actions'],
    [`${spaceUrl}/inbox`, 'inbox'],
    [`${spaceUrl}/time`, 'time bank'],
    [`${spaceUrl}/contributions`, 'contributions'],
    [proposalHistory, 'proposal history'],
  ] as const) {
    await awa.page.goto(path);
    await expect(awa.page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit.check(awa.page, screen);
  }
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
  const join = ben.page.getByRole('button', { name: 'Rejoindre «\u00a0Coop du Val\u00a0»' });
  await expect(join).toBeVisible();
  await audit.check(ben.page, 'join: invite preview (fr, phone)');
  // The preview fits the phone: nothing scrolls sideways.
  const overflow = await ben.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await join.click();
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

/**
 * A meeting with a facilitator (Awa, desktop), a participant (Ben, phone)
 * and a space observer (Olga, in French), all three audited at each step.
 */
async function meetingOf(
  server: { url: string },
  person: (name: string, viewport?: { width: number; height: number }) => Promise<Person>,
  process: 'Consent' | 'IDM',
): Promise<{ views: MeetingView[]; awa: MeetingView; ben: MeetingView; olga: MeetingView }> {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');
  await awa.typeAtEnd('We work four days a week, Monday to Thursday.');
  await awa.page.goto(spaceUrl);
  const members = new MembersView(awa);
  await members.open();
  const observerLink = await members.createInvite('Observer');
  await awa.page.goto(spaceUrl);
  const awaView = new MeetingView(awa);
  const meetingUrl = await awaView.createMeeting('Governance, November');
  await awaView.addProposalItem('Four-day week', process);
  const ben = await person('Ben', PHONE);
  await ben.open(shareLink);
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  const olga = await person('Olga');
  await olga.open(observerLink);
  await switchToFrench(olga.page);
  await olga.page.goto(meetingUrl);
  await expect(
    olga.page.getByRole('heading', { level: 1, name: 'Governance, November' }),
  ).toBeVisible();
  const views = [awaView, new MeetingView(ben), new MeetingView(olga)];
  return { views, awa: awaView, ben: views[1]!, olga: views[2]! };
}

/** Moves every view to `step` (the facilitator presses "Next step") and audits them. */
async function auditStep(
  audit: Audit,
  views: MeetingView[],
  olgaStep: string,
  step: string,
  next = true,
): Promise<void> {
  const [awa, ...others] = views as [MeetingView, ...MeetingView[]];
  if (next) await awa.button('Next step').click();
  await expect(awa.stepHeading).toHaveText(step);
  for (const view of others) {
    // Olga reads in French: the same step, in her words.
    const heading = view.person.name === 'Olga' ? olgaStep : step;
    await expect(
      view.page.getByRole('heading', { level: 3, name: heading, exact: true }),
    ).toBeVisible();
  }
  for (const view of views) await audit.check(view.page, `${step}: ${view.person.name}`);
}

/** Runs a round of the two people taking part, auditing the views mid-round. */
async function auditRound(audit: Audit, views: MeetingView[], step: string): Promise<void> {
  const [awa] = views as [MeetingView];
  await awa.button('Start round').click();
  await expect(awa.process.getByText(/^Now speaking: /)).toBeVisible();
  for (const view of views) await audit.check(view.page, `${step}, mid-round: ${view.person.name}`);
  await awa.button('End turn').click();
  await awa.button('End turn').click();
  await expect(awa.process.getByText('Everyone has had their turn.')).toBeVisible();
}

test('a live consent meeting passes axe at every step, for facilitator, participant and observer', async ({
  server,
  person,
}) => {
  const audit = new Audit();
  const { views, awa, ben } = await meetingOf(server, person, 'Consent');
  await awa.button('Start meeting').click();
  await auditStep(audit, views, 'Tour d’inclusion', 'Check-in round', false);
  await auditRound(audit, views, 'Check-in round');
  await auditStep(audit, views, 'Présenter la proposition', 'Present the proposal');
  // The facilitator's drawer, open.
  await awa.page.getByRole('button', { name: 'Agenda and roles' }).click();
  await expect(awa.drawer).toBeVisible();
  await audit.check(awa.page, 'the facilitator drawer');
  await awa.page.keyboard.press('Escape');
  await expect(awa.drawer).toBeHidden();
  // A time-out, as everyone sees it.
  await ben.button('Call time out').click();
  await expect(awa.process.getByText(/Ben called a time out/)).toBeVisible();
  for (const view of views) await audit.check(view.page, `time-out: ${view.person.name}`);
  await awa.button('End time out').click();
  await expect(awa.process.getByText(/Ben called a time out/)).toHaveCount(0);
  await auditStep(audit, views, 'Questions de clarification', 'Clarifying questions');
  await auditRound(audit, views, 'Clarifying questions');
  await auditStep(audit, views, 'Réactions rapides', 'Quick reactions');
  await auditStep(audit, views, 'Amender et clarifier', 'Amend and clarify');
  await auditStep(audit, views, 'Tour de consentement', 'Consent round');
  await ben.recordPosition('Objection', 'Clients call us on Fridays: who answers?');
  await awa.recordPosition('Consent');
  await expect(awa.positions.getByRole('listitem')).toHaveCount(2);
  for (const view of views) await audit.check(view.page, `positions recorded: ${view.person.name}`);
  await auditStep(audit, views, 'Intégrer les objections', 'Integrate objections');
  await awa.linkAmendment('Ben', 'A Friday support rota, one person per week.');
  await expect(awa.objection('Ben')).toContainText('A Friday support rota');
  for (const view of views) await audit.check(view.page, `amendment linked: ${view.person.name}`);
  await auditStep(audit, views, 'Tour de consentement', 'Consent round');
  await ben.recordPosition('Consent');
  await awa.recordPosition('Consent');
  await auditStep(audit, views, 'Issue', 'Outcome');
  await awa.recordAdoption('2027-06-01');
  for (const view of views.slice(0, 2)) await expect(view.process).toContainText('Adopted');
  for (const view of views) await audit.check(view.page, `outcome recorded: ${view.person.name}`);
  await auditStep(audit, views, 'Tour de clôture', 'Closing round');
  await awa.button('End meeting').click();
  await expect(awa.process.getByRole('heading', { name: 'Meeting summary' })).toBeVisible();
  for (const view of views) await audit.check(view.page, `summary: ${view.person.name}`);
  await awa.page.goto(`${awa.page.url().split('/m/')[0]}/decisions`);
  await expect(awa.page.getByRole('article')).toContainText('Adopted');
  await audit.check(awa.page, 'decision log with a decision');
  audit.assertClean();
});

/**
 * The facilitator's cockpit in French, mid-round: Awa switches the app to
 * French, is audited on her desktop and at phone width with the drawer
 * closed and open, then returns to English and to her desktop.
 */
async function auditFrenchCockpit(audit: Audit, awa: MeetingView, step: string): Promise<void> {
  const page = awa.page;
  await switchToFrench(page);
  await expect(awa.stepHeading).toHaveText(step);
  await expect(awa.process.getByText(/^La parole est à\s: /)).toBeVisible();
  await expect(awa.button('Terminer le tour de parole')).toBeVisible();
  await audit.check(page, `${step}, the facilitator's cockpit mid-round (fr)`);
  const desktop = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize(PHONE);
  await audit.check(page, `${step}, the facilitator's cockpit mid-round (fr, phone)`);
  const tools = page.getByRole('button', { name: 'Ordre du jour et rôles' });
  await tools.click();
  const drawer = page.getByRole('dialog', { name: 'Ordre du jour et rôles' });
  await expect(drawer.getByRole('combobox', { name: 'Rôle de Ben' })).toBeVisible();
  await audit.check(page, `${step}, the facilitator drawer (fr, phone)`);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.setViewportSize(desktop);
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'English' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Closing the drawer at phone width left the page scrolled to its button;
  // the other screens are audited from the top, and so is this one again.
  await page.evaluate(() => window.scrollTo(0, 0));
}

test('a live IDM meeting passes axe at its test, integration and outcome steps, and the facilitator cockpit in French', async ({
  server,
  person,
}) => {
  const audit = new Audit();
  const { views, awa, ben } = await meetingOf(server, person, 'IDM');
  await awa.button('Start meeting').click();
  await expect(awa.stepHeading).toHaveText('Check-in round');
  for (const step of ['Present the proposal', 'Clarifying questions', 'Reaction round']) {
    await awa.button('Next step').click();
    await expect(awa.stepHeading).toHaveText(step);
  }
  // Mid-round, the facilitator reads the cockpit in French.
  await awa.button('Start round').click();
  await expect(awa.process.getByText(/^Now speaking: /)).toBeVisible();
  await auditFrenchCockpit(audit, awa, 'Tour de réactions');
  await expect(awa.stepHeading).toHaveText('Reaction round');
  await awa.button('End turn').click();
  await awa.button('End turn').click();
  await expect(awa.process.getByText('Everyone has had their turn.')).toBeVisible();
  await awa.button('Next step').click();
  await expect(awa.stepHeading).toHaveText('Amend and clarify');
  await auditStep(audit, views, 'Tour d’objections', 'Objection round');
  await ben.recordPosition('Objection', 'Clients call us on Fridays: who answers?');
  await awa.recordPosition('No objection');
  await expect(awa.positions.getByRole('listitem')).toHaveCount(2);
  await auditStep(audit, views, 'Tester les objections', 'Test objections');
  await awa.recordValidObjection('Ben');
  await expect(awa.process.getByRole('group', { name: 'Test the objection of Ben' })).toContainText(
    'Ruled Valid by Awa.',
  );
  for (const view of views) await audit.check(view.page, `objection ruled: ${view.person.name}`);
  await auditStep(audit, views, 'Intégration', 'Integration');
  await awa.linkAmendment('Ben', 'A Friday support rota, one person per week.');
  await ben.confirmAmendment('Ben');
  await awa.confirmAmendment('Ben');
  await expect(awa.objection('Ben')).toContainText('Resolved');
  for (const view of views) await audit.check(view.page, `objection resolved: ${view.person.name}`);
  await auditStep(audit, views, 'Tour d’objections', 'Objection round');
  await ben.recordPosition('No objection');
  await awa.recordPosition('No objection');
  await expect(awa.positions.getByRole('listitem')).toHaveCount(2);
  // The outcome step, before and once the outcome is recorded.
  await auditStep(audit, views, 'Issue', 'Outcome');
  await awa.recordAdoption('2027-06-01');
  for (const view of views.slice(0, 2)) await expect(view.process).toContainText('Adopted');
  await expect(views[2]!.process).toContainText('Adoptée');
  for (const view of views)
    await audit.check(view.page, `IDM outcome recorded: ${view.person.name}`);
  audit.assertClean();
});

test('a practice meeting passes axe', async ({ server, person }) => {
  const audit = new Audit();
  const awa = await person('Awa', PHONE);
  await awa.open(server.url);
  const practice = new PracticeView(awa);
  await practice.start('Consent');
  await audit.check(awa.page, 'practice meeting, planned (phone)');
  await practice.button('Start meeting').click();
  await expect(practice.stepHeading).toHaveText('Check-in round');
  await practice.runRound(4);
  await audit.check(awa.page, 'practice meeting, check-in done (phone)');
  await awa.page.getByRole('link', { name: /Back to/ }).click();
  await expect(practice.banner).toBeVisible();
  await audit.check(awa.page, 'practice space (phone)');
  audit.assertClean();
});
