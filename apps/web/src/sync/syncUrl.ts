/**
 * The websocket endpoint of the sync server: same host as the page, `/sync`
 * (in dev, Vite proxies it to the server).
 *
 * @example
 * syncUrl({ protocol: 'https:', host: 'ronde.example' }); // 'wss://ronde.example/sync'
 */
export function syncUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/sync`;
}
