import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens.ts';

const secret = Buffer.alloc(32, 7);
const claims = { space: 'spTest01', sub: 'usTest01', role: 'member' as const };
const NOW = 1_700_000_000_000;

/** A token over any payload, signed with `key`. */
function forge(payload: unknown, key: Uint8Array = secret): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('tokens', () => {
  it('round-trips a signed token with the contract payload', () => {
    const { token, expiresAt, payload } = signToken(secret, claims, {
      lifetimeSeconds: 3600,
      now: NOW,
    });
    expect(payload).toEqual({ v: 1, ...claims, iat: NOW / 1000, exp: NOW / 1000 + 3600 });
    expect(expiresAt).toBe(NOW + 3_600_000);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    const body = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
    expect(body).toEqual(payload);
    expect(verifyToken(secret, token, NOW + 1000)).toEqual({ ok: true, payload });
  });

  it('refuses a token signed with another secret', () => {
    const { token } = signToken(Buffer.alloc(32, 8), claims, {
      lifetimeSeconds: 60,
      now: NOW,
    });
    expect(verifyToken(secret, token, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a tampered payload (role raised)', () => {
    const { token } = signToken(secret, claims, { lifetimeSeconds: 60, now: NOW });
    const [, signature] = token.split('.');
    const raised = Buffer.from(
      JSON.stringify({ v: 1, ...claims, role: 'admin', iat: NOW / 1000, exp: NOW / 1000 + 60 }),
    ).toString('base64url');
    expect(verifyToken(secret, `${raised}.${signature}`, NOW).ok).toBe(false);
  });

  it('refuses a truncated signature', () => {
    const { token } = signToken(secret, claims, { lifetimeSeconds: 60, now: NOW });
    expect(verifyToken(secret, token.slice(0, -2), NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses an expired token, and one exactly at exp', () => {
    const { token } = signToken(secret, claims, { lifetimeSeconds: 60, now: NOW });
    expect(verifyToken(secret, token, NOW + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(secret, token, NOW + 59_999).ok).toBe(true);
  });

  it('refuses a token issued beyond the clock skew in the future', () => {
    const { token } = signToken(secret, claims, { lifetimeSeconds: 3600, now: NOW + 120_000 });
    expect(verifyToken(secret, token, NOW)).toEqual({ ok: false, reason: 'not_yet_valid' });
    const { token: slight } = signToken(secret, claims, { lifetimeSeconds: 3600, now: NOW + 5000 });
    expect(verifyToken(secret, slight, NOW).ok).toBe(true);
  });

  it('refuses a wrong version, even correctly signed', () => {
    const token = forge({ v: 2, ...claims, iat: NOW / 1000, exp: NOW / 1000 + 60 });
    expect(verifyToken(secret, token, NOW)).toEqual({ ok: false, reason: 'bad_version' });
  });

  it('refuses bad JSON and bad shapes, even correctly signed', () => {
    const body = Buffer.from('{not json').toString('base64url');
    const signed = `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
    expect(verifyToken(secret, signed, NOW)).toEqual({ ok: false, reason: 'malformed' });
    const base = { v: 1, ...claims, iat: NOW / 1000, exp: NOW / 1000 + 60 };
    for (const bad of [
      { ...base, role: 'owner' },
      { ...base, space: '../x' },
      { ...base, exp: base.iat },
      { ...base, extra: true },
      { ...base, iat: 'now' },
    ]) {
      expect(verifyToken(secret, forge(bad), NOW)).toEqual({ ok: false, reason: 'bad_payload' });
    }
  });

  it('refuses malformed strings', () => {
    for (const bad of ['', '.', 'abc', 'a.b.c', 'a b.c', 'ab+/.cd==', 'x'.repeat(3000) + '.y']) {
      expect(verifyToken(secret, bad, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
