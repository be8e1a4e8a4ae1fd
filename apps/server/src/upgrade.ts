import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseRoomName } from '@ronde/domain';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Authenticate, Identity } from './authenticate.ts';
import type { LiveConnections } from './liveConnections.ts';
import type { Logger } from './log.ts';

export const SYNC_PREFIX = '/sync/';

export interface UpgradeContext {
  readonly wss: WebSocketServer;
  readonly authenticate: Authenticate;
  /** Connection counts per address and per member (429 past the limits), across instances (CLUSTER-7). */
  readonly admission: Pick<LiveConnections, 'reserveAddress' | 'reserveMember'> & {
    confirmMember?(spaceId: string, userId: string): Promise<boolean>;
  };
  readonly log: Logger;
  readonly isClosing: () => boolean;
  readonly onConnection: (socket: WebSocket, room: string, identity: Identity) => void;
  /** Called with the error code of each refused upgrade (refusals on `/metrics`). */
  readonly onRefused?: (code: string) => void;
}

/**
 * Admits a WebSocket upgrade only at `/sync/<spaceId>/<kind>/<id>` (404
 * elsewhere, 400 for a room name `parseRoomName` refuses, 503 while shutting
 * down), within the connection limits (429), after `authenticate` agreed;
 * refusals are plain HTTP responses, each logged without the query string
 * (it carries the token). A reserved slot is given back when the raw socket
 * closes, whichever way it ends.
 */
export function createUpgradeHandler(ctx: UpgradeContext) {
  const refuse = (socket: Duplex, status: number, code: string, message: string): void => {
    ctx.onRefused?.(code);
    refuseSocket(socket, status, code, message);
  };
  // One listener for every socket: made per request, it would keep that request's
  // scope (the request, its headers, `head`) alive as long as the socket.
  const onSocketError = (error: Error): void => ctx.log.debug('upgrade socket error', { error });
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', onSocketError);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (ctx.isClosing()) return refuse(socket, 503, 'shutting_down', 'the server is shutting down');
    if (!path.startsWith(SYNC_PREFIX))
      return refuse(socket, 404, 'not_found', `no WebSocket at ${path}`);
    const room = path.slice(SYNC_PREFIX.length);
    const ref = parseRoomName(room);
    if (!ref) {
      ctx.log.info('refused room', { room: room.slice(0, 200) });
      return refuse(socket, 400, 'invalid_room', 'rooms are <spaceId>/<kind>/<id>');
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const releaseAddress = ctx.admission.reserveAddress(address);
    if (!releaseAddress) {
      ctx.log.warn('refused connection', {
        room,
        status: 429,
        reason: 'too many connections from this address',
        address,
      });
      return refuse(socket, 429, 'too_many_connections', 'too many connections from this address');
    }
    holdUntilClosed(socket, releaseAddress);
    ctx.authenticate(req, ref).then(
      (result) => {
        if (!result.ok) {
          ctx.log.info('refused connection', {
            room,
            status: result.status,
            reason: result.reason,
            address,
          });
          const code = result.status === 401 ? 'unauthorized' : 'forbidden';
          return refuse(socket, result.status, code, result.reason);
        }
        const { spaceId, userId } = result.identity;
        if (spaceId !== null && userId !== null) {
          const releaseMember = ctx.admission.reserveMember(spaceId, userId);
          if (!releaseMember) {
            ctx.log.warn('refused connection', {
              room,
              status: 429,
              reason: 'too many connections for this member',
              userId,
            });
            return refuse(
              socket,
              429,
              'too_many_connections',
              'too many connections for this member',
            );
          }
          holdUntilClosed(socket, releaseMember);
        }
        const confirmed =
          spaceId !== null && userId !== null && ctx.admission.confirmMember
            ? ctx.admission.confirmMember(spaceId, userId)
            : null;
        const admit = (ok: boolean): void => {
          if (!ok) {
            ctx.log.warn('refused connection', {
              room,
              status: 429,
              reason: 'too many connections for this member across instances',
              userId,
            });
            return refuse(
              socket,
              429,
              'too_many_connections',
              'too many connections for this member',
            );
          }
          if (ctx.isClosing())
            return refuse(socket, 503, 'shutting_down', 'the server is shutting down');
          ctx.wss.handleUpgrade(req, socket, head, (ws) =>
            ctx.onConnection(ws, room, result.identity),
          );
        };
        if (confirmed) void confirmed.then(admit, () => admit(true));
        else admit(true);
      },
      (error: unknown) => {
        ctx.log.error('authenticate failed', { room, error });
        refuse(socket, 500, 'internal', 'authentication failed');
      },
    );
  };
}

/** Gives `release` back when the socket closes (or now, if it already has). */
function holdUntilClosed(socket: Duplex, release: () => void): void {
  socket.once('close', release);
  if (socket.destroyed) release();
}

function refuseSocket(socket: Duplex, status: number, code: string, message: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'X-Content-Type-Options: nosniff\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
