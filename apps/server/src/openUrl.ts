/**
 * The address a person opens for a server listening on `host:port`: a
 * wildcard host (all interfaces) is reached on this machine as localhost,
 * and an IPv6 host goes in brackets.
 *
 * @example
 * openUrl('0.0.0.0', 8080); // 'http://localhost:8080/'
 */
export function openUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  const bracketed = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${bracketed}:${port}/`;
}
