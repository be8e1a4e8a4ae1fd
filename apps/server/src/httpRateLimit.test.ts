import { describe, expect, it } from 'vitest';
import { HttpError } from './httpJson.ts';
import {
  addressKey,
  createHttpThrottle,
  createKeyedRateLimiter,
  DEFAULT_HTTP_RATE_LIMITS,
  PREVIEW_PASS_MS,
} from './httpRateLimit.ts';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('httpRateLimit', () => {
  it('HTTP-1 lets a burst of perMinute through, then refuses with whole seconds to wait', () => {
    const time = clock();
    const rate = createKeyedRateLimiter({ perMinute: 6, maxKeys: 10, now: time.now });
    for (let i = 0; i < 6; i++) expect(rate.take('a')).toEqual({ ok: true });
    expect(rate.take('a')).toEqual({ ok: false, retryAfterSeconds: 10, first: true });
    expect(rate.take('a')).toEqual({ ok: false, retryAfterSeconds: 10, first: false });
    time.advance(4_500);
    expect(rate.take('a')).toMatchObject({ ok: false, retryAfterSeconds: 6 });
    time.advance(5_500);
    expect(rate.take('a')).toEqual({ ok: true });
    expect(rate.take('a')).toMatchObject({ ok: false, first: true });
    // Keys are independent.
    expect(rate.take('b')).toEqual({ ok: true });
  });

  it('HTTP-1 a clock going back refills nothing', () => {
    const time = clock();
    const rate = createKeyedRateLimiter({ perMinute: 1, maxKeys: 10, now: time.now });
    expect(rate.take('a').ok).toBe(true);
    time.advance(-60_000);
    expect(rate.take('a').ok).toBe(false);
  });

  it('HTTP-3 drops buckets that refilled, and never tracks more than maxKeys', () => {
    const time = clock();
    const rate = createKeyedRateLimiter({ perMinute: 2, maxKeys: 100, now: time.now });
    for (let i = 0; i < 50; i++) rate.take(`idle${i}`);
    expect(rate.size()).toBe(50);
    time.advance(60_000);
    rate.take('fresh');
    expect(rate.size()).toBe(1);
    for (let i = 0; i < 1000; i++) rate.take(`flood${i}`);
    expect(rate.size()).toBe(100);
    // The most recent keys are the ones kept.
    rate.take('flood999');
    expect(rate.take('flood999').ok).toBe(false);
  });

  it('HTTP-3 counts IPv6 clients by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });

  it('HTTP-2 rejects with 429 rate_limited and Retry-After, quiet after the first refusal', async () => {
    const time = clock();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, spacesPerAddress: 1 },
      time.now,
    );
    await throttle.spaceCreation('198.51.100.1');
    const refusal = (): Promise<HttpError> =>
      throttle.spaceCreation('198.51.100.1').then(
        () => {
          throw new Error('not refused');
        },
        (error: unknown) => error as HttpError,
      );
    expect(await refusal()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      headers: { 'retry-after': '60' },
      quiet: false,
    });
    expect((await refusal()).quiet).toBe(true);
    await expect(throttle.spaceCreation('198.51.100.2')).resolves.toBeUndefined();
  });

  it('HTTP-2 redemption counts both the address and the code', async () => {
    const time = clock();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, redeemPerAddress: 3, redeemPerInvite: 2 },
      time.now,
    );
    await throttle.redemption('198.51.100.1', 'code1');
    await throttle.redemption('198.51.100.2', 'code1');
    // The code is spent for everyone, whatever the address…
    await expect(throttle.redemption('198.51.100.3', 'code1')).rejects.toThrow(HttpError);
    // …and the address for every code.
    await throttle.redemption('198.51.100.1', 'code2');
    await throttle.redemption('198.51.100.1', 'code3');
    await expect(throttle.redemption('198.51.100.1', 'code4')).rejects.toThrow(HttpError);
    time.advance(60_000);
    await expect(throttle.redemption('198.51.100.3', 'code1')).resolves.toBeUndefined();
  });

  it('HTTP-5 previews and redemptions share the address bucket; previews of a code have their own', async () => {
    const time = clock();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, redeemPerAddress: 3, redeemPerInvite: 2 },
      time.now,
    );
    await throttle.invitePreview('198.51.100.1', 'code1');
    await throttle.redemption('198.51.100.1', 'code2');
    await throttle.invitePreview('198.51.100.1', 'code3');
    await expect(throttle.invitePreview('198.51.100.1', 'code4')).rejects.toMatchObject({
      status: 429,
    });
    await expect(throttle.redemption('198.51.100.1', 'code5')).rejects.toMatchObject({
      status: 429,
    });
    // Two previews of code6 from elsewhere spend its previews, not its redemptions.
    await throttle.invitePreview('198.51.100.2', 'code6');
    await throttle.invitePreview('198.51.100.3', 'code6');
    await expect(throttle.invitePreview('198.51.100.4', 'code6')).rejects.toThrow(HttpError);
    await throttle.redemption('198.51.100.4', 'code6');
    await throttle.redemption('198.51.100.5', 'code6');
    await expect(throttle.redemption('198.51.100.6', 'code6')).rejects.toThrow(HttpError);
  });

  it('HTTP-5 a preview that found its invite spares one redemption of that code from that address, for ten minutes', async () => {
    const time = clock();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, redeemPerAddress: 2, redeemPerInvite: 100 },
      time.now,
    );
    const address = '198.51.100.1';
    await throttle.invitePreview(address, 'code1');
    throttle.previewFound(address, 'code1');
    await throttle.redemption(address, 'code1'); // the pass
    await throttle.invitePreview(address, 'code2');
    throttle.previewFound(address, 'code2');
    // The pass is for that address and that code only, and once.
    await expect(throttle.redemption(address, 'code1')).rejects.toThrow(HttpError);
    await expect(throttle.redemption('198.51.100.9', 'code2')).resolves.toBeUndefined();
    time.advance(PREVIEW_PASS_MS);
    // Ten minutes later the bucket is full again, and code2's pass gone: it counts.
    await throttle.redemption(address, 'code2');
    await throttle.redemption(address, 'code3');
    await expect(throttle.redemption(address, 'code4')).rejects.toThrow(HttpError);
  });

  it('HTTP-5 keeps at most maxTrackedKeys passes, the oldest dropped first', async () => {
    const time = clock();
    const throttle = createHttpThrottle(
      { ...DEFAULT_HTTP_RATE_LIMITS, redeemPerAddress: 1, maxTrackedKeys: 3 },
      time.now,
    );
    for (const code of ['a', 'b', 'c', 'd']) throttle.previewFound('198.51.100.1', code);
    // 'b'…'d' ride on their passes, 'e' takes the one token, and 'a' lost its pass.
    for (const code of ['b', 'c', 'd', 'e']) await throttle.redemption('198.51.100.1', code);
    await expect(throttle.redemption('198.51.100.1', 'a')).rejects.toThrow(HttpError);
  });
});
