import { expectAccessible } from '../fixtures/axe.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

test('the inbox lists an election I am nominated in only once the nominations are revealed (in French, at phone width)', async ({
  server,
  person,
}) => {
  // Awa's space adopts an elected role, Facilitator, by consent.
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await awa.createProposal('Facilitation', 'Meetings drift.');
  const form = awa.page.getByRole('form', { name: 'Add a change' });
  await form
    .getByRole('combobox', { name: 'What to change' })
    .selectOption({ label: 'Add a role' });
  await form.getByRole('textbox', { name: 'Name' }).fill('Facilitator');
  await form.getByRole('textbox', { name: 'Purpose' }).fill('Meetings that keep their purpose');
  await form.getByRole('checkbox', { name: /^Elected role/ }).check();
  await form.getByRole('button', { name: 'Add change' }).click();
  await expect(
    awa.page.getByRole('listitem', { name: 'Add the role “Facilitator”' }),
  ).toBeVisible();
  await awa.page.goto(spaceUrl);
  const awaView = new MeetingView(awa);
  await awaView.createMeeting('Roles, January');
  await awaView.addProposalItem('Facilitation', 'Consent');
  await awaView.button('Start meeting').click();
  await expect(awaView.stepHeading).toHaveText('Check-in round');
  for (const step of [
    'Present the proposal',
    'Clarifying questions',
    'Quick reactions',
    'Amend and clarify',
    'Consent round',
  ]) {
    await awaView.button('Next step').click();
    await expect(awaView.stepHeading).toHaveText(step);
  }
  await awaView.recordPosition('Consent');
  await awaView.button('Next step').click();
  await expect(awaView.stepHeading).toHaveText('Outcome');
  await awaView.process
    .getByRole('combobox', { name: 'Outcome' })
    .selectOption({ label: 'Adopted' });
  await awaView.process.getByLabel('Review date').fill('2027-06-01');
  await awaView.button('Record outcome').click();
  await expect(awaView.process).toContainText('Adopted');

  // The election, planned and started with Ben, who reads French on a phone.
  await awa.page.goto(spaceUrl);
  const meetingUrl = await awaView.createMeeting('Election, January');
  const add = awa.page.getByRole('form', { name: 'Add an item' });
  await add.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Election' });
  const role = add.getByRole('combobox', { name: 'Elected role' });
  await expect(role.getByRole('option', { name: /^Facilitator/ })).toBeAttached();
  await role.selectOption({ index: 1 });
  await add.getByLabel('Term ends on').fill('2031-06-30');
  await add.getByRole('button', { name: 'Add to agenda' }).click();
  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Français' });
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();
  const benView = new MeetingView(ben);
  await awaView.button('Start meeting').click();
  await expect(benView.stepHeading).toHaveText('Tour d’inclusion');
  await awaView.button('Next step').click();
  await expect(benView.stepHeading).toHaveText('Rôle et mandat');
  await awaView.button('Next step').click();
  await expect(benView.stepHeading).toHaveText('Nominations écrites');

  // Awa nominates Ben; sealed, nobody's inbox says so.
  const sealForm = awaView.process.getByRole('form', { name: 'My written nomination' });
  await sealForm.getByRole('combobox', { name: 'I nominate' }).selectOption({ label: 'Ben' });
  await sealForm.getByRole('textbox', { name: 'Because' }).fill('Patient with newcomers');
  await sealForm.getByRole('button', { name: 'Seal my nomination' }).click();
  await expect(benView.process).toContainText('1 nomination scellée');
  const benInbox = await ben.page.context().newPage();
  await benInbox.setViewportSize({ width: 390, height: 844 });
  await benInbox.goto(meetingUrl.replace(/\/m\/.*$/, '/inbox'));
  const elections = benInbox.getByRole('region', { name: 'Élections où je suis proposé·e' });
  await expect(elections).toContainText('Rien ici.');

  // The reveal: Awa's client opens her seal; Ben's inbox now lists the election.
  await awaView.button('Next step').click();
  await expect(benView.stepHeading).toHaveText('Tour des nominations');
  await expect(
    elections.getByRole('link', { name: 'Proposé·e : « Election: Facilitator »' }),
  ).toBeVisible();
  await expectAccessible(benInbox, 'inbox with an election (fr, phone)');
  await elections.getByRole('link', { name: 'Proposé·e : « Election: Facilitator »' }).click();
  await expect(benInbox.getByRole('heading', { level: 1 })).toContainText('Election, January');
});
