import { createHmac, timingSafeEqual } from 'node:crypto';
import { isId } from '@ronde/domain';
import { z } from 'zod';

export const ROLES = ['admin', 'facilitator', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed claims of a session token (docs/trust-api.md). Times are epoch seconds. */
export interface TokenPayload {
  readonly v: 1;
  readonly space: string;
  readonly sub: string;
  readonly role: Role;
  readonly iat: number;
  readonly exp: number;
}

export type TokenFailure =
  'malformed' | 'bad_signature' | 'bad_version' | 'bad_payload' | 'expired' | 'not_yet_valid';

export type VerifyResult =
  | { readonly ok: true; readonly payload: TokenPayload }
  | { readonly ok: false; readonly reason: TokenFailure };

/** A token issued this far in the future (clock skew between instances) is still taken. */
export const MAX_CLOCK_SKEW_SECONDS = 60;
const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

const Payload = z
  .object({
    v: z.number(),
    space: z.string().refine(isId),
    sub: z.string().refine(isId),
    role: z.enum(ROLES),
    iat: z.number().int().nonnegative(),
    exp: z.number().int().positive(),
  })
  .strict();

function mac(secret: Uint8Array, signed: string): Buffer {
  return createHmac('sha256', secret).update(signed, 'ascii').digest();
}

/**
 * Signs a session token: `base64url(JSON payload) + "." + base64url(HMAC-SHA256)`,
 * the HMAC taken over the first part as sent (its ASCII bytes), as in JWS.
 * Returns the token and its expiry in epoch milliseconds.
 *
 * @example
 * const { token, expiresAt } = signToken(secret, { space, sub: userId, role: 'member' }, { lifetimeSeconds: 3600 });
 */
export function signToken(
  secret: Uint8Array,
  claims: { readonly space: string; readonly sub: string; readonly role: Role },
  options: { readonly lifetimeSeconds: number; readonly now?: number },
): { token: string; expiresAt: number; payload: TokenPayload } {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const payload: TokenPayload = {
    v: 1,
    space: claims.space,
    sub: claims.sub,
    role: claims.role,
    iat,
    exp: iat + options.lifetimeSeconds,
  };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  const token = `${body}.${mac(secret, body).toString('base64url')}`;
  return { token, expiresAt: payload.exp * 1000, payload };
}

/**
 * Verifies a session token: the signature first (compared in constant time),
 * then the version, the payload's shape, its expiry and an `iat` not beyond
 * {@link MAX_CLOCK_SKEW_SECONDS} in the future. `now` is epoch milliseconds.
 *
 * @example
 * const result = verifyToken(secret, token);
 * if (result.ok) console.log(result.payload.space);
 */
export function verifyToken(secret: Uint8Array, token: string, now = Date.now()): VerifyResult {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature) return { ok: false, reason: 'malformed' };
  if (!BASE64URL.test(body) || !BASE64URL.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, body);
  // A different length cannot match; the comparison itself never short-circuits.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof json !== 'object' || json === null || (json as { v?: unknown }).v !== 1) {
    return { ok: false, reason: 'bad_version' };
  }
  const parsed = Payload.safeParse(json);
  if (!parsed.success || parsed.data.exp <= parsed.data.iat) {
    return { ok: false, reason: 'bad_payload' };
  }
  const payload = parsed.data as TokenPayload;
  const nowSeconds = now / 1000;
  if (nowSeconds >= payload.exp) return { ok: false, reason: 'expired' };
  if (payload.iat > nowSeconds + MAX_CLOCK_SKEW_SECONDS) {
    return { ok: false, reason: 'not_yet_valid' };
  }
  return { ok: true, payload };
}
