import { describe, expect, it } from 'vitest';
import { putRecord, seededSpace } from '../../test/governanceFixtures.ts';
import { applyChanges } from '../governance/applyChanges.ts';
import type { AssignChange } from '../governance/changes.ts';
import { readGovernanceUnit } from '../governance/governanceLog.ts';
import { assignmentsOf } from '../governance/readRecords.ts';
import { electedRoleConflicts } from './electedRole.ts';

/** The seeded space (an ordinary role `role01` in `circle1`) with an elected role `facil1` beside it. */
function records() {
  const doc = seededSpace();
  putRecord(doc, 'role', 'facil1', {
    createdAt: 1,
    createdBy: 'd0',
    v: 'd0',
    circleId: 'circle1',
    name: 'Facilitator',
    purpose: 'Meetings run well',
    elected: true,
  });
  return doc;
}

describe('the role an election fills', () => {
  it('ELECT-10 only an elected role of the named circle: an ordinary role or another circle is not-elected; a role gone is left to the plan', () => {
    const doc = records();
    expect(electedRoleConflicts(doc, { circleId: 'circle1', roleId: 'facil1' }, 'fill')).toEqual(
      [],
    );
    expect(electedRoleConflicts(doc, { circleId: 'circle1', roleId: 'role01' }, 'fill')).toEqual([
      expect.objectContaining({
        changeId: 'fill',
        reason: 'not-elected',
        record: { kind: 'role', id: 'role01' },
      }),
    ]);
    expect(
      electedRoleConflicts(doc, { circleId: 'anchor1', roleId: 'facil1' }, 'fill')[0]?.reason,
    ).toBe('not-elected');
    expect(electedRoleConflicts(doc, { circleId: 'circle1', roleId: 'gone01' }, 'fill')).toEqual(
      [],
    );
  });

  it('ELECT-10 a conflict found beforehand makes the whole unit a conflict: nothing is written, the log says why', () => {
    const doc = records();
    const fill: AssignChange = {
      id: 'fill01',
      by: 'server',
      at: 2,
      type: 'person.assign',
      assignmentId: 'asg002',
      roleId: 'role01',
      personId: 'user-ben',
      focus: '',
      termEnd: '2031-06-30',
    };
    const found = electedRoleConflicts(doc, { circleId: 'circle1', roleId: 'role01' }, fill.id);
    const provenance = { decisionId: 'dec002', proposalId: null, at: 2 };
    expect(applyChanges(doc, [fill], provenance, found).type).toBe('conflict');
    expect(assignmentsOf(doc, 'role01').map((a) => a.id)).toEqual(['asg001']);
    expect(readGovernanceUnit(doc, 'dec002')?.conflicts.map((c) => c.reason)).toEqual([
      'not-elected',
    ]);
    // Without it the same change applies: the conflict is the only thing that stopped it.
    const again = { ...provenance, decisionId: 'dec003' };
    expect(applyChanges(doc, [fill], again).type).toBe('applied');
  });
});
