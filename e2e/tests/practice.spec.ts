import { expect, test } from '../fixtures/test.ts';
import { PracticeView } from '../fixtures/practice.ts';

test.setTimeout(240_000);

test('one person and the scripted participants run a consent meeting to adoption, at phone width', async ({
  server,
  person,
}) => {
  const awa = await person('Awa', { width: 390, height: 844 });
  await awa.open(server.url);
  const view = new PracticeView(awa);
  await view.start('Consent');
  await expect(view.banner).toContainText('scripted bots');
  // The bots are in the meeting and present: the round's order holds all four.
  await view.button('Start meeting').click();
  await expect(view.stepHeading).toHaveText('Check-in round');
  await view.runRound(4);

  await view.next('Present the proposal');
  await view.next('Clarifying questions');
  await view.runRound(4);
  await view.next('Quick reactions');
  await view.runRound(4);
  await view.next('Amend and clarify');
  await view.next('Consent round');

  // Amara objects with a reason; Ben consents; Chloe voices a concern.
  await view.recordPosition('Consent');
  await expect(view.positions.getByRole('listitem')).toHaveCount(4);
  await expect(view.positions).toContainText('Clients call us on Fridays');

  // Integration: the proposer (the practiser) links an amendment; a new consent round.
  await view.next('Integrate objections');
  await view.linkAmendment('Amara', 'A Friday support rota, one person per week.');
  await expect(view.objection('Amara')).toContainText('A Friday support rota');
  await view.next('Consent round');
  await view.recordPosition('Consent');
  await expect(view.positions.getByRole('listitem')).toHaveCount(4);
  await expect(view.positions.getByRole('listitem').filter({ hasText: 'Consent' })).toHaveCount(4);

  await view.next('Outcome');
  await view.recordAdoption('2027-06-01');
  await expect(view.process).toContainText('Adopted');
  await view.next('Closing round');
  await view.runRound(4);
  await view.button('End meeting').click();
  await expect(view.process.getByRole('heading', { name: 'Meeting summary' })).toBeVisible();

  // Every page of the space carries the mark; the decision log holds the adoption.
  await awa.page
    .getByRole('link', { name: /Practice space/ })
    .first()
    .click();
  await expect(awa.page.getByRole('heading', { level: 1, name: 'Practice space' })).toBeVisible();
  await expect(view.banner).toBeVisible();
  await awa.page.getByRole('link', { name: 'Decision log' }).click();
  await expect(view.banner).toBeVisible();
  await expect(
    awa.page.getByRole('article').filter({ hasText: 'Try a four-day week' }),
  ).toContainText('Adopted');

  // The home page lists it marked; deleting it removes it from the list.
  await awa.page.goto(server.url);
  const recent = awa.page.getByRole('region', { name: 'Recently opened on this device' });
  await expect(recent.getByRole('listitem').filter({ hasText: 'Practice space' })).toContainText(
    'Practice',
  );
  await recent.getByRole('link', { name: 'Practice space' }).click();
  await view.deleteSpace();
  await expect(recent.getByRole('link', { name: 'Practice space' })).toHaveCount(0);
});
