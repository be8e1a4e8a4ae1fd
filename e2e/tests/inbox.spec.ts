import { expectAccessible } from '../fixtures/axe.ts';
import { planFacilitatorElection } from '../fixtures/election.ts';
import { MeetingView } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

test.setTimeout(300_000);

test('the inbox lists an election I am nominated in only once the nominations are revealed (in French, at phone width)', async ({
  server,
  person,
}) => {
  // Awa's space adopts an elected role, Facilitator, by consent, and plans
  // its election; it starts with Ben, who reads French on a phone.
  const awa = await person('Awa');
  await awa.open(server.url);
  const { shareLink, meetingUrl, view: awaView } = await planFacilitatorElection(awa);
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
