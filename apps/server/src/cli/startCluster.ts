/**
 * `pnpm start:cluster -- --instances 3 [--port 8080] [server flags…]`:
 * starts N instances of the built server (`dist/main.js`) on consecutive
 * ports, all on `DATABASE_URL` and `REDIS_URL` and one `RONDE_SECRET`
 * (made for this run when unset), each with its own data dir under
 * `--data-dir` (default `./data`). Put any load balancer in front: no
 * sticky sessions are needed. SIGINT/SIGTERM stop every instance.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

interface Plan {
  readonly instances: number;
  readonly port: number;
  readonly dataDir: string;
  readonly rest: readonly string[];
}

function parse(argv: readonly string[]): Plan {
  let instances = 3;
  let port = 8080;
  let dataDir = './data';
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (arg === '--') continue;
    if (flag === '--instances') instances = Number(value());
    else if (flag === '--port') port = Number(value());
    else if (flag === '--data-dir') dataDir = value();
    else rest.push(arg);
  }
  if (!Number.isInteger(instances) || instances < 1 || instances > 64) {
    fail('--instances must be an integer from 1 to 64');
  }
  if (!Number.isInteger(port) || port < 1 || port + instances - 1 > 65535) {
    fail('--port must leave room for every instance below 65536');
  }
  return { instances, port, dataDir, rest };
}

function fail(message: string): never {
  process.stderr.write(`start:cluster: ${message}\n`);
  process.exit(2);
}

const plan = parse(process.argv.slice(2));
if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
  fail(
    'set DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/ronde, redis://127.0.0.1:6379)',
  );
}
const secret = process.env.RONDE_SECRET || randomBytes(32).toString('base64url');
if (!process.env.RONDE_SECRET) {
  process.stderr.write(
    'start:cluster: RONDE_SECRET unset: one made for this run (sessions end with it)\n',
  );
}

const children: ChildProcess[] = [];
let stopping = false;
for (let i = 0; i < plan.instances; i++) {
  const port = plan.port + i;
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      MAIN,
      '--port',
      String(port),
      '--data-dir',
      join(plan.dataDir, `instance-${i + 1}`),
      ...plan.rest,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, RONDE_SECRET: secret } },
  );
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`start:cluster: instance on port ${port} exited (${signal ?? code})\n`);
    }
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
  });
  children.push(child);
}

const stop = (signal: NodeJS.Signals): void => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
};
process.once('SIGINT', () => stop('SIGTERM'));
process.once('SIGTERM', () => stop('SIGTERM'));
