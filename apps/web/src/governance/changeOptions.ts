import type { GovernanceChange, ListName, RecordKind } from '@ronde/domain';
import { personName, recordName, type Naming } from './changeText.ts';

/** One choice of a select: its value (`kind:id` for a record) and its words. */
export interface Option {
  readonly value: string;
  readonly label: string;
}

/** `kind:id`, how a select names a record. */
export const refValue = (kind: RecordKind, id: string): string => `${kind}:${id}`;

/** The record a `kind:id` value names, or `null`. */
export function parseRef(value: string): { kind: RecordKind; id: string } | null {
  const [kind, id] = value.split(':');
  if (!id || (kind !== 'circle' && kind !== 'role' && kind !== 'policy' && kind !== 'assignment'))
    return null;
  return { kind, id };
}

function added(naming: Naming, type: GovernanceChange['type']): Option[] {
  return naming.changes.flatMap((c): Option[] => {
    if (c.type !== type) return [];
    const id = c.type === 'circle.add' ? c.circleId : c.type === 'role.add' ? c.roleId : '';
    const name = c.type === 'circle.add' || c.type === 'role.add' ? c.name : '';
    return [{ value: id, label: naming.t('gov.form.new', { name }) }];
  });
}

/** Circles (by id): those of the space, then those the proposal adds. */
export function circleOptions(naming: Naming, withNew: boolean): Option[] {
  const existing = naming.view.circles.map((c) => ({ value: c.id, label: c.name }));
  return withNew ? [...existing, ...added(naming, 'circle.add')] : existing;
}

/** Roles (by id): those of the space, then those the proposal adds. */
export function roleOptions(naming: Naming, withNew: boolean): Option[] {
  const existing = Object.values(naming.view.roles)
    .flat()
    .map((r) => ({ value: r.id, label: r.name }));
  return withNew ? [...existing, ...added(naming, 'role.add')] : existing;
}

/** Existing records of some kinds, as `kind:id`, grouped by kind in that order. */
export function recordOptions(naming: Naming, kinds: readonly RecordKind[]): Option[] {
  const { view } = naming;
  const ids: Record<RecordKind, string[]> = {
    circle: view.circles.map((c) => c.id),
    role: Object.values(view.roles)
      .flat()
      .map((r) => r.id),
    policy: Object.values(view.policies)
      .flat()
      .map((p) => p.id),
    assignment: Object.values(view.assignments)
      .flat()
      .map((a) => a.id),
  };
  return kinds.flatMap((kind) =>
    ids[kind].map((id) => ({
      value: refValue(kind, id),
      label: naming.t(`gov.kindOf.${kind}`, { name: recordName(naming, { kind, id }) }),
    })),
  );
}

/** The domains or accountabilities a circle or role has now. */
export function entryOptions(naming: Naming, owner: string, list: ListName): Option[] {
  const ref = parseRef(owner);
  if (ref === null) return [];
  const { view } = naming;
  const record =
    ref.kind === 'circle'
      ? view.circles.find((c) => c.id === ref.id)
      : Object.values(view.roles)
          .flat()
          .find((r) => r.id === ref.id);
  return (record?.[list] ?? []).map((e) => ({ value: e.id, label: e.text }));
}

/** The people who can be assigned: those the space knows by name, and me. */
export function peopleOptions(naming: Naming, me: { id: string; name: string }): Option[] {
  const ids = new Set([me.id, ...Object.keys(naming.people)]);
  return [...ids]
    .map((id) => ({ value: id, label: id === me.id ? me.name : personName(naming, id) }))
    .sort((a, b) => a.label.localeCompare(b.label, naming.language));
}
