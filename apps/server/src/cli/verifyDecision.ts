import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  canonicalJson,
  decisionRecord,
  eventSigningPayload,
  foldMeeting,
  parseEvent,
  parseRoomName,
  readSignature,
  type AgendaItem,
  type MeetingPerson,
} from '@ronde/domain';
import { isCollectionExport, verifyCollectionExport } from '../commonsExportVerify.ts';
import { electionDifferences } from './verifyElection.ts';

/** The export format this verifier reads (exportApi.ts, docs/trust-api.md). */
const FORMAT = 'ronde-decision/1';

/** The fields of an entry that must equal the record refolded from the signed events. */
const RECORD_FIELDS = [
  'itemId',
  'proposalId',
  'process',
  'outcome',
  'reviewDate',
  'decidedBy',
  'decidedAt',
  'startedAt',
  'proposerId',
  'participants',
  'facilitators',
  'positionRounds',
  'positions',
  'objections',
] as const;

export interface VerifyReport {
  readonly ok: boolean;
  /** What was checked and held, one line each. */
  readonly passed: string[];
  /** What did not hold, one line each; empty when `ok`. */
  readonly failures: string[];
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks a decision export offline (SPEC CONS-11), trusting nothing of the
 * server that made it: every event's Ed25519 signature over
 * `eventSigningPayload(room, kid, event)` by a listed key of its author, each
 * key's id against its public key, then the fold of the events (the outcome
 * last, and applied) and the decision record it gives for the entry's item
 * against the entry.
 *
 * @example
 * const report = verifyDecisionExport(JSON.parse(readFileSync('decision.json', 'utf8')));
 * if (!report.ok) console.error(report.failures.join('\n'));
 */
export function verifyDecisionExport(data: unknown): VerifyReport {
  const passed: string[] = [];
  const failures: string[] = [];
  const done = (): VerifyReport => ({ ok: failures.length === 0, passed, failures });

  if (!isRecord(data) || data.format !== FORMAT) {
    failures.push(`not a decision export: "format" must be "${FORMAT}"`);
    return done();
  }
  const { room, decision, events, keys } = data;
  const context = isRecord(data.context) ? data.context : {};
  if (typeof room !== 'string' || parseRoomName(room)?.kind !== 'meeting') {
    failures.push('"room" is not a meeting room (<spaceId>/meeting/<id>)');
  }
  if (!isRecord(decision) || typeof decision.id !== 'string') {
    failures.push('"decision" is not a decision entry with an id');
  }
  if (!Array.isArray(events) || !Array.isArray(keys)) {
    failures.push('"events" and "keys" must be arrays');
  }
  if (failures.length > 0) return done();
  const entry = decision as Json & { id: string };
  const log = events as unknown[];

  const publicKeys = readKeys(keys as unknown[], failures);
  passed.push(`${publicKeys.size} device key(s), each id matching its public key`);

  const authentic = log.map((raw, index) =>
    checkSignature(room as string, raw, index, publicKeys, failures),
  );
  const signed = authentic.filter(Boolean).length;
  if (signed === log.length) passed.push(`all ${log.length} event signatures verify`);

  const outcomeIndex = log.findIndex((raw) => isRecord(raw) && raw.id === entry.id);
  if (outcomeIndex < 0) {
    failures.push(`the outcome event ${entry.id} is not among the events`);
    return done();
  }
  if (outcomeIndex !== log.length - 1) {
    failures.push(`the outcome event ${entry.id} is not the last event of the export`);
  }
  const state = foldMeeting(log, {
    agenda: (Array.isArray(context.agenda) ? context.agenda : []) as AgendaItem[],
    people: (Array.isArray(context.people) ? context.people : []) as MeetingPerson[],
    isAuthentic: (_raw, _event, index) => authentic[index] === true,
  });
  const result = state.results[outcomeIndex];
  if (result?.status !== 'applied' || result.type !== 'outcome.record') {
    const why = result ? `${result.status}${result.reason ? ` (${result.reason})` : ''}` : '';
    failures.push(`the outcome event does not apply when the events are refolded: ${why}`);
    return done();
  }
  passed.push('the outcome event applies when the events are refolded');

  const record = decisionRecord(state, typeof entry.itemId === 'string' ? entry.itemId : '');
  if (record === null) {
    failures.push(`the refolded meeting has no item ${String(entry.itemId)}`);
    return done();
  }
  const derived: Json = {
    ...record,
    decidedAt: record.endedAt,
    objections: record.objections.map(({ anchor, ...objection }) => ({
      ...objection,
      quote: anchor?.quote ?? null,
    })),
  };
  const differing = RECORD_FIELDS.filter(
    (field) => canonical(entry[field]) !== canonical(derived[field]),
  );
  for (const field of differing) {
    failures.push(`the entry's ${field} differs from the record refolded from the signed events`);
  }
  if (differing.length === 0) {
    passed.push(`the entry matches the refolded record (${RECORD_FIELDS.join(', ')})`);
  }
  // An election: the person, role, term and nominations too (ELECTSRV-4).
  const election = electionDifferences(entry.election, state, record.itemId);
  for (const field of election ?? []) {
    failures.push(`the entry's ${field} differs from the election refolded from the signed events`);
  }
  if (election !== null && election.length === 0) {
    passed.push('the election (person, role, term, nominations) matches the refolded one');
  }
  return done();
}

