import type * as Y from 'yjs';
import { fragmentToTree } from '../decisions/docTree.ts';
import { sha256Hex } from '../election/sha256.ts';
import { listChanges } from '../governance/proposalChanges.ts';
import { proposalBody, proposalDriver, proposalTitle } from '../proposal.ts';
import { canonicalJson } from '../signing/canonicalJson.ts';

/**
 * The digest of a proposal's text as people read it (SPEC ASYNC-15): SHA-256
 * (lower-case hex) of the canonical JSON of its title, driver, body (the
 * tree the decision log keeps) and valid structured changes. Two replicas
 * holding the same text give the same digest, whatever the Yjs history
 * behind it; any visible change of the text changes it.
 *
 * @example
 * proposalTextDigest(proposalDoc); // '3f1c…' (64 hex digits)
 */
export function proposalTextDigest(doc: Y.Doc): string {
  return sha256Hex(
    canonicalJson({
      title: proposalTitle(doc).toString(),
      driver: proposalDriver(doc).toString(),
      body: fragmentToTree(proposalBody(doc)),
      changes: listChanges(doc),
    }),
  );
}

/** Whether a value has the shape of a text digest (64 lower-case hex digits). */
export function isTextDigest(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
