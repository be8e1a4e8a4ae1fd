import {
  canonicalJson,
  electionDecision,
  findItem,
  parseElectionDecision,
  type MeetingState,
} from '@ronde/domain';

/** What an election's part of an entry must match in the refolded meeting (names aside). */
const ELECTION_FIELDS = [
  'circleId',
  'roleId',
  'personId',
  'focus',
  'termEnd',
  'nominations',
  'proposals',
] as const;

/**
 * The fields of an entry's `election` that differ from the election
 * refolded from the signed events (server SPEC ELECTSRV-4): whom, for which
 * role and term, after which nominations and proposals. Null when neither
 * the entry nor the refolded item is an election; the role's and circle's
 * names are the server's reading of the records and are not checked.
 *
 * @example
 * electionDifferences(entry.election, state, entry.itemId); // [] when it matches
 */
export function electionDifferences(
  stored: unknown,
  state: MeetingState,
  itemId: string,
): string[] | null {
  const item = findItem(state, itemId);
  const derived = item === null ? undefined : electionDecision(item);
  const entry = parseElectionDecision(stored);
  if (derived === undefined && stored === undefined) return null;
  if (derived === undefined || entry === undefined) return ['election'];
  return ELECTION_FIELDS.filter(
    (field) => canonicalJson(entry[field]) !== canonicalJson(derived[field]),
  ).map((field) => `election.${field}`);
}