function readKeys(
  keys: unknown[],
  failures: string[],
): Map<string, { userId: string; key: KeyObject }> {
  const found = new Map<string, { userId: string; key: KeyObject }>();
  keys.forEach((raw, index) => {
    if (!isRecord(raw) || typeof raw.keyId !== 'string' || typeof raw.publicKey !== 'string') {
      failures.push(`key #${index} is not { keyId, userId, publicKey, addedAt }`);
      return;
    }
    const bytes = Buffer.from(raw.publicKey, 'base64url');
    const id = createHash('sha256').update(bytes).digest('base64url').slice(0, 22);
    if (id !== raw.keyId) {
      failures.push(`key ${raw.keyId}: its id does not match its public key`);
      return;
    }
    try {
      const key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: raw.publicKey },
        format: 'jwk',
      });
      found.set(raw.keyId, { userId: String(raw.userId), key });
    } catch {
      failures.push(`key ${raw.keyId}: not an Ed25519 public key`);
    }
  });
  return found;
}

function checkSignature(
  room: string,
  raw: unknown,
  index: number,
  keys: Map<string, { userId: string; key: KeyObject }>,
  failures: string[],
): boolean {
  const event = parseEvent(raw);
  const name = `event #${index}${isRecord(raw) && typeof raw.id === 'string' ? ` (${raw.id})` : ''}`;
  if (event === null) {
    failures.push(`${name} is not a valid process event`);
    return false;
  }
  const described = `${name}, ${event.type} by ${event.by}`;
  const signature = readSignature(raw);
  if (signature === null) {
    failures.push(`${described}: unsigned`);
    return false;
  }
  const key = keys.get(signature.kid);
  if (key === undefined) {
    failures.push(`${described}: signed by an unknown key ${signature.kid}`);
    return false;
  }
  if (key.userId !== event.by) {
    failures.push(`${described}: signed with a key of ${key.userId}, not of its author`);
    return false;
  }
  const payload = eventSigningPayload(room, signature.kid, event);
  if (!verify(null, payload, key.key, Buffer.from(signature.sig, 'base64url'))) {
    failures.push(`${described}: the signature does not verify (altered or forged)`);
    return false;
  }
  return true;
}

function canonical(value: unknown): string {
  return canonicalJson(value ?? null);
}

/** Prints the report; the exit code is 0 when it verifies, 1 when not, 2 for a usage error. */
export function runVerifyDecision(
  args: readonly string[],
  io: { out: (line: string) => void; err: (line: string) => void; cwd: string },
): number {
  const [file] = args;
  if (args.length !== 1 || file === undefined) {
    io.err('usage: verify-decision <decision-export.json>');
    return 2;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    io.err(`verify-decision: cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  if (isCollectionExport(data)) {
    // A decision log or a proposal: each decision of it, checked the same way (COMMONS-5).
    const collection = verifyCollectionExport(data, verifyDecisionExport);
    for (const { id, report } of collection.decisions) {
      io.out(`Decision ${id}: ${report.ok ? 'VERIFIED' : 'NOT VERIFIED'}`);
      for (const line of report.failures) io.out(`  FAIL  ${line}`);
    }
    for (const id of collection.unproven) io.out(`Decision ${id}: no signed events (asynchronous)`);
    for (const line of collection.failures) io.out(`  FAIL  ${line}`);
    io.out(
      collection.ok ? 'VERIFIED: every decision follows from its signed events.' : 'NOT VERIFIED.',
    );
    return collection.ok ? 0 : 1;
  }
  const report = verifyDecisionExport(data);
  const id = isRecord(data) && isRecord(data.decision) ? String(data.decision.id) : '?';
  io.out(`Decision ${id} (${file})`);
  for (const line of report.passed) io.out(`  ok    ${line}`);
  for (const line of report.failures) io.out(`  FAIL  ${line}`);
  io.out(
    report.ok
      ? 'VERIFIED: the entry follows from the signed events.'
      : `NOT VERIFIED: ${report.failures.length} problem(s).`,
  );
  return report.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runVerifyDecision(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    // pnpm runs package scripts in the package's folder; a path is meant from where it was typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
}
