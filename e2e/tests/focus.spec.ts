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
