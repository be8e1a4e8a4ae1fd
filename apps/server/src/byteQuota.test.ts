import { describe, expect, it } from 'vitest';
import { createByteQuota, type SharedAllowance } from './byteQuota.ts';

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

  it('QUOTA-3 an allowance over a day refills over a day', () => {
    const c = clock();
    const day = 24 * 60 * MINUTE;
    const quota = createByteQuota({ bytesPerMinute: 2_400, periodMs: day, now: c.now });
    expect(quota.take('ana\u0000room', 2_400)).toBe(true);
    expect(quota.take('ana\u0000room', 1)).toBe(false);
    c.advance(day / 2);
    expect(quota.waitMs('ana\u0000room', 1_200)).toBe(0);
    expect(quota.take('ana\u0000room', 1_201)).toBe(false);
    expect(quota.take('ana\u0000room', 1_200)).toBe(true);
    expect(quota.waitMs('ana\u0000room', 100)).toBe(day / 24);
  });

  it('CLUSTER-10 two instances learn of each other’s spending at their next report, whoever wrote', async () => {
    const c = clock();
    // The shared allowance, as Redis keeps it (no refill: the clock stands still here).
    let left = 6_000;
    const reports: [string, number][] = [];
    const shared: SharedAllowance = {
      spend: (key, bytes) => {
        reports.push([key, bytes]);
        left = Math.max(-6_000, left - bytes);
        return Promise.resolve(left);
      },
    };
    const a = createByteQuota({ bytesPerMinute: 6_000, now: c.now, shared, syncMs: 3_600_000 });
    const b = createByteQuota({ bytesPerMinute: 6_000, now: c.now, shared, syncMs: 3_600_000 });
    expect(a.take('ana', 4_000)).toBe(true);
    await a.sync();
    // B has not heard of Ana yet: her first write there passes (the overshoot CLUSTER-10 allows)…
    expect(b.take('ana', 4_000)).toBe(true);
    await b.sync();
    // …and from the next reports on, both hold her to what the cluster let through.
    await a.sync();
    expect(left).toBe(-2_000);
    expect(a.take('ana', 1)).toBe(false);
    expect(b.take('ana', 1)).toBe(false);
    // In debt: 2,000 bytes of it and 1,000 more to write, at 100 bytes a second.
    expect(a.waitMs('ana', 1_000)).toBe(30_000);
    // Each reported what it let through once, and A asked again with nothing new.
    expect(reports).toEqual([
      ['ana', 4_000],
      ['ana', 4_000],
      ['ana', 0],
    ]);
    a.close();
    b.close();
  });

  it('CLUSTER-10 while the shared allowance cannot answer, each instance counts alone', async () => {
    const c = clock();
    const shared: SharedAllowance = { spend: () => Promise.resolve(null) };
    const a = createByteQuota({ bytesPerMinute: 6_000, now: c.now, shared, syncMs: 3_600_000 });
    expect(a.take('ana', 6_000)).toBe(true);
    await a.sync();
    expect(a.take('ana', 1)).toBe(false);
    c.advance(MINUTE);
    expect(a.take('ana', 6_000)).toBe(true);
    a.close();
  });
});
