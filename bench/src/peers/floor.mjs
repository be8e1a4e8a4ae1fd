// The floor: the least a y-websocket server on Node and `ws` can do. It keeps
// no document and stores nothing: it answers a client's sync step 1 with an
// empty step 2 and sends every other message's bytes, as they came, to the
// other clients of its room (`ws.send` each, as `@y/websocket-server` does).
// Not a usable server (a late joiner gets nothing of the past): a reference
// line, what reading and sending alone cost on this machine.
//
//   node src/peers/floor.mjs <port>
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2]);
/** Sync step 2 holding an empty update: [messageSync 0, step2 1, length 2, update 0 0]. */
const EMPTY_STEP2 = new Uint8Array([0, 1, 2, 0, 0]);
const rooms = new Map();

const server = new WebSocketServer({ port, host: '127.0.0.1', perMessageDeflate: false });
server.on('connection', (socket, request) => {
  const room = request.url ?? '/';
  let peers = rooms.get(room);
  if (!peers) rooms.set(room, (peers = new Set()));
  peers.add(socket);
  socket.on('message', (data) => {
    // Sync step 1 ([0, 0, …]) from the client: answered; its step 2 ([0, 1, …]): dropped.
    if (data[0] === 0 && data[1] === 0) return socket.send(EMPTY_STEP2);
    if (data[0] === 0 && data[1] === 1) return;
    for (const peer of peers) if (peer !== socket) peer.send(data);
  });
  socket.on('close', () => {
    peers.delete(socket);
    if (peers.size === 0) rooms.delete(room);
  });
});
server.on('listening', () => console.log(`listening ${port}`));
