import { agendaItem, harness, PEOPLE, type Harness } from './meetingHarness.ts';
import { nextStep, startMeeting } from '../src/process/commands.ts';
import type { FoldContext, MeetingState } from '../src/process/state.ts';
import {
  proposeCandidate,
  revealNomination,
  sealNomination,
  type NominationInput,
} from '../src/election/electionCommands.ts';
import type { NominationRevealEvent } from '../src/election/electionEvents.ts';

/** Fixtures of the election tests: a meeting whose only item elects a facilitator. */

export const TARGET = { circleId: 'circle1', roleId: 'role1', termEnd: '2031-06-30' } as const;

export const ELECTION_CONTEXT: FoldContext = {
  agenda: [agendaItem('elect1', 'election', { order: 1, ownerId: 'fac1', election: TARGET })],
  people: PEOPLE,
};

/** A fixed salt per person: tests must be repeatable. */
export const saltOf = (by: string): string => `salt-of-${by}-0123456789`;

export interface ElectionHarness extends Harness {
  /** Seals a nomination for `by`, keeping its secret for `reveal`. */
  seal(by: string, input: NominationInput): ReturnType<Harness['push']>;
  /** Opens `by`'s latest kept secret. */
  reveal(by: string): ReturnType<Harness['push']>;
  /** Moves `count` steps on. */
  next(count?: number): void;
}

/** The election item entered at its first step (present). */
export function electionHarness(context: FoldContext = ELECTION_CONTEXT): ElectionHarness {
  const h = harness(context);
  const secrets = new Map<string, { sealId: string; secret: NominationInput & { salt: string } }>();
  let clock = 2_000_000;
  h.act(startMeeting, 'fac1');
  h.act(nextStep, 'fac1'); // check-in → the election item
  return {
    ...h,
    seal(by, input) {
      const { event, secret } = sealNomination(h.state(), by, (clock += 1000), input, saltOf(by));
      secrets.set(by, { sealId: event.id, secret });
      return h.push(event);
    },
    reveal(by) {
      const kept = secrets.get(by);
      if (kept === undefined) throw new Error(`${by} sealed nothing`);
      const itemId = h.state().currentItemId ?? '';
      const event: NominationRevealEvent = revealNomination(
        itemId,
        by,
        (clock += 1000),
        kept.sealId,
        kept.secret,
      );
      return h.push(event);
    },
    next(count = 1) {
      for (let i = 0; i < count; i++) h.act(nextStep, 'fac1');
    },
  };
}

/** Proposes `nominee` for the agenda's term (or `termEnd`). */
export function propose(
  h: Harness,
  nominee: string,
  termEnd: string = TARGET.termEnd,
  by = 'fac1',
): ReturnType<Harness['push']> {
  return h.act(
    (state: MeetingState, author, at) =>
      proposeCandidate(state, author, at, { nominee, focus: 'Weekly meetings', termEnd }),
    by,
  );
}
