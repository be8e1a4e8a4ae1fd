import { expect, test } from '../fixtures/test.ts';
import { MeetingView } from '../fixtures/meeting.ts';

test.setTimeout(240_000);

test('a member renames themselves; the meeting everyone watches follows the name the space knows them by', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const meetingUrl = await new MeetingView(awa).createMeeting('Weekly');

  const ben = await person('Ben', { width: 390, height: 844 });
  await ben.open(shareLink);
  await ben.open(meetingUrl);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toBeVisible();

  // Ben gives his full name (server NAME-5): the space takes it, his sockets reopen
  // under it, and his meeting entry follows (the only name the server lets him write).
  await ben.page.getByRole('button', { name: 'Change name' }).click();
  const dialog = ben.page.getByRole('dialog', { name: 'What should others call you?' });
  await dialog.getByRole('textbox', { name: 'Your name' }).fill('Benoît Martin');
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(awa.page.getByRole('combobox', { name: 'Role of Benoît Martin' })).toBeVisible();
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben', exact: true })).toHaveCount(0);

  // The members page, read by the admin, says the same.
  await awa.page.goto(meetingUrl.replace(/\/m\/[^/]+$/, '/members'));
  await expect(awa.page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(awa.page.getByRole('button', { name: 'Remove Benoît Martin' })).toBeVisible();
});
