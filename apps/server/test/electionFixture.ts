import {
  addAgendaItem,
  applyChanges,
  changeNomination,
  gotoItem,
  newId,
  nextStep,
  proposeCandidate,
  recordOutcome,
  recordPosition,
  revealNomination,
  sealNomination,
  startMeeting,
  type MeetingEvent,
  type MeetingState,
} from '@ronde/domain';
import type { DocumentRegistry } from '../src/documents.ts';
import {
  ANA,
  BEN,
  FAC1,
  withDoc,
  type MeetingDriver,
  type SeededMeeting,
} from './meetingFixture.ts';

/** An election on the seeded meeting, driven to its outcome (server SPEC ELECTSRV). */

export const TERM_END = '2031-06-30';

export interface Election {
  readonly roleId: string;
  readonly itemId: string;
  /** ana held the role before the election. */
  readonly previousId: string;
}

/**
 * An elected role "Facilitator" that ana fills, and an election of it on the
 * agenda; `elected: false` makes it an ordinary role, as a hand-written item
 * could name (ELECTSRV-5).
 */
export async function seedElection(
  registry: Pick<DocumentRegistry, 'open'>,
  m: SeededMeeting,
  { elected = true }: { readonly elected?: boolean } = {},
): Promise<Election> {
  const roleId = newId();
  const previousId = newId();
  await withDoc(registry, m.spaceRoom, (space) =>
    space.write((doc) => {
      const base = { by: FAC1, at: 1 };
      applyChanges(
        doc,
        [
          {
            ...base,
            id: newId(),
            type: 'role.add',
            roleId,
            circleId: m.circleId,
            name: 'Facilitator',
            purpose: 'Meetings run well',
            elected,
          },
          {
            ...base,
            id: newId(),
            type: 'person.assign',
            assignmentId: previousId,
            roleId,
            personId: ANA,
            focus: '',
            termEnd: '2026-01-01',
          },
        ],
        { decisionId: 'decseed1', proposalId: null, at: 2 },
      );
    }),
  );
  const itemId = newId();
  await withDoc(registry, m.room, (meeting) =>
    meeting.write((doc) => {
      addAgendaItem(doc, {
        id: itemId,
        kind: 'election',
        title: 'Elect the facilitator',
        election: { circleId: m.circleId, roleId, termEnd: TERM_END },
        createdBy: FAC1,
        now: 2,
      });
    }),
  );
  return { roleId, itemId, previousId };
}

/** A sealed nomination through the driver (the secret stays in the test, as on a device). */
async function nominate(driver: MeetingDriver, by: string, nominee: string, reason: string) {
  const salt = `salt-${by}-0123456789abcdef`;
  let sealId = '';
  await driver.act((state: MeetingState, author, at) => {
    const { event } = sealNomination(state, author, at, { nominee, reason }, salt);
    sealId = event.id;
    return event;
  }, by);
  return { sealId, secret: { nominee, reason, salt } };
}

/** The meeting from its start to the outcome step of the election, ben proposed and consenting. */
export async function toElectionOutcome(driver: MeetingDriver, e: Election): Promise<void> {
  await driver.act(startMeeting, FAC1);
  await driver.act(nextStep, FAC1);
  await driver.act(gotoItem, FAC1, e.itemId);
  await driver.act(nextStep, FAC1); // → nominate
  const ana = await nominate(driver, ANA, BEN, 'Calm and fair');
  const ben = await nominate(driver, BEN, ANA, 'Knows the circle');
  await driver.act(nextStep, FAC1); // reveal
  for (const [by, sealed] of [
    [ANA, ana],
    [BEN, ben],
  ] as const) {
    await driver.act(
      (_s: MeetingState, author, at) =>
        revealNomination(e.itemId, author, at, sealed.sealId, sealed.secret),
      by,
    );
  }
  await driver.act(nextStep, FAC1); // → change
  await driver.act(changeNomination, BEN, { nominee: BEN, reason: 'Happy to serve' });
  await driver.act(nextStep, FAC1); // → propose
  await driver.act(proposeCandidate, FAC1, {
    nominee: BEN,
    focus: 'Governance',
    termEnd: TERM_END,
  });
  await driver.act(nextStep, FAC1); // → objections
  await driver.act(recordPosition, ANA, { value: 'consent' });
  await driver.act(recordPosition, BEN, { value: 'consent' });
  await driver.act(nextStep, FAC1);
  const state = await driver.state();
  if (state.step?.key !== 'outcome') throw new Error(`not at the outcome: ${state.step?.key}`);
}

export const elect = (driver: MeetingDriver): Promise<MeetingEvent> =>
  driver.act(recordOutcome, FAC1, 'adopted', TERM_END);
