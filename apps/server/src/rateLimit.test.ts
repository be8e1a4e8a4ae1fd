import { describe, expect, it } from 'vitest';
import { CLOSE_RATE_LIMITED, createRateLimiter, DEFAULT_RATE_LIMIT } from './rateLimit.ts';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('createRateLimiter', () => {
  it('allows a burst, then refuses', () => {
    const c = clock();
    const limiter = createRateLimiter({ perSecond: 10, burst: 5, now: c.now });
    for (let i = 0; i < 5; i++) expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
  });

  it('refills at the given rate, up to the burst', () => {
    const c = clock();
    const limiter = createRateLimiter({ perSecond: 10, burst: 5, now: c.now });
    for (let i = 0; i < 5; i++) limiter.take();
    c.advance(100); // one token
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    c.advance(60_000);
    expect(limiter.available()).toBe(5);
  });

  it('sustains exactly the rate: 60/s for a minute after the burst', () => {
    const c = clock();
    const limiter = createRateLimiter({ ...DEFAULT_RATE_LIMIT, now: c.now });
    let taken = 0;
    for (let ms = 0; ms < 60_000; ms += 5) {
      while (limiter.take()) taken++;
      c.advance(5);
    }
    expect(taken).toBeGreaterThanOrEqual(300 + 60 * 60 - 1);
    expect(taken).toBeLessThanOrEqual(300 + 60 * 60);
  });

  it('refuses without taking when a cost exceeds what is left', () => {
    const c = clock();
    const limiter = createRateLimiter({ perSecond: 1, burst: 3, now: c.now });
    expect(limiter.take(4)).toBe(false);
    expect(limiter.take(3)).toBe(true);
  });

  it('ignores a clock going back', () => {
    const c = clock();
    const limiter = createRateLimiter({ perSecond: 10, burst: 2, now: c.now });
    limiter.take();
    limiter.take();
    c.advance(-10_000);
    expect(limiter.take()).toBe(false);
    c.advance(100);
    expect(limiter.take()).toBe(true);
  });

  it('rejects nonsense options, and uses 4429', () => {
    expect(() => createRateLimiter({ perSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createRateLimiter({ perSecond: 1, burst: 0 })).toThrow(RangeError);
    expect(CLOSE_RATE_LIMITED).toBe(4429);
  });
});
