#!/usr/bin/env node
// One entry point for a fresh machine that has only Node.js and npm:
//   node scripts/bootstrap.mjs start   install, build, start Ronde (SQLite, one port)
//   node scripts/bootstrap.mjs test    install, then run every check and test
// It installs pnpm when missing, Debian's Chromium for the browser tests when it
// can (root + apt-get), and points node-gyp at Node's headers when they are
// installed system-wide (better-sqlite3 compiles from source where its prebuilt
// binary cannot be downloaded).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.21.0';
const root = fileURLToPath(new URL('..', import.meta.url));
const mode = process.argv[2];
const extra = process.argv.slice(3);
const env = { ...process.env };

function fail(message) {
  console.error(`\nronde: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', ...options });
  if (result.error) return { ok: false, status: 1 };
  return { ok: result.status === 0, status: result.status ?? 1 };
}

function has(command, args = ['--version']) {
  return spawnSync(command, args, { env, stdio: 'ignore' }).status === 0;
}

function ensurePnpm() {
  if (has('pnpm')) return;
  console.log(`ronde: installing pnpm ${PNPM_VERSION}…`);
  if (run('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`]).ok && has('pnpm')) return;
  // No permission for a global install: keep pnpm inside the checkout.
  const prefix = join(root, '.tools');
  if (!run('npm', ['install', '--prefix', prefix, '--no-save', `pnpm@${PNPM_VERSION}`]).ok) {
    fail('could not install pnpm with npm; install it yourself (npm i -g pnpm) and retry.');
  }
  env.PATH = `${join(prefix, 'node_modules', '.bin')}${delimiter}${env.PATH ?? ''}`;
}

function ensureChromium() {
  const browser = env.RONDE_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(browser)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get', ['--version'])) {
    console.log("ronde: installing Debian's chromium for the browser tests…");
    const quiet = { stdio: ['ignore', 'inherit', 'inherit'] };
    env.DEBIAN_FRONTEND = 'noninteractive';
    if (
      run('apt-get', ['update'], quiet).ok &&
      run('apt-get', ['install', '-y', 'chromium'], quiet).ok
    ) {
      return;
    }
  }
  fail(
    `the browser tests need Chromium at ${browser}. Install it (Debian/Ubuntu: ` +
      'sudo apt-get install chromium) or set RONDE_CHROMIUM to your Chromium or Chrome binary.',
  );
}

if (mode !== 'start' && mode !== 'test') {
  fail('usage: node scripts/bootstrap.mjs start|test [server flags]');
}
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(`Ronde needs Node.js 20.19 or newer (this is ${process.version}).`);
}
if (
  !env.npm_config_nodedir &&
  process.execPath === '/usr/bin/node' &&
  existsSync('/usr/include/node/node.h')
) {
  env.npm_config_nodedir = '/usr';
}
ensurePnpm();
const install = run('pnpm', ['install', '--frozen-lockfile']);
if (!install.ok) fail('pnpm install failed (see above).');

if (mode === 'start') {
  if (!run('pnpm', ['build']).ok) fail('the build failed (see above).');
  // Hand the terminal to the server: Ctrl-C and SIGTERM reach it directly.
  const server = run('node', ['--enable-source-maps', 'apps/server/dist/main.js', ...extra]);
  process.exit(server.status);
} else {
  ensureChromium();
  process.exit(run('pnpm', ['check']).status);
}
