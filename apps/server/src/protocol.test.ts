import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeTime,
  encodeUpdate,
  isEmptyUpdate,
  validateUpdate,
} from './protocol.ts';
import { MalformedError } from './reader.ts';

function docWithText(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A sync message as y-protocols (and so the stock client) writes it. */
function syncMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  return bytes((e) => {
    encoding.writeVarUint(e, 0);
    write(e);
  });
}

describe('protocol: decoding what the stock client sends', () => {
  it('decodes sync step 1, step 2 and update', () => {
    const doc = docWithText('hello');
    const step1 = decodeMessage(syncMessage((e) => syncProtocol.writeSyncStep1(e, doc)));
    expect(step1).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
    const step2 = decodeMessage(syncMessage((e) => syncProtocol.writeSyncStep2(e, doc)));
    expect(step2.type).toBe('sync-step2');
    const update = Y.encodeStateAsUpdate(doc);
    const decoded = decodeMessage(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
    expect(decoded).toMatchObject({ type: 'update', update });
    // The update is decoded once, here, and its parse handed on to the write policy.
    expect(decoded.type === 'update' && decoded.parsed.structs.length).toBe(1);
    expect(decoded.type === 'update' && decoded.parsed.blocks).toEqual([doc.clientID]);
  });

  it('validates an update without building a Y.Doc (whose constructor draws a random id)', () => {
    const update = Y.encodeStateAsUpdate(docWithText('hello'));
    const proto = Y.Doc.prototype;
    const { get, destroy } = proto;
    let docCalls = 0;
    proto.get = function (this: Y.Doc, ...args: Parameters<typeof get>) {
      docCalls++;
      return get.apply(this, args);
    } as typeof get;
    proto.destroy = function (this: Y.Doc) {
      docCalls++;
      destroy.call(this);
    };
    try {
      decodeMessage(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
    } finally {
      proto.get = get;
      proto.destroy = destroy;
    }
    expect(docCalls).toBe(0);
  });

  it('decodes awareness and query awareness', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: 'ana' });
    const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
    const message = decodeMessage(encodeAwareness(update));
    expect(message).toEqual({
      type: 'awareness',
      update,
      entries: [
        {
          clientId: awareness.clientID,
          clock: 1,
          removed: false,
          state: { user: 'ana' },
          json: '{"user":"ana"}',
        },
      ],
    });
    awareness.setLocalState(null);
    const removal = decodeMessage(
      encodeAwareness(encodeAwarenessUpdate(awareness, [awareness.clientID])),
    );
    expect(removal.type === 'awareness' && removal.entries[0]?.removed).toBe(true);
    awareness.destroy();
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('decodes a time message and encodes its answer', () => {
    const sent = 1_767_225_600_123;
    const ping = bytes((e) => {
      encoding.writeVarUint(e, 4);
      encoding.writeVarUint(e, sent);
    });
    expect(decodeMessage(ping)).toEqual({ type: 'time', clientSendMs: sent });
    const answer = decoding.createDecoder(encodeTime(sent, 1_767_225_600_456.7));
    expect(decoding.readVarUint(answer)).toBe(4);
    expect(decoding.readVarUint(answer)).toBe(sent);
    expect(decoding.readVarUint(answer)).toBe(1_767_225_600_456);
    expect(decoding.hasContent(answer)).toBe(false);
  });

  it('round-trips what the server encodes', () => {
    const doc = docWithText('abc');
    expect(decodeMessage(encodeSyncStep1(doc)).type).toBe('sync-step1');
    const step2 = decodeMessage(encodeSyncStep2(doc, new Uint8Array([0])));
    expect(step2.type === 'sync-step2' && step2.update).toEqual(Y.encodeStateAsUpdate(doc));
    expect(decodeMessage(encodeUpdate(Y.encodeStateAsUpdate(doc))).type).toBe('update');
  });
});

describe('protocol: rejecting malformed messages', () => {
  const update = Y.encodeStateAsUpdate(docWithText('hello world'));
  const cases: Record<string, Uint8Array> = {
    empty: new Uint8Array([]),
    'unknown message type': new Uint8Array([7]),
    'auth from a client': new Uint8Array([2, 0, 0]),
    'unknown sync type': new Uint8Array([0, 9, 0]),
    'truncated varUint': new Uint8Array([0x80]),
    'length past the end': new Uint8Array([0, 2, 50, 1, 2]),
    'truncated update': syncMessage((e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, update.subarray(0, update.length - 3));
    }),
    'garbage inside the update': syncMessage((e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array([...update, 1, 2, 3]));
    }),
    'garbage after the message': new Uint8Array([...encodeUpdate(update), 0]),
    'garbage after query awareness': new Uint8Array([3, 0]),
    'time without a send time': new Uint8Array([4]),
    'time with a truncated send time': new Uint8Array([4, 0x80]),
    'garbage after a time message': new Uint8Array([4, 1, 0]),
    'update that is not an update': syncMessage((e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, new Uint8Array([1, 1, 200, 1, 0, 0xff, 0xff]));
    }),
    'state vector with trailing bytes': new Uint8Array([0, 0, 4, 1, 5, 3, 9]),
    'awareness state not JSON': encodeAwareness(
      bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 42);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, '{oops');
      }),
    ),
    'awareness count beyond data': encodeAwareness(new Uint8Array([100, 1, 1])),
  };
  for (const [name, message] of Object.entries(cases)) {
    it(`rejects ${name}`, () => {
      expect(() => decodeMessage(message)).toThrow(MalformedError);
    });
  }

  it('only ever throws MalformedError on random input (seeded)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const valid = encodeUpdate(update);
    for (let i = 0; i < 2000; i++) {
      const input = valid.slice();
      for (let j = 0; j < 3; j++) input[Math.floor(random() * input.length)] = random() * 256;
      const cut = random() < 0.3 ? input.subarray(0, Math.floor(random() * input.length)) : input;
      try {
        decodeMessage(cut);
      } catch (error) {
        expect(error, `seed case ${i}`).toBeInstanceOf(MalformedError);
      }
    }
  });

  it('accepts valid updates and recognises the empty one', () => {
    expect(() => validateUpdate(update)).not.toThrow();
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    expect(isEmptyUpdate(empty)).toBe(true);
    expect(isEmptyUpdate(update)).toBe(false);
  });
});
