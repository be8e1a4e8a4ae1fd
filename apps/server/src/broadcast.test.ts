import { describe, expect, it } from 'vitest';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { broadcast, relay, type Peer } from './broadcast.ts';
import { decodeMessage } from './protocol.ts';

function recorder(): Peer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { received, send: (message) => received.push(message) };
}

describe('broadcast', () => {
  it('sends the very same buffer to every peer but the sender', () => {
    const [a, b, c] = [recorder(), recorder(), recorder()];
    const message = new Uint8Array([1, 2, 3]);
    expect(broadcast([a, b, c], message, b)).toBe(2);
    expect(a.received[0]).toBe(message);
    expect(c.received[0]).toBe(message);
    expect(b.received).toEqual([]);
  });

  it('relays document updates once-encoded, skipping their origin', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    const [sender, other1, other2] = [recorder(), recorder(), recorder()];
    const stop = relay(doc, awareness, new Set([sender, other1, other2]));
    const source = new Y.Doc();
    source.getText('t').insert(0, 'hi');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), sender);
    expect(sender.received).toEqual([]);
    expect(other1.received).toHaveLength(1);
    expect(other1.received[0]).toBe(other2.received[0]);
    const message = decodeMessage(other1.received[0] ?? new Uint8Array());
    expect(message.type).toBe('update');
    stop();
    doc.getText('t').insert(0, 'x');
    expect(other1.received).toHaveLength(1);
    awareness.destroy();
  });

  it('relays awareness changes and their removal', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState(null);
    const [sender, other] = [recorder(), recorder()];
    relay(doc, awareness, new Set([sender, other]));
    const client = new Awareness(new Y.Doc());
    client.setLocalState({ name: 'ana' });
    applyAwarenessUpdate(awareness, encodeAwarenessUpdate(client, [client.clientID]), sender);
    expect(sender.received).toHaveLength(0);
    expect(other.received).toHaveLength(1);
    removeAwarenessStates(awareness, [client.clientID], null);
    expect(sender.received).toHaveLength(1);
    const removal = decodeMessage(other.received[1] ?? new Uint8Array());
    expect(removal.type === 'awareness' && removal.entries[0]).toMatchObject({
      clientId: client.clientID,
      removed: true,
    });
    client.destroy();
    awareness.destroy();
  });
});
