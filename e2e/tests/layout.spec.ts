import { MeetingView } from '../fixtures/meeting.ts';
import { expect, test } from '../fixtures/test.ts';

const PHONE = { width: 390, height: 844 };

/** Whether an input shows its whole value, none of it scrolled out of sight. */
function showsWholeValue(input: HTMLInputElement): boolean {
  return input.scrollWidth <= input.clientWidth;
}

test('at phone width an agenda item shows its whole title', async ({ server, person }) => {
  // Awa plans a meeting on her phone: the item's title takes its own line.
  const awa = await person('Awa', PHONE);
  await awa.open(server.url);
  await awa.createSpace('Coop du Val');
  const view = new MeetingView(awa);
  await view.createMeeting('Weekly');
  const title = 'Budget for the next quarter';
  await view.addInformationItem(title);
  const titleField = awa.page.getByRole('textbox', { name: `Title of “${title}”` });
  expect(await titleField.evaluate(showsWholeValue)).toBe(true);
});
