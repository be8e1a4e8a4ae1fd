import { expectAccessible } from '../fixtures/axe.ts';
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

test('a newcomer who goes by a member’s name joins under another, and is given an action before writing anything', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();

  // A second Awa: the space has one already (server NAME-7), so she picks the name it will know her by.
  const other = await person('awa', { width: 390, height: 844 });
  await other.open(shareLink);
  const form = other.page.getByRole('form', { name: 'Your name in this space' });
  await expect(form.getByRole('alert')).toHaveText(
    'Someone in this space already goes by “awa”. Choose the name its members will know you by.',
  );
  await expectAccessible(other.page, 'join under another name (phone)');
  await form.getByRole('textbox', { name: 'Your name in this space' }).fill('Awa Diallo');
  await form.getByRole('button', { name: 'Join under this name' }).click();
  await expect(other.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();

  // Awa gives her an action at once: the owner list offers every member by the
  // name the space knows them by (PEOPLE-1), and that is the name written (NAME-6).
  await awa.page.goto(spaceUrl);
  await awa.page.getByRole('link', { name: 'Next actions', exact: true }).click();
  await awa.page.getByRole('button', { name: 'New action or project' }).click();
  const actionForm = awa.page.getByRole('form', { name: 'A next action or project' });
  await actionForm.getByRole('textbox', { name: 'What' }).fill('Book the room');
  await actionForm.getByRole('combobox', { name: 'Owner' }).selectOption({ label: 'Awa Diallo' });
  await actionForm.getByRole('button', { name: 'Create' }).click();
  await expect(awa.page.getByRole('article', { name: 'Book the room' })).toContainText(
    'Owner: Awa Diallo',
  );

  await other.page.getByRole('link', { name: 'Next actions', exact: true }).click();
  await expect(other.page.getByRole('article', { name: 'Book the room' })).toContainText(
    'Owner: Awa Diallo',
  );

  // Not an admin, she still sees who is in the space, read-only (PEOPLE-1).
  await other.page.goto(spaceUrl);
  await other.page.getByRole('link', { name: 'Members', exact: true }).click();
  const people = other.page.getByRole('list').filter({ hasText: '(you)' });
  await expect(people.getByRole('listitem')).toHaveText([
    /^Awa\s*:?\s*Admin$/,
    /^Awa Diallo \(you\)\s*:?\s*Member$/,
  ]);
  await expect(other.page.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expectAccessible(other.page, 'members page of a member (phone)');
});
