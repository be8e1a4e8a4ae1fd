import { describe, expect, it } from 'vitest';
import type { GovernanceUnit } from '../governance/governanceLog.ts';
import type { AssignmentRecord } from '../governance/model.ts';
import { circleMembersAt, circleRosterFrom, isCircleMember } from './circleRoster.ts';
import { checkTimeEvent, entriesToReview, foldTimeLog } from './foldTimeLog.ts';
import { confirm, declare, dispute } from './testEvents.ts';

const ANA = 'anaUser1';
const BEN = 'benUser1';
const CHLOE = 'chloeUs1';
const DAVID = 'davidUs1';
const T0 = Date.UTC(2026, 2, 1);
const HOUR = 3_600_000;

const assignment = (id: string, roleId: string, personId: string): AssignmentRecord => ({
  id,
  roleId,
  personId,
  focus: '',
  termEnd: null,
  createdAt: T0,
  createdBy: '',
  version: '',
  versions: {},
});

// anchor01 ⊃ circle02 ⊃ circle03; Ana fills a role of circle03, Ben the
// elected representative role of circle02 from a decision at T0 until one
// unassigns him at T0 + 10 h; Chloe fills no role; David fills a role of
// the anchor only.
const assignBen: GovernanceUnit = {
  schema: 1,
  decisionId: 'dec00000',
  proposalId: null,
  at: T0,
  status: 'applied',
  changes: [
    {
      change: {
        id: 'ch000000',
        by: CHLOE,
        at: T0,
        type: 'person.assign',
        assignmentId: 'asgBen01',
        roleId: 'roleRep1',
        personId: BEN,
        focus: '',
        termEnd: null,
      },
      record: { kind: 'assignment', id: 'asgBen01' },
      fields: [],
    },
  ],
  conflicts: [],
};
const unassignBen: GovernanceUnit = {
  schema: 1,
  decisionId: 'dec00001',
  proposalId: null,
  at: T0 + 10 * HOUR,
  status: 'applied',
  changes: [
    {
      change: {
        id: 'ch000001',
        by: CHLOE,
        at: T0,
        type: 'person.unassign',
        assignmentId: 'asgBen01',
        version: '',
      },
      record: { kind: 'assignment', id: 'asgBen01' },
      fields: [],
    },
  ],
  conflicts: [],
};
const roster = circleRosterFrom({
  anchorId: 'anchor01',
  units: [assignBen, unassignBen],
  circles: [
    { id: 'anchor01', parentId: null },
    { id: 'circle02', parentId: 'anchor01' },
    { id: 'circle03', parentId: 'circle02' },
  ],
  roles: [
    { id: 'roleAna1', circleId: 'circle03' },
    { id: 'roleRep1', circleId: 'circle02' },
    { id: 'roleDav1', circleId: 'anchor01' },
  ],
  assignments: [assignment('asgAna01', 'roleAna1', ANA), assignment('asgDav01', 'roleDav1', DAVID)],
});

describe('circle membership (TIME-12)', () => {
  it('TIME-12 the anchor circle is everyone; a sub-circle is who fills a role in it or below it', () => {
    const at = T0 + HOUR;
    expect(isCircleMember(roster, CHLOE, 'anchor01', at)).toBe(true);
    expect(circleMembersAt(roster, 'anchor01', at)).toBe('everyone');
    expect(circleMembersAt(roster, 'circle02', at)).toEqual([ANA, BEN]);
    expect(circleMembersAt(roster, 'circle03', at)).toEqual([ANA]);
    expect(isCircleMember(roster, DAVID, 'circle02', at)).toBe(false);
    expect(isCircleMember(roster, ANA, 'nosuch01', at)).toBe(false);
  });

  it('TIME-12 membership is judged at the moment: before a role was filled and after its end, no', () => {
    expect(isCircleMember(roster, BEN, 'circle02', T0 - 1)).toBe(false);
    expect(isCircleMember(roster, BEN, 'circle02', T0 + 10 * HOUR - 1)).toBe(true);
    expect(isCircleMember(roster, BEN, 'circle02', T0 + 10 * HOUR)).toBe(false);
  });

  it('TIME-12 the fold refuses a confirmation or a dispute from outside the entry’s circle', () => {
    const log = [
      declare('e1000001', ANA, { circleId: 'circle02' }, T0 + HOUR),
      confirm('c1000001', CHLOE, 'e1000001', T0 + 2 * HOUR),
      dispute('d1000001', DAVID, 'e1000001', 'no', T0 + 2 * HOUR),
      confirm('c1000002', BEN, 'e1000001', T0 + 3 * HOUR),
    ];
    const state = foldTimeLog(log, roster);
    expect(state.refused).toEqual([
      { index: 1, reason: 'not-circle-member' },
      { index: 2, reason: 'not-circle-member' },
    ]);
    expect(state.entries[0]).toMatchObject({ status: 'confirmed', confirmedBy: { id: BEN } });
  });

  it('TIME-12 a confirmation made while in the circle stays valid after leaving it', () => {
    const log = [
      declare('e1000001', ANA, { circleId: 'circle02' }, T0 + HOUR),
      confirm('c1000001', BEN, 'e1000001', T0 + 2 * HOUR),
      declare('e1000002', ANA, { circleId: 'circle02' }, T0 + 11 * HOUR),
    ];
    const state = foldTimeLog(log, roster);
    expect(state.entries[0]!.status).toBe('confirmed');
    expect(
      checkTimeEvent(state, confirm('c1000002', BEN, 'e1000002', T0 + 12 * HOUR), roster),
    ).toBe('not-circle-member');
    expect(entriesToReview(state.entries, BEN, roster, T0 + 12 * HOUR)).toEqual([]);
    expect(entriesToReview(state.entries, CHLOE, roster, T0 + 12 * HOUR)).toEqual([]);
  });

  it('TIME-12 the roster follows circles and roles from the history when the records are gone', () => {
    const history: GovernanceUnit = {
      ...unassignBen,
      decisionId: 'decHist1',
      at: T0 - HOUR,
      changes: [
        {
          change: {
            id: 'ch000000',
            by: ANA,
            at: T0,
            type: 'circle.add',
            circleId: 'gone0001',
            parentId: 'anchor01',
            name: 'Gone',
            purpose: '',
          },
          record: { kind: 'circle', id: 'gone0001' },
          fields: [],
        },
        {
          change: {
            id: 'ch000002',
            by: ANA,
            at: T0,
            type: 'role.add',
            roleId: 'roleGon1',
            circleId: 'gone0001',
            name: 'Gone role',
            purpose: '',
            elected: false,
          },
          record: { kind: 'role', id: 'roleGon1' },
          fields: [],
        },
      ],
    };
    const later = circleRosterFrom({
      anchorId: 'anchor01',
      units: [history],
      circles: [{ id: 'anchor01', parentId: null }],
      roles: [],
      assignments: [assignment('asgChl01', 'roleGon1', CHLOE)],
    });
    expect(isCircleMember(later, CHLOE, 'gone0001', T0 + HOUR)).toBe(true);
    expect(isCircleMember(later, ANA, 'gone0001', T0 + HOUR)).toBe(false);
  });
});
