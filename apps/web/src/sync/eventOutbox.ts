/** A signed event waiting to be seen in the log. */
export interface OutboxEntry {
  /** The event as sent: the event's fields plus `kid` and `sig`. */
  readonly event: { readonly id: string };
  /** Mine (its refusal is shown to me), or someone else's re-uploaded after a restore. */
  readonly mine: boolean;
}

/**
 * The events a room has sent or will send and not yet seen in its log, in
 * the order they were submitted. Each remembers the socket it went out on,
 * so a reconnect sends it again (the server refuses a duplicate id, so a
 * resend is harmless) while one socket never carries it twice.
 *
 * @example
 * const outbox = createOutbox();
 * outbox.add({ event, mine: true });
 * outbox.due(ws); // [entry]: send it, then outbox.sent(entry.event.id, ws)
 */
export function createOutbox() {
  const entries = new Map<string, { entry: OutboxEntry; sentOn: object | null }>();
  return {
    add(entry: OutboxEntry): void {
      if (!entries.has(entry.event.id)) entries.set(entry.event.id, { entry, sentOn: null });
    },
    /**
     * Puts entries ahead of those waiting (a copy's log, sent again after a
     * restore, goes before events submitted since: log order is kept).
     */
    prepend(first: readonly OutboxEntry[]): void {
      const rest = [...entries];
      entries.clear();
      for (const entry of first) entries.set(entry.event.id, { entry, sentOn: null });
      for (const [id, value] of rest) if (!entries.has(id)) entries.set(id, value);
    },
    has: (id: string): boolean => entries.has(id),
    /** Drops the entries the log now holds. */
    seen(logIds: ReadonlySet<string>): void {
      for (const id of [...entries.keys()]) if (logIds.has(id)) entries.delete(id);
    },
    /** Drops an entry (refused) and answers it. */
    remove(id: string): OutboxEntry | null {
      const found = entries.get(id);
      entries.delete(id);
      return found?.entry ?? null;
    },
    /** Sends it again on the current socket too (the server forgot its key meanwhile). */
    retry(id: string): void {
      const found = entries.get(id);
      if (found) found.sentOn = null;
    },
    /** The entries not yet sent on this socket, in submission order. */
    due(socket: object): OutboxEntry[] {
      return [...entries.values()].filter((e) => e.sentOn !== socket).map((e) => e.entry);
    },
    sent(id: string, socket: object): void {
      const found = entries.get(id);
      if (found) found.sentOn = socket;
    },
    ids: (): string[] => [...entries.keys()],
    size: (): number => entries.size,
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
