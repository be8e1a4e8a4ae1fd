import { expect, test } from '../fixtures/test.ts';

test('cancelling a new proposal or a new meeting gives focus back to the button that opened it', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  for (const name of ['New proposal', 'New meeting']) {
    await awa.page.getByRole('button', { name }).click();
    await awa.page.getByRole('button', { name: 'Cancel' }).click();
    await expect(awa.page.getByRole('button', { name })).toBeFocused();
  }
});

test('creating a next action gives focus back to the button that opened its form', async ({
  server,
  person,
}) => {
  const awa = await person('Awa');
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  await awa.page.goto(`${awa.page.url()}/actions`);
  const open = awa.page.getByRole('button', { name: 'New action or project' });
  await open.click();
  await awa.page.getByRole('textbox', { name: 'What' }).fill('Buy a tool cabinet');
  await awa.page.getByRole('button', { name: 'Create' }).click();
  await expect(awa.page.getByText('1 action or project')).toBeVisible();
  await expect(open).toBeFocused();
});
