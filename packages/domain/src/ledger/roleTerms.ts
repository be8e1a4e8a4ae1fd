import type { GovernanceUnit } from '../governance/governanceLog.ts';
import type { AssignmentRecord } from '../governance/model.ts';
import type { RoleTerm } from './ledger.ts';

/** The end of a term's last day (UTC), or `null` for no end or an unreadable date. */
export function termEndTime(termEnd: string | null): number | null {
  if (termEnd === null) return null;
  const end = Date.parse(`${termEnd}T23:59:59.999Z`);
  return Number.isFinite(end) ? end : null;
}

interface Open {
  readonly assignmentId: string;
  readonly roleId: string;
  readonly personId: string;
  from: number;
  end: number | null;
}

/**
 * Every span during which someone filled a role (SPEC LEDGER-7), from the
 * space's governance history: an assignment starts at the decision that
 * made it and ends at the first of the decision that removed it (an
 * unassignment, or an election replacing its holder) and the end of its
 * term's last day as the term stood then. A term amended after it had
 * already ended starts a new span at the amendment. Units are read oldest
 * first (decision time, then id), changes in the order they were applied;
 * only applied units count. A current assignment no unit created (written
 * before the history was kept) spans from its `createdAt` to its term end.
 * Role names: the record's name now, else the last name the history gave.
 *
 * @example
 * roleTerms(units, [], { role1: 'Secretary' }); // [{ personId: 'ana', from, until, … }]
 */
export function roleTerms(
  units: readonly GovernanceUnit[],
  current: readonly AssignmentRecord[],
  roleNames: Readonly<Record<string, string>>,
): RoleTerm[] {
  const applied = units
    .filter((u) => u.status === 'applied')
    .sort((a, b) => a.at - b.at || codeUnitOrder(a.decisionId, b.decisionId));
  const open = new Map<string, Open>();
  const seen = new Set<string>();
  const names = new Map<string, string>();
  const terms: RoleTerm[] = [];
  const close = (span: Open, at: number, endedBy: string | null) => {
    const ended = span.end !== null && span.end < at;
    terms.push({
      assignmentId: span.assignmentId,
      roleId: span.roleId,
      roleName: '',
      personId: span.personId,
      from: span.from,
      until: ended ? span.end : at,
      endedBy: ended ? null : endedBy,
    });
  };
  for (const unit of applied) {
    for (const { change, record, fields } of unit.changes) {
      if (record.kind === 'role') {
        const name = fields.find((f) => f.field === 'name');
        if (typeof name?.after === 'string') names.set(record.id, name.after);
        else if (typeof name?.before === 'string') names.set(record.id, name.before);
        continue;
      }
      if (record.kind !== 'assignment') continue;
      const span = open.get(record.id);
      if (change.type === 'person.assign' && span === undefined) {
        seen.add(record.id);
        open.set(record.id, {
          assignmentId: record.id,
          roleId: change.roleId,
          personId: change.personId,
          from: unit.at,
          end: termEndTime(change.termEnd),
        });
      } else if (change.type === 'person.unassign' && span !== undefined) {
        close(span, unit.at, unit.decisionId);
        open.delete(record.id);
      } else if (
        change.type === 'record.amend' &&
        change.field === 'termEnd' &&
        span !== undefined
      ) {
        const end = termEndTime(typeof change.after === 'string' ? change.after : null);
        if (span.end !== null && span.end < unit.at) {
          close(span, unit.at, null);
          span.from = unit.at;
        }
        span.end = end;
      }
    }
  }
  for (const span of open.values()) {
    const { assignmentId, roleId, personId, from, end } = span;
    terms.push({ assignmentId, roleId, roleName: '', personId, from, until: end, endedBy: null });
  }
  for (const assignment of current) {
    if (seen.has(assignment.id)) continue;
    terms.push({
      assignmentId: assignment.id,
      roleId: assignment.roleId,
      roleName: '',
      personId: assignment.personId,
      from: assignment.createdAt,
      until: termEndTime(assignment.termEnd),
      endedBy: null,
    });
  }
  return terms
    .map((term) => ({
      ...term,
      roleName: roleNames[term.roleId] ?? names.get(term.roleId) ?? '',
    }))
    .sort((a, b) => a.from - b.from || codeUnitOrder(a.assignmentId, b.assignmentId));
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
