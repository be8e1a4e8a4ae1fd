import { isReviewDate, spaceRoom, type ElectionTarget } from '@ronde/domain';
import type { MessageKey } from '../i18n/en.ts';
import { useGovernance } from '../governance/useGovernance.ts';
import { useT } from '../i18n/useT.ts';
import { useRoom } from '../sync/useRoom.ts';

/** An elected role the agenda form offers, with a label naming its circle. */
export interface ElectedRoleChoice {
  readonly roleId: string;
  readonly circleId: string;
  readonly name: string;
  readonly circleName: string;
}

/** What the agenda form holds of an election before it is added. */
export interface ElectionDraft {
  readonly role: ElectedRoleChoice | null;
  readonly termEnd: string;
}

/**
 * The first problem of an election draft, or null (domain SPEC ELECT-1):
 * a role, and a term end that is a real date after `today`.
 *
 * @example
 * electionDraftProblem({ role: null, termEnd: '' }, '2030-01-01'); // 'election.roleRequired'
 */
export function electionDraftProblem(draft: ElectionDraft, today: string): MessageKey | null {
  if (draft.role === null) return 'election.roleRequired';
  if (!isReviewDate(draft.termEnd) || draft.termEnd <= today) return 'election.termRequired';
  return null;
}

/** The target an election draft names (call once `electionDraftProblem` is null). */
export function electionTarget(draft: ElectionDraft): ElectionTarget {
  return { circleId: draft.role!.circleId, roleId: draft.role!.roleId, termEnd: draft.termEnd };
}

/**
 * The agenda form's fields for an election: an elected role of the space's
 * governance records, and the term's last day.
 */
export function ElectionItemFields({
  id,
  spaceId,
  draft,
  problem,
  errorId,
  onChange,
}: {
  id: string;
  spaceId: string;
  draft: ElectionDraft;
  problem: MessageKey | null;
  errorId: string;
  onChange: (draft: ElectionDraft) => void;
}) {
  const t = useT();
  const space = useRoom(spaceRoom(spaceId));
  const view = useGovernance(space.doc);
  const circleName = new Map(view.circles.map((c) => [c.id, c.name]));
  const choices: ElectedRoleChoice[] = Object.values(view.roles)
    .flat()
    .filter((role) => role.elected)
    .map((role) => ({
      roleId: role.id,
      circleId: role.circleId,
      name: role.name,
      circleName: circleName.get(role.circleId) ?? '',
    }));
  const roleProblem = problem === 'election.roleRequired';
  const termProblem = problem === 'election.termRequired';
  return (
    <div className="form-row">
      <div className="field">
        <label htmlFor={`${id}-role`}>{t('election.role')}</label>
        <select
          id={`${id}-role`}
          value={draft.role?.roleId ?? ''}
          aria-invalid={roleProblem}
          aria-describedby={
            choices.length === 0 ? `${id}-no-roles` : roleProblem ? errorId : undefined
          }
          onChange={(e) =>
            onChange({ ...draft, role: choices.find((c) => c.roleId === e.target.value) ?? null })
          }
        >
          <option value="">—</option>
          {choices.map((c) => (
            <option key={c.roleId} value={c.roleId}>
              {c.circleName
                ? t('election.roleInCircle', { role: c.name, circle: c.circleName })
                : c.name}
            </option>
          ))}
        </select>
        {choices.length === 0 && (
          <p id={`${id}-no-roles`} className="hint">
            {t('election.noElectedRoles')}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-term`}>{t('election.termEnd')}</label>
        <input
          id={`${id}-term`}
          type="date"
          value={draft.termEnd}
          aria-invalid={termProblem}
          aria-describedby={termProblem ? errorId : undefined}
          onChange={(e) => onChange({ ...draft, termEnd: e.target.value })}
        />
      </div>
    </div>
  );
}
