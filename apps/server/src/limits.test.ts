import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, DEFAULT_LIMITS, closeReason, isTooSlow } from './limits.ts';

describe('limits', () => {
  it('uses standard close codes, and the private range for ours', () => {
    expect(CLOSE_CODES).toMatchObject({
      goingAway: 1001,
      tooBig: 1009,
      internalError: 1011,
      tryAgainLater: 1013,
      malformed: 4400,
      tokenExpired: 4401,
      forbidden: 4403,
    });
  });

  it('has sane defaults', () => {
    expect(DEFAULT_LIMITS.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(DEFAULT_LIMITS.maxBodyBytes).toBeLessThan(DEFAULT_LIMITS.maxMessageBytes);
    expect(DEFAULT_LIMITS.maxPendingBytes).toBeGreaterThanOrEqual(DEFAULT_LIMITS.maxMessageBytes);
    expect(DEFAULT_LIMITS.maxConnectionsPerIp).toBe(64);
    expect(DEFAULT_LIMITS.maxConnectionsPerMember).toBe(32);
  });

  it('drops a receiver whose send buffer is over the limit', () => {
    expect(isTooSlow({ bufferedAmount: 0 }, DEFAULT_LIMITS)).toBe(false);
    expect(isTooSlow({ bufferedAmount: DEFAULT_LIMITS.maxBufferedBytes + 1 }, DEFAULT_LIMITS)).toBe(
      true,
    );
  });

  it('keeps close reasons within a control frame', () => {
    expect(closeReason('short')).toBe('short');
    const long = closeReason('é'.repeat(200));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('…')).toBe(true);
  });
});
