import { expect, test } from '../fixtures/test.ts';
import { planFourDayWeek } from '../fixtures/fourDayWeek.ts';
import { allAt, MeetingView } from '../fixtures/meeting.ts';
import type { Person } from '../fixtures/person.ts';

test.setTimeout(300_000);

test('two facilitators and three participants run an IDM to adoption', async ({
  server,
  person,
}) => {
  // Awa (facilitator, proposer) prepares the space, the proposal and the meeting.
  const awa = await person('Awa');
  await awa.open(server.url);
  const {
    shareLink,
    spaceUrl,
    meetingUrl,
    view: awaView,
  } = await planFourDayWeek(awa, 'Governance, November');

  // The others join by link: Fatou will co-facilitate; Ben, Cléo and Dan take part.
  const others: Person[] = [];
  for (const name of ['Fatou', 'Ben', 'Cléo', 'Dan']) {
    const someone = await person(name, { width: 390, height: 844 });
    await someone.open(shareLink);
    await someone.open(meetingUrl);
    await expect(awa.page.getByRole('combobox', { name: `Role of ${name}` })).toBeVisible();
    others.push(someone);
  }
  const [fatou, ben, cleo, dan] = others as [Person, Person, Person, Person];
  await awaView.setRole('Fatou', 'Facilitator');
  const views = [awa, fatou, ben, cleo, dan].map((p) => new MeetingView(p));
  const [, fatouView, benView, cleoView, danView] = views as [
    MeetingView,
    MeetingView,
    MeetingView,
    MeetingView,
    MeetingView,
  ];
  await expect(fatouView.button('Start meeting')).toBeVisible();
  await expect(benView.button('Start meeting')).toHaveCount(0);

  // Check-in round: everyone sees the same speaker; a reload mid-round shows it exactly.
  await awaView.button('Start meeting').click();
  await allAt(views, 'Check-in round');
  await awaView.button('Start round').click();
  const order = awaView.process.getByRole('list', { name: 'Speaking order' });
  await expect(order.getByRole('listitem')).toHaveCount(5);
  const firstSpeaker = (await order.locator('[aria-current="true"]').innerText()).trim();
  for (const view of views) {
    await expect(view.process.getByText(`Now speaking: ${firstSpeaker}`)).toBeVisible();
  }
  await awaView.button('End turn').click();
  // The turn has passed once the first speaker is no longer the current one.
  await expect(order.locator('[aria-current="true"]')).not.toHaveText(firstSpeaker);
  const secondSpeaker = (await order.locator('[aria-current="true"]').innerText()).trim();
  await cleo.page.reload();
  await expect(cleoView.process.getByText(`Now speaking: ${secondSpeaker}`)).toBeVisible();
  await expect(
    cleoView.process.getByRole('list', { name: 'Speaking order' }).locator('[aria-current="true"]'),
  ).toHaveText(secondSpeaker);
  // The current speaker ends their own turn; the rest pass or speak.
  for (let turn = 1; turn < 5; turn++) {
    const speaker = (await order.locator('[aria-current="true"]').innerText()).trim();
    const view = views.find((v) => speaker.startsWith(v.person.name))!;
    await expect(view.process.getByText("It's your turn to speak")).toBeVisible();
    await view.button(turn === 4 ? 'Pass' : 'End turn').click();
    if (turn < 4) await expect(order.locator('[aria-current="true"]')).not.toHaveText(speaker);
  }
  // Every turn taken: the round is complete and nobody is speaking.
  await expect(order.locator('[aria-current="true"]')).toHaveCount(0);

  // Both facilitators press "Next step" at the same moment (neither has seen
  // the other's press): the meeting advances exactly one step.
  await fatou.context.setOffline(true);
  await fatouView.button('Next step').click();
  await awaView.button('Next step').click();
  await fatou.context.setOffline(false);
  await expect(fatou.status).toHaveText('Synced', { timeout: 30_000 });
  await allAt(views, 'Present the proposal');
  // Both presses are kept in the log; exactly one applied, the other is shown superseded.
  await awa.page.getByText('Process log').click();
  const logEntries = awa.page.locator('.process-log__list').getByRole('listitem');
  await expect(logEntries.filter({ hasText: 'superseded' })).toHaveCount(1);
  await expect(logEntries.filter({ hasText: /^.*(Awa|Fatou).*superseded/ })).toHaveCount(1);

  for (const step of ['Clarifying questions', 'Reaction round', 'Amend and clarify']) {
    await awaView.button('Next step').click();
    await allAt(views, step);
  }
  await awaView.button('Next step').click();
  await allAt(views, 'Objection round');

  // Ben objects; the others have no objection.
  await benView.recordPosition('Objection', 'Clients call us on Fridays: who answers?');
  for (const view of [awaView, fatouView, cleoView, danView]) {
    await view.recordPosition('No objection');
  }
  for (const view of views) {
    await expect(view.positions.getByRole('listitem')).toHaveCount(5);
    await expect(view.positions).toContainText('Clients call us on Fridays');
  }

  // Fatou tests the objection: valid.
  await awaView.button('Next step').click();
  await allAt(views, 'Test objections');
  await fatouView.recordValidObjection('Ben');

  // Integration: the proposer links an amendment; objector and proposer both confirm.
  await fatouView.button('Next step').click();
  await allAt(views, 'Integration');
  await awaView.linkAmendment('Ben', 'A Friday support rota, one person per week.');
  await benView.confirmAmendment('Ben');
  await expect(benView.objection('Ben')).not.toContainText('Resolved');
  await awaView.confirmAmendment('Ben');
  for (const view of views) await expect(view.objection('Ben')).toContainText('Resolved');

  // Back to the objection round: no objection now; adopted with a review date.
  await awaView.button('Next step').click();
  await allAt(views, 'Objection round');
  for (const view of views) await view.recordPosition('No objection');
  await awaView.button('Next step').click();
  await allAt(views, 'Outcome');
  await awaView.recordAdoption('2027-06-01');
  for (const view of views) await expect(view.process).toContainText('Adopted');

  await awaView.button('Next step').click();
  await allAt(views, 'Closing round');
  await awaView.button('End meeting').click();
  for (const view of views) {
    await expect(view.process.getByRole('heading', { name: 'Meeting summary' })).toBeVisible();
  }

  // The decision log shows it, after a reload and after a server restart too.
  const checkLog = async (someone: Person): Promise<void> => {
    const decision = someone.page.getByRole('article').filter({
      has: someone.page.getByRole('heading', { name: 'Four-day week' }),
    });
    await expect(decision).toContainText('Adopted');
    await expect(decision).toContainText('A Friday support rota, one person per week.');
    await expect(decision).toContainText('Clients call us on Fridays');
  };
  await dan.page.goto(spaceUrl);
  await dan.page.getByRole('link', { name: 'Decision log' }).click();
  await expect(dan.page.getByRole('heading', { level: 1, name: 'Decision log' })).toBeVisible();
  await checkLog(dan);
  await dan.page.reload();
  await checkLog(dan);
  await server.restart('SIGTERM');
  await expect(dan.status).toHaveText('Synced', { timeout: 30_000 });
  const eve = await person('Eve');
  await eve.open(shareLink);
  await eve.open(dan.page.url());
  await checkLog(eve);
});
