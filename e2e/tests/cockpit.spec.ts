import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe.ts';
import { allAt, MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';
import { screenshotPath } from '../fixtures/screenshots.ts';
import type { RondeServer } from '../fixtures/server.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Whether the element lies wholly within the first screen of the page, unscrolled. */
async function inFirstViewport(page: Page, locator: Locator): Promise<boolean> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await locator.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

/** Whether `a` comes before `b` in document order. */
async function precedes(a: Locator, b: Locator): Promise<boolean> {
  const other = await b.elementHandle();
  return a.evaluate(
    (node, later) =>
      later !== null &&
      (node.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
    other,
  );
}

/**
 * Awa prepares a space, a proposal and a meeting with one consent item;
 * Ben (on a phone) and the `others` join it. Returns their meeting views.
 */
async function consentMeeting(
  server: RondeServer,
  person: (name: string, viewport?: { width: number; height: number }) => Promise<Person>,
  others: readonly string[] = [],
): Promise<{ awa: MeetingView; ben: MeetingView; others: MeetingView[] }> {
  const awa = await person('Awa', DESKTOP);
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');
  await awa.typeAtEnd('We work four days a week, Monday to Thursday.');
  await awa.page.getByRole('link', { name: /Coop du Val/ }).click();
  const awaView = new MeetingView(awa);
  const meetingUrl = await awaView.createMeeting('Governance, November');
  await awaView.addProposalItem('Four-day week', 'Consent');
  const joined: MeetingView[] = [];
  for (const name of ['Ben', ...others]) {
    const someone = await person(name, name === 'Ben' ? PHONE : DESKTOP);
    await someone.open(shareLink);
    await someone.open(meetingUrl);
    await expect(awa.page.getByRole('combobox', { name: `Role of ${name}` })).toBeVisible();
    joined.push(new MeetingView(someone));
  }
  const [ben, ...rest] = joined as [MeetingView, ...MeetingView[]];
  return { awa: awaView, ben, others: rest };
}

/** The step rail's current step. */
function currentStep(view: MeetingView): Locator {
  return view.page.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]');
}

test('the cockpit: step rail, timer, speaker and queue; the facilitator drawer; the phone view', async ({
  server,
  person,
}) => {
  const { awa, ben, others } = await consentMeeting(server, person, ['Cléo']);
  const cleo = others[0]!;
  const views = [awa, ben, cleo];
  await awa.button('Start meeting').click();
  await allAt(views, 'Check-in round');

  // The live region says the step as it changes, and the speaker as the turn passes.
  const benLive = ben.page.getByTestId('process-live');
  await awa.button('Next step').click();
  await allAt(views, 'Present the proposal');
  await expect(benLive).toHaveText('Step: Present the proposal');
  // The rail: the consent steps, "Present the proposal" now, what comes next.
  for (const view of views) {
    await expect(currentStep(view)).toContainText('Present the proposal');
    await expect(view.page.getByRole('navigation', { name: 'Steps' })).toContainText(
      'Next: Clarifying questions',
    );
  }
  await expect(
    awa.page.getByRole('navigation', { name: 'Steps' }).getByRole('listitem'),
  ).toHaveCount(7);

  // During the live meeting the agenda editor and the role menus are in the
  // facilitator's drawer only; a participant has neither.
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toHaveCount(0);
  await expect(awa.page.getByRole('form', { name: 'Add an item' })).toHaveCount(0);
  await awa.page.getByRole('button', { name: 'Agenda and roles' }).click();
  await expect(awa.drawer).toBeVisible();
  await expect(awa.drawer.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  await expect(awa.drawer.getByRole('form', { name: 'Add an item' })).toBeVisible();
  await expect(awa.drawer.getByRole('button', { name: 'Hand over facilitation' })).toBeVisible();
  await awa.page.keyboard.press('Escape');
  await expect(awa.drawer).toBeHidden();
  await expect(awa.page.getByRole('button', { name: 'Agenda and roles' })).toBeFocused();
  for (const view of [ben, cleo]) {
    await expect(view.page.getByRole('button', { name: 'Agenda and roles' })).toHaveCount(0);
    await expect(view.page.getByRole('combobox', { name: /^Role of / })).toHaveCount(0);
  }

  await awa.button('Next step').click();
  await allAt(views, 'Clarifying questions');
  await expect(benLive).toHaveText('Step: Clarifying questions');
  await awa.button('Next step').click();
  await allAt(views, 'Quick reactions');
  // Awa puts Ben first, so his turn is the one everyone sees.
  const order = awa.process.getByRole('list', { name: 'Speaking order' });
  while (!(await order.getByRole('listitem').first().innerText()).startsWith('Ben')) {
    const ben1 = order.getByRole('button', { name: 'Move Ben earlier' });
    await ben1.click();
  }
  await awa.button('Start round').click();
  await expect(benLive).toHaveText("It's your turn to speak");
  await expect(cleo.page.getByTestId('process-live')).toHaveText('Now speaking: Ben');

  // The shared timers: the turn's and the item's time box, on the server's clock.
  for (const view of views) {
    await expect(view.process.getByRole('timer', { name: 'Turn time left' })).toBeVisible();
    await expect(view.process.getByRole('timer', { name: 'Time box left' })).toBeVisible();
    await expect(view.process.getByText('Now speaking: Ben')).toBeVisible();
    await expect(
      view.process.getByText('Next: Awa').or(view.process.getByText('Next: Cléo')),
    ).toBeVisible();
  }

  // Ben's phone: the step, the speaker, his turn and its buttons on the first screen,
  // before any form.
  const benPage = ben.page;
  for (const shown of [
    ben.stepHeading,
    ben.process.getByText("It's your turn to speak"),
    ben.process.getByText('Now speaking: Ben'),
    ben.button('End turn'),
    ben.button('Pass'),
  ]) {
    expect(await inFirstViewport(benPage, shown)).toBe(true);
  }
  await benPage.screenshot({ path: screenshotPath('cockpit-participant-phone.png') });
  await awa.page.screenshot({ path: screenshotPath('cockpit-facilitator-desktop.png') });
  await awa.page.setViewportSize(PHONE);
  await awa.page.evaluate(() => window.scrollTo(0, 0));
  expect(await inFirstViewport(awa.page, awa.button('End turn'))).toBe(true);
  await awa.page.screenshot({ path: screenshotPath('cockpit-facilitator-phone.png') });
  await expectAccessible(awa.page, "the facilitator's cockpit on a phone");
  await awa.page.setViewportSize(DESKTOP);
  await benPage.setViewportSize(DESKTOP);
  await benPage.evaluate(() => window.scrollTo(0, 0));
  await benPage.screenshot({ path: screenshotPath('cockpit-participant-desktop.png') });
  await benPage.setViewportSize(PHONE);

  // The turn passes: everyone's live region names the next speaker.
  await ben.button('End turn').click();
  await expect(order.locator('[aria-current="true"]')).not.toHaveText('Ben');
  const second = (await order.locator('[aria-current="true"]').innerText()).trim();
  await expect(cleo.page.getByTestId('process-live')).toHaveText(
    second.startsWith('Cléo') ? "It's your turn to speak" : `Now speaking: ${second}`,
  );
  await expect(benLive).toHaveText(`Now speaking: ${second}`);
  await awa.button('End turn').click();
  await expect(order.locator('[aria-current="true"]')).not.toHaveText(second);
  await awa.button('End turn').click();
  await expect(order.locator('[aria-current="true"]')).toHaveCount(0);

  await awa.button('Next step').click();
  await allAt(views, 'Amend and clarify');
  await awa.button('Next step').click();
  await allAt(views, 'Consent round');
  // The consent round on a phone: the position buttons on the first screen, before any form.
  const positions = ben.process.getByRole('group', { name: 'Your position' });
  const consent = positions.getByRole('button', { name: 'Consent', exact: true });
  expect(await inFirstViewport(benPage, consent)).toBe(true);
  expect(await inFirstViewport(benPage, ben.stepHeading)).toBe(true);
  const firstForm = benPage.locator('form, details').first();
  if ((await firstForm.count()) > 0) expect(await precedes(positions, firstForm)).toBe(true);
  await expect(currentStep(ben)).toContainText('Consent round');
});

/**
 * Moves the keyboard focus to `target` with Tab (or Shift+Tab when it lies
 * before the focus), as a keyboard user would; fails when it is not reached.
 */
async function tabTo(page: Page, target: Locator, limit = 120): Promise<void> {
  await expect(target).toBeVisible();
  for (let presses = 0; presses < limit; presses++) {
    const where = await target.evaluate((node) => {
      const active = document.activeElement;
      if (active === node) return 'here';
      if (active === null || active === document.body) return 'after';
      return (active.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
        ? 'after'
        : 'before';
    });
    if (where === 'here') return;
    await page.keyboard.press(where === 'after' ? 'Tab' : 'Shift+Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Tabs to a button and presses Enter on it. */
async function press(page: Page, button: Locator): Promise<void> {
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}

test('a whole consent round, facilitator and participant using the keyboard only', async ({
  server,
  person,
}) => {
  const { awa, ben } = await consentMeeting(server, person);
  const views = [awa, ben];
  const a = awa.page;
  const b = ben.page;
  await press(a, awa.button('Start meeting'));
  await allAt(views, 'Check-in round');

  /** Runs a round: the facilitator starts it, each person ends their own turn. */
  const round = async (): Promise<void> => {
    await press(a, awa.button('Start round'));
    const order = awa.process.getByRole('list', { name: 'Speaking order' });
    for (let turn = 0; turn < 3; turn++) {
      const speaking = order.locator('[aria-current="true"]');
      if ((await speaking.count()) === 0 && turn > 0) break;
      const speaker = (await speaking.innerText()).trim();
      const view = speaker.startsWith('Ben') ? ben : awa;
      await expect(view.process.getByText("It's your turn to speak")).toBeVisible();
      await press(view.page, view.button('End turn'));
      // The turn has passed: someone else speaks, or nobody once the round is done.
      // (allInnerTexts does not wait for an element that just went away.)
      await expect
        .poll(async () => (await speaking.allInnerTexts()).join('').trim())
        .not.toBe(speaker);
    }
    await expect(awa.process.getByText('Everyone has had their turn.')).toBeVisible();
  };
  await round();

  await press(a, awa.button('Next step'));
  await allAt(views, 'Present the proposal');
  await press(a, awa.button('Next step'));
  await allAt(views, 'Clarifying questions');
  await round();
  await press(a, awa.button('Next step'));
  await allAt(views, 'Quick reactions');
  await round();
  await press(a, awa.button('Next step'));
  await allAt(views, 'Amend and clarify');
  await press(a, awa.button('Next step'));
  await allAt(views, 'Consent round');

  // Positions by keyboard: Ben voices a concern with a reason, Awa consents.
  const benPositions = ben.process.getByRole('group', { name: 'Your position' });
  // Space presses a button as Enter does.
  await tabTo(b, benPositions.getByRole('button', { name: 'Concern', exact: true }));
  await b.keyboard.press('Space');
  await tabTo(b, ben.process.getByRole('textbox', { name: 'Reason' }));
  await b.keyboard.type('Who answers the phone on Fridays?');
  await press(b, ben.process.getByRole('button', { name: 'Record concern' }));
  const awaPositions = awa.process.getByRole('group', { name: 'Your position' });
  await press(a, awaPositions.getByRole('button', { name: 'Consent', exact: true }));
  await expect(awa.positions.getByRole('listitem')).toHaveCount(2);
  await expect(ben.positions).toContainText('Who answers the phone on Fridays?');

  await press(a, awa.button('Next step'));
  await allAt(views, 'Outcome');
  const outcome = awa.process.getByRole('combobox', { name: 'Outcome' });
  await tabTo(a, outcome);
  // Arrow keys move through the choices of a closed select.
  await a.keyboard.press('ArrowDown');
  await expect(outcome).not.toHaveValue('adopted');
  await a.keyboard.press('ArrowUp');
  await expect(outcome).toHaveValue('adopted');
  await tabTo(a, awa.process.getByLabel('Review date'));
  // The same day and month, whichever order the browser's locale puts them in.
  await a.keyboard.type('06062027');
  await expect(awa.process.getByLabel('Review date')).toHaveValue('2027-06-06');
  await press(a, awa.button('Record outcome'));
  for (const view of views) await expect(view.process).toContainText('Adopted');
  await press(a, awa.button('Next step'));
  await allAt(views, 'Closing round');
  await press(a, awa.button('End meeting'));
  for (const view of views) {
    await expect(view.process.getByRole('heading', { name: 'Meeting summary' })).toBeVisible();
  }
});
