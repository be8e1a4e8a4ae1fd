import { expect, test } from '../fixtures/test.ts';
import { planFourDayWeek } from '../fixtures/fourDayWeek.ts';
import { allAt, MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';

test.setTimeout(240_000);

/**
 * Awa (the space's admin) writes a proposal, plans a meeting with it as an
 * IDM item, and Ben (a member, at phone width) joins it by the share link.
 */
async function prepare(
  server: { url: string },
  person: (name: string, viewport?: { width: number; height: number }) => Promise<Person>,
  extraItem?: string,
): Promise<{
  awa: Person;
  ben: Person;
  awaView: MeetingView;
  benView: MeetingView;
  spaceUrl: string;
}> {
  const awa = await person('Awa');
  await awa.open(server.url);
  const {
    shareLink,
    spaceUrl,
    meetingUrl,
    view: awaView,
  } = await planFourDayWeek(awa, 'Governance, December');
  if (extraItem !== undefined) await awaView.addInformationItem(extraItem);
  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  return { awa, ben, awaView, benView: new MeetingView(ben), spaceUrl };
}

test('during a live meeting a participant has no way to change the item being decided', async ({
  server,
  person,
}) => {
  const { ben, awaView, benView } = await prepare(server, person, 'Garden');
  // Before the start Ben may change only his own items: Awa's are read-only for him.
  await expect(benView.agenda.getByText('Garden', { exact: true })).toBeVisible();
  await expect(benView.itemControls('Garden')).toHaveCount(0);
  await expect(benView.itemControls('Four-day week')).toHaveCount(0);
  await expect(awaView.itemControls('Garden')).not.toHaveCount(0);

  // Started, and on the proposal: the agenda now lives in the process log.
  await awaView.button('Start meeting').click();
  await allAt([awaView, benView], 'Check-in round');
  await awaView.button('Next step').click();
  await allAt([awaView, benView], 'Present the proposal');

  // Ben, a participant, has no agenda editor during the meeting: a tension he
  // wants raised goes to the backlog, for a facilitator to put on the agenda.
  await expect(benView.agenda).toHaveCount(0);
  await expect(ben.page.getByText('Add an item, or change yours')).toHaveCount(0);
  await expect(
    ben.page.getByRole('link', { name: 'Log it in the tension backlog' }),
  ).toHaveAttribute('href', /\/tensions$/);

  // Awa, facilitating, finds the editor in her cockpit's drawer: pending items only.
  await awaView.openLiveAgenda('Agenda and roles');
  await expect(awaView.drawer).toBeVisible();
  await expect(awaView.agenda.getByRole('listitem')).toHaveCount(2);
  await expect(awaView.agenda.getByRole('listitem').first()).toContainText('Current');
  await expect(awaView.itemControls('Four-day week')).toHaveCount(0);
  await awaView.addTension('Keys keep vanishing');
  await expect(awaView.agenda.getByRole('listitem')).toHaveCount(3);
  await expect(
    awaView.agenda.getByRole('button', { name: 'Remove “Keys keep vanishing”' }),
  ).toBeVisible();
  await awaView.agenda.getByRole('button', { name: 'Remove “Garden”' }).click();
  await awaView.agenda.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(awaView.agenda.getByRole('listitem')).toHaveCount(2);
  await expect(awaView.agenda.getByText('Garden', { exact: true })).toHaveCount(0);
  // Nobody's write was refused: both stay connected.
  for (const someone of [awaView.person, ben]) {
    await expect(someone.status).toHaveText('Synced');
    await expect(someone.page.getByText('A change on this device was refused')).toHaveCount(0);
    await expect(someone.page.getByText(/^Not recorded/)).toHaveCount(0);
  }
});

test('the decision log keeps the whole IDM record after the recording facilitator left', async ({
  server,
  person,
}) => {
  const { awa, ben, awaView, benView, spaceUrl } = await prepare(server, person);
  const views = [awaView, benView];
  await awaView.button('Start meeting').click();
  await allAt(views, 'Check-in round');
  for (const step of [
    'Present the proposal',
    'Clarifying questions',
    'Reaction round',
    'Amend and clarify',
    'Objection round',
  ]) {
    await awaView.button('Next step').click();
    await allAt(views, step);
  }

  // Ben objects; Awa has no objection.
  await benView.recordPosition('Objection', 'Clients call us on Fridays: who answers?');
  await awaView.recordPosition('No objection');
  for (const view of views) await expect(view.positions.getByRole('listitem')).toHaveCount(2);

  // Awa tests the objection: valid.
  await awaView.button('Next step').click();
  await allAt(views, 'Test objections');
  await awaView.recordValidObjection('Ben');

  // Awa, who proposes, links an amendment; Ben and Awa confirm it.
  await awaView.button('Next step').click();
  await allAt(views, 'Integration');
  await awaView.linkAmendment('Ben', 'A Friday support rota, one person per week.');
  await benView.confirmAmendment('Ben');
  await awaView.confirmAmendment('Ben');
  for (const view of views) await expect(view.objection('Ben')).toContainText('Resolved');

  // A second objection round without objection; Awa records the adoption…
  await awaView.button('Next step').click();
  await allAt(views, 'Objection round');
  for (const view of views) await view.recordPosition('No objection');
  await awaView.button('Next step').click();
  await allAt(views, 'Outcome');
  await awaView.recordAdoption('2027-06-01');
  // …and leaves the moment her screen shows it (the server has the event).
  await expect(awaView.process).toContainText('Adopted');
  await awa.close();

  // Ben reads the decision log: the server wrote the entry, with everything in it.
  await ben.page.goto(spaceUrl);
  await ben.page.getByRole('link', { name: 'Decision log' }).click();
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  const decision = ben.page.getByRole('article').filter({
    has: ben.page.getByRole('heading', { name: 'Four-day week' }),
  });
  await expect(decision).toBeVisible({ timeout: 30_000 });
  await expect(decision).toContainText('Adopted');
  await expect(decision).toContainText('Review by');
  // Positions, round by round: Ben's objection, then no objection from either.
  const round1 = decision.locator('.decision__round').filter({
    has: ben.page.getByRole('heading', { name: 'Round 1' }),
  });
  const round2 = decision.locator('.decision__round').filter({
    has: ben.page.getByRole('heading', { name: 'Round 2' }),
  });
  await expect(round1.getByRole('listitem')).toHaveCount(2);
  await expect(round1).toContainText('Ben Objection: Clients call us on Fridays: who answers?');
  await expect(round1).toContainText('Awa No objection');
  await expect(round2.getByRole('listitem')).toHaveCount(2);
  await expect(round2.getByRole('listitem').filter({ hasText: 'No objection' })).toHaveCount(2);
  // The objection, its test (four yes), its amendment and both confirmations.
  await expect(decision).toContainText(
    'Objection by Ben: Clients call us on Fridays: who answers?',
  );
  const tested = decision.getByRole('list', { name: 'Objection test' });
  await expect(tested.getByRole('listitem')).toHaveCount(4);
  await expect(tested.getByText('yes', { exact: true })).toHaveCount(4);
  await expect(decision).toContainText('Integrated: A Friday support rota, one person per week.');
  await expect(decision).toContainText(/confirmed by (Awa and Ben|Ben and Awa)/);
  // The decision's contributors name who facilitated.
  await expect(decision).toContainText(/Facilitation\s*Awa/);
  await expect(decision).toContainText('Proposed by');
});

test('a member who plans a meeting facilitates it, without a refused write', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  // Ben is a plain member: the server lets him facilitate only a meeting it
  // already knows he created, so his join must follow the creation.
  const ben = await person('Ben');
  await ben.open(shareLink);
  const benView = new MeetingView(ben);
  await benView.createMeeting('Garden, Saturday');
  await expect(ben.status).toHaveText('Synced');
  await expect(benView.button('Start meeting')).toBeVisible();
  await expect(ben.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  await benView.addInformationItem('Compost');
  await expect(ben.page.getByText('A change on this device was refused')).toHaveCount(0);
  await ben.page.reload();
  await expect(ben.page.getByRole('textbox', { name: 'Title of “Compost”' })).toBeVisible();
  await expect(benView.button('Start meeting')).toBeVisible();
});
