import * as Y from 'yjs';
import type { Prng } from './prng.ts';

/**
 * A fake network of Yjs replicas, flushed by hand (after Yjs's TestConnector):
 * every local update is queued for every other replica; the test decides
 * which message is delivered when, in what order, and who is disconnected.
 * A replica that reconnects exchanges state vectors with everyone online, as
 * a provider's sync step 1/2 would.
 */
export class TestNetwork {
  readonly replicas: Y.Doc[] = [];
  private readonly inboxes = new Map<Y.Doc, Uint8Array[]>();
  private readonly online = new Set<Y.Doc>();

  constructor(
    count: number,
    private readonly random: Prng,
  ) {
    for (let i = 0; i < count; i++) {
      const doc = new Y.Doc();
      // Deterministic client ids: the same seed replays the same merge.
      doc.clientID = i + 1;
      this.replicas.push(doc);
      this.inboxes.set(doc, []);
      this.online.add(doc);
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === this || !this.online.has(doc)) return;
        for (const other of this.replicas) {
          if (other !== doc && this.online.has(other)) this.inboxes.get(other)!.push(update);
        }
      });
    }
  }

  isOnline(doc: Y.Doc): boolean {
    return this.online.has(doc);
  }

  /** Drops the replica's pending messages, as a closed socket would. */
  disconnect(doc: Y.Doc): void {
    this.online.delete(doc);
    this.inboxes.set(doc, []);
  }

  /** Brings the replica back and syncs it both ways with everyone online. */
  reconnect(doc: Y.Doc): void {
    if (this.online.has(doc)) return;
    this.online.add(doc);
    for (const other of this.replicas) {
      if (other === doc || !this.online.has(other)) continue;
      this.inboxes.get(doc)!.push(Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
      this.inboxes.get(other)!.push(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    }
  }

  /** Delivers one random pending message; false when none is pending. */
  deliverOne(): boolean {
    const pending = this.replicas.filter((doc) => this.inboxes.get(doc)!.length > 0);
    if (pending.length === 0) return false;
    const target = this.random.pick(pending);
    const inbox = this.inboxes.get(target)!;
    const [update] = inbox.splice(this.random.int(0, inbox.length - 1), 1);
    Y.applyUpdate(target, update!, this);
    return true;
  }

  /** Reconnects everyone and delivers until nothing is pending. */
  settle(): void {
    for (const doc of this.replicas) this.reconnect(doc);
    while (this.deliverOne());
  }
}
