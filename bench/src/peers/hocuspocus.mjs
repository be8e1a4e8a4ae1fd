// Hocuspocus as its documentation sets it up: `new Server({ port })`, with
// its defaults (2 s store debounce), and the SQLite extension when a data
// directory is given.
//
//   node src/peers/hocuspocus.mjs <port> [<data dir>]
import { join } from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const port = Number(process.argv[2]);
const dataDir = process.argv[3] ?? '';

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  extensions: dataDir ? [new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') })] : [],
});
await server.listen();
console.log(`listening ${port}`);
