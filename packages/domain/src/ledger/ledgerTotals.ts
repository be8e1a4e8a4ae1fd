import type { LedgerLine } from './ledger.ts';

/** One person's contributions summed (SPEC LEDGER-5). */
export interface LedgerTotals {
  readonly person: string;
  readonly charsWritten: number;
  readonly charsAdopted: number;
  readonly tensionsRaised: number;
  readonly objectionsIntegrated: number;
  readonly meetingsAttended: number;
  readonly spokenMs: number;
  readonly rolesFilled: number;
  readonly roleMs: number;
}

/**
 * Each person's totals over the ledger's lines, people in code-unit order.
 *
 * @example
 * ledgerTotals(deriveLedger(input)).find((t) => t.person === me)?.charsAdopted;
 */
export function ledgerTotals(lines: readonly LedgerLine[]): LedgerTotals[] {
  const totals = new Map<string, { -readonly [K in keyof LedgerTotals]: LedgerTotals[K] }>();
  for (const line of lines) {
    let t = totals.get(line.person);
    if (!t) {
      t = {
        person: line.person,
        charsWritten: 0,
        charsAdopted: 0,
        tensionsRaised: 0,
        objectionsIntegrated: 0,
        meetingsAttended: 0,
        spokenMs: 0,
        rolesFilled: 0,
        roleMs: 0,
      };
      totals.set(line.person, t);
    }
    switch (line.kind) {
      case 'text-written':
        t.charsWritten += line.amount;
        break;
      case 'text-adopted':
        t.charsAdopted += line.amount;
        break;
      case 'tension-raised':
        t.tensionsRaised += 1;
        break;
      case 'objection-integrated':
        t.objectionsIntegrated += 1;
        break;
      case 'meeting-attended':
        t.meetingsAttended += 1;
        t.spokenMs += line.amount;
        break;
      case 'role-filled':
        t.rolesFilled += 1;
        t.roleMs += line.amount;
        break;
    }
  }
  return [...totals.values()].sort((a, b) =>
    a.person < b.person ? -1 : a.person > b.person ? 1 : 0,
  );
}
