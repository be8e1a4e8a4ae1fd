import { MeetingView } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

const PHONE = { width: 390, height: 844 };

/** Whether a field shows its whole value, none of it scrolled out of sight. */
function showsWholeValue(field: HTMLInputElement | HTMLTextAreaElement): boolean {
  return field.scrollWidth <= field.clientWidth && field.scrollHeight <= field.clientHeight;
}

test('at phone width an agenda item shows its whole title; a member’s space links use the page’s width', async ({
  server,
  person,
}) => {
  // Awa plans a meeting on her phone: the item's title takes its own line.
  const awa = await person('Awa', PHONE);
  await awa.open(server.url);
  const shareLink = await awa.createSpace('Coop du Val');
  const view = new MeetingView(awa);
  await view.createMeeting('Weekly');
  const title = 'Budget for the next quarter';
  await view.addInformationItem(title);
  const titleField = awa.page.getByRole('textbox', { name: `Title of “${title}”` });
  // Polled: the layout settles after the item arrives, and a loaded machine may take a frame more.
  await expect.poll(() => titleField.evaluate(showsWholeValue)).toBe(true);

  // Ben, a member on a desktop, has no admin column: the space's links sit
  // on one line with space between them, not squeezed into half the page.
  const ben = await person('Ben');
  await ben.open(shareLink);
  const box = async (name: string) => {
    const found = await ben.page.getByRole('link', { name, exact: true }).boundingBox();
    if (found === null) throw new Error(`no link ${name}`);
    return found;
  };
  // Polled: the page lays out again once Ben's role is known.
  await expect
    .poll(async () => {
      const governance = await box('Governance');
      const tensions = await box('Tensions');
      const contributions = await box('Contributions');
      return {
        oneLine: contributions.y === governance.y,
        apart: tensions.x > governance.x + governance.width,
      };
    })
    .toEqual({ oneLine: true, apart: true });
});

test('at phone width a proposal shows its whole title; each asynchronous-consent position is a target a finger can tap', async ({
  server,
  person,
}) => {
  const awa = await person('Awa', PHONE);
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  await awa.createProposal(
    'Four-day week for the whole production team',
    'What is: people are exhausted on Fridays. What could be: rested people, the same work done.',
  );
  const title = awa.page.getByRole('textbox', { name: 'Title' });
  await expect.poll(() => title.evaluate(showsWholeValue)).toBe(true);
  const driver = awa.page.getByRole('textbox', { name: 'Driver' });
  await expect.poll(() => driver.evaluate(showsWholeValue)).toBe(true);
  await awa.typeAtEnd('Work four days a week.');
  const send = awa.page.getByRole('region', { name: 'Send to asynchronous consent' });
  await send.getByRole('button', { name: 'Send to asynchronous consent' }).click();
  await expect(awa.page.getByRole('heading', { level: 1 })).toContainText('Four-day week');

  const form = awa.page.getByRole('region', { name: 'My position' });
  for (const name of ['Consent', 'Concern', 'Objection', 'Stand aside']) {
    // The radio's label is its target: a whole line of a finger's height.
    const label = form.locator('label').filter({ has: awa.page.getByRole('radio', { name }) });
    await expect
      .poll(async () => (await label.boundingBox())?.height ?? 0, { message: name })
      .toBeGreaterThanOrEqual(44);
  }
});
