import {
  applyChanges,
  initSpace,
  parseDecisionEntry,
  recordDecision,
  type GovernanceChange,
} from '@ronde/domain';
import * as Y from 'yjs';

/** Ids of the records {@link spaceWithRecords} writes. */
export const IDS = {
  space: 'space001',
  policy: 'policy01',
  role: 'role0001',
  assignment: 'assign01',
  seed: 'decseed1',
} as const;

/**
 * A space document whose anchor circle "General" holds a policy "Budget"
 * and a role "Host" filled by Ana, all written by the decision `decseed1`
 * ("Budget rules", 2 March 2026), as the server would.
 */
export function spaceWithRecords(): { doc: Y.Doc; circleId: string } {
  const doc = new Y.Doc();
  const { defaultCircleId: circleId } = initSpace(doc, {
    id: IDS.space,
    name: 'Coop',
    circleName: 'General',
    now: 1,
  });
  const at = Date.UTC(2026, 2, 2);
  const base = { by: 'anauser1', at: 1 };
  const changes: GovernanceChange[] = [
    {
      type: 'policy.add',
      id: 'chg00001',
      ...base,
      policyId: IDS.policy,
      circleId,
      title: 'Budget',
      text: 'Spend up to 100',
    },
    {
      type: 'role.add',
      id: 'chg00002',
      ...base,
      roleId: IDS.role,
      circleId,
      name: 'Host',
      purpose: 'Guests feel welcome',
      elected: false,
    },
    {
      type: 'person.assign',
      id: 'chg00003',
      ...base,
      assignmentId: IDS.assignment,
      roleId: IDS.role,
      personId: 'anauser1',
      focus: 'Evenings',
      termEnd: '2027-01-31',
    },
  ];
  applyChanges(doc, changes, { decisionId: IDS.seed, proposalId: 'prop0001', at });
  recordDecision(
    doc,
    parseDecisionEntry({
      id: IDS.seed,
      title: 'Budget rules',
      outcome: 'adopted',
      decidedAt: at,
      names: { anauser1: 'Ana' },
    })!,
  );
  return { doc, circleId };
}
