/**
 * What the heartbeat needs of a socket (a `ws` WebSocket has it all).
 * Activity is any pong, ping or message from the peer.
 */
export interface HeartbeatSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong' | 'ping' | 'message', listener: () => void): unknown;
  off(event: 'pong' | 'ping' | 'message', listener: () => void): unknown;
}

/** Runs `tick` every `ms` until the returned function is called. */
export type Every = (ms: number, tick: () => void) => () => void;

export interface HeartbeatOptions {
  /** Every socket is pinged this often (IDLE-1). */
  readonly pingIntervalMs: number;
  /** A socket silent this long (no pong, no message) is terminated at the next tick (IDLE-2). */
  readonly idleTimeoutMs: number;
  /** Injectable for tests; default `Date.now`. */
  readonly now?: () => number;
  /** Injectable for tests; default an unref'd `setInterval`. */
  readonly every?: Every;
}

export interface Heartbeat {
  /**
   * Watches a socket until the returned function is called (on close);
   * `onIdle` runs when it is cut for silence.
   */
  watch(socket: HeartbeatSocket, onIdle?: () => void): () => void;
  /** Sockets watched now. */
  size(): number;
  /** Stops the timer and forgets every socket (shutdown). */
  stop(): void;
}

const intervalTimer: Every = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Cuts sync sockets whose peer went away without closing (a laptop lid, a
 * dropped network): they would otherwise hold their per-address and
 * per-member slots (liveConnections.ts) until TCP gives up, hours later.
 * One timer for all sockets, running only while some are watched: each tick
 * terminates the sockets silent for `idleTimeoutMs` or more and pings the
 * others. Browsers answer pings by themselves, so a live tab never trips it;
 * a silent one is cut between `idleTimeoutMs` and `idleTimeoutMs +
 * pingIntervalMs` after it was last heard.
 *
 * @example
 * const heartbeat = createHeartbeat({ pingIntervalMs: 30_000, idleTimeoutMs: 75_000 });
 * socket.once('close', heartbeat.watch(socket, () => log.info('idle socket cut')));
 */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const now = options.now ?? Date.now;
  const every = options.every ?? intervalTimer;
  const watched = new Map<HeartbeatSocket, { lastSeen: number; onIdle?: () => void }>();
  let cancel: (() => void) | null = null;

  /** When the timer last ran (or started). */
  let lastTick = 0;

  function tick(): void {
    const at = now();
    // A tick over an interval late means the process did not run meanwhile (a
    // stall: a debugger, a paused VM, a machine waking up). Timers run before
    // sockets are read, so the peers' answers may wait unread: that time is
    // not their silence (IDLE-3).
    const stalled = at - lastTick - options.pingIntervalMs;
    lastTick = at;
    if (stalled > options.pingIntervalMs) {
      for (const state of watched.values()) state.lastSeen += stalled;
    }
    for (const [socket, state] of [...watched]) {
      if (at - state.lastSeen >= options.idleTimeoutMs) {
        watched.delete(socket);
        state.onIdle?.();
        socket.terminate();
        continue;
      }
      try {
        socket.ping();
      } catch {
        // Not open (yet, or any more): its close, or the next tick, settles it.
      }
    }
    if (watched.size === 0) halt();
  }

  function halt(): void {
    cancel?.();
    cancel = null;
  }

  return {
    watch(socket, onIdle) {
      const state = { lastSeen: now(), ...(onIdle ? { onIdle } : {}) };
      const seen = (): void => void (state.lastSeen = now());
      socket.on('pong', seen);
      socket.on('ping', seen);
      socket.on('message', seen);
      watched.set(socket, state);
      if (!cancel) {
        lastTick = now();
        cancel = every(options.pingIntervalMs, tick);
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        socket.off('pong', seen);
        socket.off('ping', seen);
        socket.off('message', seen);
        if (watched.get(socket) === state) watched.delete(socket);
        if (watched.size === 0) halt();
      };
    },
    size: () => watched.size,
    stop() {
      watched.clear();
      halt();
    },
  };
}
