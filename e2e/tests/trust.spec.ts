import { MembersView } from '../fixtures/members.ts';
import { screenshotPath } from '../fixtures/screenshots.ts';
import { expect, test } from '../fixtures/test.ts';

test('an admin invites a member and an observer, then removes the member', async ({
  server,
  person,
}) => {
  // Awa creates the space (she is its admin) and a proposal.
  const awa = await person('Awa');
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  await expect(awa.page.getByRole('heading', { name: 'Your admin link' })).toBeVisible();
  const proposalUrl = await awa.createProposal('Four-day week', 'People are exhausted on Fridays.');
  await awa.typeAtEnd('We work four days a week.');

  // She invites a member and an observer from the Members page.
  await awa.page.goto(spaceUrl);
  const members = new MembersView(awa);
  await members.open();
  const memberLink = await members.createInvite('Member');
  const observerLink = await members.createInvite('Observer');
  expect(memberLink).toMatch(/\/join/);
  expect(observerLink).not.toBe(memberLink);

  // Ben opens the link: before anything is used or asked, it names the space and his role.
  const ben = await person('Ben');
  await ben.page.goto(memberLink);
  await expect(ben.page.getByText('You are invited to join “Coop du Val”.')).toBeVisible();
  await expect(ben.page.getByText('Your role: Member')).toBeVisible();
  await expect(ben.page.getByRole('dialog')).toHaveCount(0);
  // He joins as a member, in his own browser, and edits the proposal.
  await ben.acceptInvite();
  const space = ben.page.getByRole('heading', { level: 1, name: 'Coop du Val' });
  await ben.answerNameDialog(space);
  await expect(space).toBeVisible();
  await expect(ben.page.getByRole('button', { name: 'New proposal' })).toBeVisible();
  await ben.page.getByRole('link', { name: 'Four-day week' }).click();
  await expect(ben.status).toHaveText('Synced');
  await ben.typeAtEnd(' Ben was here.');
  await awa.open(proposalUrl);
  await expect(awa.editor).toContainText('four days a week. Ben was here.');

  // Olga joins as an observer: she reads everything and can change nothing.
  const olga = await person('Olga');
  await olga.open(observerLink);
  await expect(olga.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
  const notice = 'You are an observer: you can read but not change anything.';
  await expect(olga.page.getByText(notice)).toBeVisible();
  await expect(olga.page.getByRole('button', { name: 'New proposal' })).toHaveCount(0);
  await expect(olga.page.getByRole('button', { name: 'New meeting' })).toHaveCount(0);
  await expect(olga.page.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  await olga.page.getByRole('link', { name: 'Four-day week' }).click();
  await expect(olga.editor).toContainText('Ben was here.');
  await expect(olga.page.getByText(notice)).toBeVisible();
  await expect(olga.editor).toHaveAttribute('contenteditable', 'false');
  await expect(olga.page.getByRole('toolbar')).toHaveCount(0);
  await expect(olga.page.getByRole('textbox', { name: 'Title' })).not.toBeEditable();
  await expect(olga.page.getByRole('textbox', { name: 'Driver' })).not.toBeEditable();
  await olga.page.screenshot({ path: screenshotPath('observer.png') });
  await olga.editor.click();
  await olga.page.keyboard.press('Control+End');
  await olga.page.keyboard.type(' Olga typed this.');
  await olga.page.getByRole('textbox', { name: 'Title' }).click();
  await olga.page.keyboard.type(' (Olga)');
  await expect(olga.editor).not.toContainText('Olga typed this.');
  // Ben's next edit reaches both: whatever Olga's attempts sent would have arrived before it.
  await ben.typeAtEnd(' Second line.');
  await expect(olga.editor).toContainText('Ben was here. Second line.');
  await expect(awa.editor).toContainText('Ben was here. Second line.');
  await expect(awa.editor).not.toContainText('Olga');
  await expect(awa.page.getByRole('textbox', { name: 'Title' })).toHaveValue('Four-day week');

  // Awa removes Ben: his page says access was revoked, and what he types stays with him.
  await awa.page.goto(spaceUrl);
  await members.open();
  await expect(awa.page.getByRole('combobox', { name: 'Role of Ben' })).toHaveValue('member');
  await expect(awa.page.getByRole('combobox', { name: 'Role of Olga' })).toHaveValue('observer');
  await expect(awa.page.getByText('Joined through it: Ben')).toBeVisible();
  await awa.page.screenshot({ path: screenshotPath('members.png'), fullPage: true });
  await members.remove('Ben');
  await expect(ben.status).toHaveText('Access revoked');
  await expect(ben.page.getByRole('alert').filter({ hasText: 'Access revoked' })).toBeVisible();
  await ben.editor.click();
  await ben.page.keyboard.type(' After removal.');
  await awa.open(proposalUrl);
  await expect(awa.status).toHaveText('Synced');
  await expect(awa.editor).toContainText('Ben was here. Second line.');
  await awa.page.reload();
  await expect(awa.status).toHaveText('Synced');
  await expect(awa.editor).not.toContainText('After removal.');

  // After a reload, Ben is told his access was revoked, and sees nothing.
  await ben.page.reload();
  await expect(ben.page.getByRole('heading', { level: 1, name: 'Access revoked' })).toBeVisible();
  await expect(ben.editor).toHaveCount(0);
});

test('a visitor without an invitation sees nothing; a used-up invite says so', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  const spaceUrl = awa.page.url();
  const members = new MembersView(awa);
  await members.open();
  await members.form.getByRole('spinbutton', { name: 'Use limit' }).fill('1');
  const oneUse = await members.createInvite('Member');
  // The Members page fits a phone.
  await awa.page.setViewportSize({ width: 375, height: 740 });
  await expect(members.form).toBeVisible();
  const overflow = await awa.page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  const eve = await person('Eve');
  const requests: string[] = [];
  eve.page.on('websocket', (ws) => requests.push(ws.url()));
  await eve.page.goto(spaceUrl);
  await expect(
    eve.page.getByRole('heading', { level: 1, name: 'You need an invitation to see this space' }),
  ).toBeVisible();
  expect(requests).toEqual([]);

  const cleo = await person('Cléo');
  await cleo.open(oneUse);
  await expect(cleo.page.getByRole('heading', { level: 1, name: 'Coop du Val' })).toBeVisible();
  await eve.open(oneUse);
  await expect(eve.page.getByRole('alert')).toHaveText(
    'This invite link has been used as many times as allowed. Ask for a new one.',
  );
});
