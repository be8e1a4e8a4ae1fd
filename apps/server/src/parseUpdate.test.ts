import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseUpdate } from './parseUpdate.ts';
import { MalformedError } from './reader.ts';

function updateOf(change: (doc: Y.Doc) => void, clientID = 7): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  change(doc);
  return Y.encodeStateAsUpdate(doc);
}

describe('parseUpdate', () => {
  it('decodes what Y.decodeUpdate decodes, and notes each block of structs', () => {
    const update = updateOf((doc) => {
      doc.getText('t').insert(0, 'hello');
      doc.getMap('m').set('k', 1);
      doc.getText('t').delete(0, 1);
    });
    const parsed = parseUpdate(update);
    const reference = Y.decodeUpdate(update);
    expect(parsed.structs).toEqual(reference.structs);
    expect(parsed.ds).toEqual(reference.ds);
    expect(parsed.blocks).toEqual([7]);
  });

  it('reads the empty update', () => {
    expect(parseUpdate(new Uint8Array([0, 0]))).toMatchObject({ structs: [], blocks: [] });
  });

  it('refuses truncation, trailing bytes and garbage as malformed', () => {
    const update = updateOf((doc) => doc.getText('t').insert(0, 'hello world'));
    for (let cut = 1; cut < update.length; cut++) {
      expect(() => parseUpdate(update.subarray(0, cut)), `cut at ${cut}`).toThrow(MalformedError);
    }
    expect(() => parseUpdate(new Uint8Array([...update, 0]))).toThrow(
      /trailing bytes after update/,
    );
    expect(() => parseUpdate(new Uint8Array([1, 1, 200, 1, 0, 0xff, 0xff]))).toThrow(
      MalformedError,
    );
  });
});
