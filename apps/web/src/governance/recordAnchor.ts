import { RECORD_KINDS, type RecordRef } from '@ronde/domain';
import type { GovernanceView } from './useGovernance.ts';

/**
 * The stable anchor of a record on the governance page, from its kind and
 * id: `role-<id>`, `circle-<id>`, `policy-<id>`, `assignment-<id>`.
 *
 * @example
 * recordAnchor({ kind: 'role', id: 'r1' }); // 'role-r1'
 */
export function recordAnchor(ref: RecordRef): string {
  return `${ref.kind}-${ref.id}`;
}

/**
 * The governance page's link to a record, scrolled to and focused on arrival.
 *
 * @example
 * recordHref('s1', { kind: 'policy', id: 'p1' }); // '/s/s1/governance#policy-p1'
 */
export function recordHref(spaceId: string, ref: RecordRef): string {
  return `/s/${spaceId}/governance#${encodeURIComponent(recordAnchor(ref))}`;
}

/**
 * The record a location hash names (`#role-r1`), or null for any other hash.
 *
 * @example
 * recordOfHash('#policy-p1'); // { kind: 'policy', id: 'p1' }
 */
export function recordOfHash(hash: string): RecordRef | null {
  let anchor: string;
  try {
    anchor = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return null;
  }
  const dash = anchor.indexOf('-');
  const kind = RECORD_KINDS.find((k) => k === anchor.slice(0, dash));
  const id = anchor.slice(dash + 1);
  return dash > 0 && kind !== undefined && id !== '' ? { kind, id } : null;
}

/** Whether the records hold `ref` now (a removed record has no place to link to). */
export function holdsRecord(view: GovernanceView, ref: RecordRef): boolean {
  const has = (list: readonly { id: string }[]) => list.some((r) => r.id === ref.id);
  switch (ref.kind) {
    case 'circle':
      return has(view.circles);
    case 'role':
      return has(Object.values(view.roles).flat());
    case 'policy':
      return has(Object.values(view.policies).flat());
    case 'assignment':
      return has(Object.values(view.assignments).flat());
  }
}
