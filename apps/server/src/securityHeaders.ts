import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of every response. The SPA is one module
 * script and one stylesheet from `/assets/` (no inline script, no eval);
 * React and TipTap set inline `style` attributes, hence `'unsafe-inline'`
 * for styles only. Sockets go to this server (`ws:`/`wss:` because
 * `'self'` does not cover them in every browser).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every HTTP response, API and SPA alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // Join and sign-in links carry secrets (in the fragment, which browsers never
  // send; no-referrer keeps even the path to ourselves).
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** Sets the security headers; later `writeHead` headers add to them. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
