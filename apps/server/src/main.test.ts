import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, tempDir, waitFor } from '../test/helpers.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      cwd: SERVER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('main', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  it('logs "listening" once with its port and host, and stops on SIGINT with exit 0', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const server = await spawnServer(join(dir.path, 'created-on-start'));
    cleanups.push(() => server.child.kill('SIGKILL'));
    expect(server.lines.find((l) => l.msg === 'listening')).toMatchObject({
      level: 'info',
      port: server.port,
      host: '127.0.0.1',
      url: `http://127.0.0.1:${server.port}/`,
      time: expect.any(String),
    });
    server.child.kill('SIGINT');
    expect((await server.exited).code).toBe(0);
    expect(server.lines.filter((l) => l.msg === 'listening')).toHaveLength(1);
  });

  it('exits 2 with a clear message on an invalid flag or variable', async () => {
    const flag = await run(['--port', 'eighty']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('port must be an integer, got "eighty"');
    expect(flag.stderr).toContain('--data-dir');
    const unknown = await run(['--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument "--frobnicate"');
  });

  it('exits 1 with a logged error when the data dir is unusable', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    writeFileSync(join(dir.path, 'file'), '');
    const result = await run(['--port', '0', '--data-dir', join(dir.path, 'file', 'data')]);
    expect(result.code).toBe(1);
    const line = JSON.parse(result.stdout.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', msg: 'cannot start' });
    expect(JSON.stringify(line)).toContain('cannot open the database in data dir');
  });

  // Retried: it rebuilds the shared dist/ while other suites may start the
  // bundle; a failure seen once in a full parallel run did not reproduce alone.
  it(
    'builds to one bundle that starts, logs its port and prints the address to open',
    { retry: 2 },
    async () => {
      await promisify(execFile)('pnpm', ['run', 'build'], { cwd: SERVER_DIR });
      const dir = tempDir();
      cleanups.push(dir.remove);
      const child = spawn(
        process.execPath,
        ['dist/main.js', '--port', '0', '--data-dir', dir.path, '--log-level', 'info'],
        { cwd: SERVER_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      cleanups.push(() => child.kill('SIGKILL'));
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const line = await waitFor(
        () => stdout.split('\n').find((l) => l.includes('"listening"')),
        'the bundle to listen',
      );
      const { port } = JSON.parse(line) as { port: number };
      expect(port).toBeGreaterThan(0);
      // The person who started it is told where to go (README: "Start Ronde").
      await waitFor(
        () => stderr.includes(`Ronde is ready: open http://127.0.0.1:${port}/`),
        'the address to open',
      );
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
