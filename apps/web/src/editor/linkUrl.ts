const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/**
 * The link address to store for what a person typed, or `null` when it is
 * not a web or mail address (so `javascript:` and friends never reach the
 * document). A bare domain gets `https://`.
 *
 * @example
 * normalizeLinkUrl('example.org/a'); // 'https://example.org/a'
 * normalizeLinkUrl('javascript:alert(1)'); // null
 */
export function normalizeLinkUrl(input: string): string | null {
  const value = input.trim();
  if (value === '' || /\s/.test(value)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(value);
  const candidate = hasScheme ? value : `https://${value}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  if (url.protocol === 'mailto:') return url.pathname.includes('@') ? candidate : null;
  if (!url.hostname || (!hasScheme && !url.hostname.includes('.'))) return null;
  return url.href;
}
