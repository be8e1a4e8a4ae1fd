import type { DecisionEntry } from '../decisions/decisionEntry.ts';
import { LEDGER_KINDS, type LedgerInput, type LedgerLine } from './ledger.ts';

/**
 * Every contribution the space's records credit, one line each (SPEC
 * LEDGER-1…6), a pure function of plain data, so every replica holding the
 * same documents derives the same ledger:
 * - `text-written`: characters a member wrote in a proposal (server rows);
 * - `text-adopted`: their surviving share of an adopted text (the entry's
 *   attested `authors`);
 * - `tension-raised`: a tension they logged, with what it became (its
 *   proposal, that proposal's latest decision and the records it changed);
 * - `objection-integrated`: an objection of theirs integrated by amending;
 * - `meeting-attended`: an ended meeting they took part in, time spoken;
 * - `role-filled`: a role they hold or held, and for how long.
 * Sorted newest first, then by kind (LEDGER_KINDS order), person and source id.
 *
 * @example
 * deriveLedger(ledgerInputOf(spaceDoc, written, Date.now())).filter((l) => l.person === me);
 */
export function deriveLedger(input: LedgerInput): LedgerLine[] {
  const lines: LedgerLine[] = [];
  const decisionOf = latestDecisions(input.decisions);
  const title = (proposalId: string) => input.proposalTitles[proposalId] ?? '';

  for (const row of input.written) {
    if (row.inserted <= 0 && row.deleted <= 0) continue;
    lines.push({
      person: row.member,
      kind: 'text-written',
      at: 0,
      source: { type: 'proposal', id: row.proposalId, title: title(row.proposalId) },
      amount: row.inserted,
      detail: { inserted: row.inserted, deleted: row.deleted },
    });
  }

  for (const entry of input.decisions) {
    const source = { type: 'decision' as const, id: entry.id, title: entry.title };
    if (entry.outcome === 'adopted') {
      const total = (entry.authors ?? []).reduce((sum, a) => sum + a.chars, 0);
      for (const author of entry.authors ?? []) {
        if (author.id === '' || author.id.startsWith('@') || author.chars === 0) continue;
        lines.push({
          person: author.id,
          kind: 'text-adopted',
          at: entry.decidedAt,
          source,
          amount: author.chars,
          detail: { total, proposalId: entry.proposalId },
        });
      }
    }
    const integrated = new Set(
      entry.objections.filter((o) => INTEGRATED.has(o.resolution)).map((o) => o.objector),
    );
    for (const objector of integrated) {
      lines.push({
        person: objector,
        kind: 'objection-integrated',
        at: entry.decidedAt,
        source,
        amount: 1,
        detail: { outcome: entry.outcome, proposalId: entry.proposalId },
      });
    }
  }

  for (const tension of input.tensions) {
    const decision = tension.proposalId === null ? null : decisionOf.get(tension.proposalId);
    lines.push({
      person: tension.by,
      kind: 'tension-raised',
      at: tension.createdAt,
      source: { type: 'tension', id: tension.id, title: tension.what },
      amount: 1,
      detail: {
        name: tension.byName,
        status: tension.status,
        proposalId: tension.proposalId,
        proposalTitle: tension.proposalId === null ? null : title(tension.proposalId),
        decisionId: decision?.id ?? null,
        outcome: decision?.outcome ?? null,
        recordsChanged: decision ? (input.recordsChanged[decision.id] ?? 0) : 0,
      },
    });
  }

  for (const meeting of input.participation) {
    for (const person of meeting.people) {
      lines.push({
        person: person.id,
        kind: 'meeting-attended',
        at: meeting.endedAt,
        source: { type: 'meeting', id: meeting.meetingId, title: meeting.title },
        amount: person.spokenMs,
        detail: {
          name: person.name,
          turnsSpoken: person.turnsSpoken,
          turnsPassed: person.turnsPassed,
          presentMs: person.presentMs ?? null,
        },
      });
    }
  }

  for (const term of input.roles) {
    const end = term.until === null ? input.now : Math.min(term.until, input.now);
    lines.push({
      person: term.personId,
      kind: 'role-filled',
      at: term.from,
      source: { type: 'role', id: term.roleId, title: term.roleName },
      amount: Math.max(0, end - term.from),
      detail: { assignmentId: term.assignmentId, until: term.until, endedBy: term.endedBy },
    });
  }

  return lines.sort(compareLines);
}

/** Per proposal, its decision with the latest time (ties: the greater id). */
function latestDecisions(decisions: readonly DecisionEntry[]): Map<string, DecisionEntry> {
  const latest = new Map<string, DecisionEntry>();
  for (const entry of decisions) {
    if (entry.proposalId === null) continue;
    const seen = latest.get(entry.proposalId);
    if (
      !seen ||
      entry.decidedAt > seen.decidedAt ||
      (entry.decidedAt === seen.decidedAt && entry.id > seen.id)
    ) {
      latest.set(entry.proposalId, entry);
    }
  }
  return latest;
}

function compareLines(a: LedgerLine, b: LedgerLine): number {
  return (
    b.at - a.at ||
    LEDGER_KINDS.indexOf(a.kind) - LEDGER_KINDS.indexOf(b.kind) ||
    codeUnitOrder(a.person, b.person) ||
    codeUnitOrder(a.source.id, b.source.id)
  );
}

/** Resolutions of an objection an amendment integrated (linked, and perhaps confirmed). */
const INTEGRATED = new Set(['integrated', 'confirmed']);

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
