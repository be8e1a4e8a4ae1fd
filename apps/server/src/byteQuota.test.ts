import { describe, expect, it } from 'vitest';
import { createByteQuota } from './byteQuota.ts';

/** A clock moved by hand. */
function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const MINUTE = 60_000;

describe('byteQuota', () => {
  it('QUOTA-1 lets a burst up to a minute’s allowance pass, then refuses a flood without taking', () => {
    const c = clock();
    const quota = createByteQuota({ bytesPerMinute: 6_000, now: c.now });
    expect(quota.take('ana', 4_000)).toBe(true);
    expect(quota.take('ana', 2_000)).toBe(true);
    expect(quota.take('ana', 1)).toBe(false);
    // A refusal takes nothing: after 100 ms (10 bytes), 10 bytes fit.
    c.advance(100);
    expect(quota.take('ana', 11)).toBe(false);
    expect(quota.take('ana', 10)).toBe(true);
    // More than the whole allowance never passes.
    const fresh = createByteQuota({ bytesPerMinute: 6_000, now: c.now });
    expect(fresh.take('ben', 6_001)).toBe(false);
    expect(fresh.waitMs('ben', 6_001)).toBe(Number.POSITIVE_INFINITY);
  });

  it('QUOTA-1 counts per member, over all their sockets', () => {
    const c = clock();
    const quota = createByteQuota({ bytesPerMinute: 1_000, now: c.now });
    // Two sockets of one member share the key; another member has their own.
    expect(quota.take('ana', 600)).toBe(true);
    expect(quota.take('ana', 600)).toBe(false);
    expect(quota.take('ben', 1_000)).toBe(true);
    expect(quota.take('ana', 400)).toBe(true);
  });

  it('QUOTA-1 refills continuously, up to one minute’s allowance', () => {
    const c = clock();
    const quota = createByteQuota({ bytesPerMinute: 6_000, now: c.now });
    expect(quota.take('ana', 6_000)).toBe(true);
    expect(quota.waitMs('ana', 1)).toBe(10);
    expect(quota.waitMs('ana', 3_000)).toBe(MINUTE / 2);
    c.advance(MINUTE / 2);
    expect(quota.waitMs('ana', 3_000)).toBe(0);
    expect(quota.take('ana', 3_000)).toBe(true);
    expect(quota.take('ana', 1)).toBe(false);
    // A long pause refills to the allowance, no more.
    c.advance(10 * MINUTE);
    expect(quota.take('ana', 6_000)).toBe(true);
    expect(quota.take('ana', 1)).toBe(false);
    // A steady stream at the rate passes, for as long as it lasts.
    let refused = 0;
    for (let i = 0; i < 600; i++) {
      c.advance(100);
      if (!quota.take('ana', 10)) refused++;
    }
    expect(refused).toBe(0);
  });

  it('QUOTA-1 forgets buckets that are full again, so memory follows recent writers', () => {
    const c = clock();
    const quota = createByteQuota({ bytesPerMinute: 6_000, now: c.now });
    for (let i = 0; i < 100; i++) quota.take(`member${i}`, 100);
    expect(quota.size).toBe(100);
    c.advance(MINUTE / 2);
    quota.take('busy', 6_000); // empties at half a minute
    c.advance(MINUTE / 2);
    // The next take sweeps: the hundred are full again; "busy" is still refilling.
    quota.take('late', 1);
    expect(quota.size).toBe(2);
    expect(quota.take('busy', 3_001)).toBe(false);
    expect(quota.take('busy', 3_000)).toBe(true);
    c.advance(2 * MINUTE);
    quota.take('late', 1);
    expect(quota.size).toBe(1);
  });
});
