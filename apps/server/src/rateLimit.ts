/**
 * A token bucket, one per connection: it holds up to `burst` tokens, refills
 * at `perSecond`, and each message takes one. A client that empties it is
 * flooding (4429, see docs/trust-api.md). The defaults, 60 messages a second
 * with a burst of 300, leave room for typing plus awareness (cursor) traffic
 * and a reconnect's catch-up, well above what the stock client sends.
 */
export interface RateLimitOptions {
  readonly perSecond: number;
  readonly burst: number;
  /** Milliseconds; injectable for tests. Defaults to `performance.now`. */
  readonly now?: () => number;
}

export interface RateLimiter {
  /** Takes `cost` tokens (default 1); false, taking nothing, when there are not enough. */
  take(cost?: number): boolean;
  /** Tokens left now (after refilling). */
  available(): number;
}

export const DEFAULT_RATE_LIMIT = { perSecond: 60, burst: 300 } as const;

/** The configured limits (`RONDE_MAX_MESSAGES_PER_SECOND`, `RONDE_MESSAGE_BURST`). */
export interface MessageRateLimits {
  readonly maxMessagesPerSecond: number;
  readonly messageBurst: number;
}

export const DEFAULT_MESSAGE_RATE_LIMITS: MessageRateLimits = {
  maxMessagesPerSecond: DEFAULT_RATE_LIMIT.perSecond,
  messageBurst: DEFAULT_RATE_LIMIT.burst,
};

/** WebSocket close code for a message flood (private range, like 4400). */
export const CLOSE_RATE_LIMITED = 4429;

/**
 * @example
 * const limiter = createRateLimiter(DEFAULT_RATE_LIMIT);
 * socket.on('message', () => { if (!limiter.take()) socket.close(CLOSE_RATE_LIMITED, 'message flood'); });
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  if (!(options.perSecond > 0) || !(options.burst >= 1)) {
    throw new RangeError('a rate limit needs perSecond > 0 and burst >= 1');
  }
  const now = options.now ?? (() => performance.now());
  let tokens = options.burst;
  let last = now();

  function refill(): void {
    const at = now();
    const elapsed = at - last;
    last = at;
    // A clock that goes back refills nothing.
    if (elapsed > 0)
      tokens = Math.min(options.burst, tokens + (elapsed / 1000) * options.perSecond);
  }

  return {
    take(cost = 1) {
      refill();
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
