import * as Y from 'yjs';
import { MalformedError } from './reader.ts';

export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

/**
 * A Yjs v1 update decoded once, when its message is decoded (protocol.ts),
 * and handed on to the write policy (locateUpdate.ts) so that nobody but Yjs,
 * applying it, reads it again. Its structs are never integrated: read them,
 * never mutate them.
 */
export interface ParsedUpdate {
  readonly structs: ReadonlyArray<Y.Item | Y.GC | Y.Skip>;
  readonly ds: DeleteSet;
  /** The client of each block of structs, in order (WRITE-1 refuses a client named twice). */
  readonly blocks: readonly number[];
}

let noting: { blocks: number[]; decoder: NotingDecoder | null } | null = null;

/**
 * Yjs's v1 decoder, noting the client of each block of structs (`readClient`
 * is called once per block header, and nowhere else in v1) and itself, so
 * the caller can read where decoding stopped. The decoded structs alone
 * cannot show two adjacent blocks of one client (their clocks may run on),
 * yet Yjs keeps only the last block and leaves it pending.
 */
class NotingDecoder extends Y.UpdateDecoderV1 {
  constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
    super(decoder);
    if (noting) noting.decoder = this;
  }

  override readClient(): number {
    const client = super.readClient();
    noting?.blocks.push(client);
    return client;
  }
}

/**
 * Decodes a Yjs v1 update without a document (no `Y.Doc` is built, so no
 * random client id is drawn) and checks that Yjs's decoder stopped on the
 * last byte: truncation (lib0 reads past the end, or throws) and trailing
 * bytes throw a {@link MalformedError}.
 *
 * @example
 * const parsed = parseUpdate(update); // throws MalformedError
 * locateUpdate(update, doc, parsed);
 */
export function parseUpdate(update: Uint8Array): ParsedUpdate {
  const state: { blocks: number[]; decoder: NotingDecoder | null } = { blocks: [], decoder: null };
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  noting = state;
  try {
    decoded = Y.decodeUpdateV2(update, NotingDecoder);
  } catch (error) {
    throw new MalformedError(`update does not parse: ${(error as Error).message}`);
  } finally {
    noting = null;
  }
  const pos = state.decoder?.restDecoder.pos ?? -1;
  if (pos !== update.length) {
    throw new MalformedError(
      pos > update.length ? 'truncated update' : 'trailing bytes after update',
    );
  }
  return { structs: decoded.structs, ds: decoded.ds, blocks: state.blocks };
}
