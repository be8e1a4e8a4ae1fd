import { execFileSync, execSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RondeSource {
  /** The server package's directory, where the server runs. */
  readonly serverDir: string;
  /** Node's arguments before the server's flags. */
  readonly entry: readonly string[];
  /** What is measured: a commit, or the work tree with its uncommitted changes. */
  readonly label: string;
  readonly remove: () => void;
}

/** Links every entry of `from` into a new folder `to`, but for the names in `except`. */
function linkEntries(from: string, to: string, except: readonly string[] = []): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (except.includes(name)) continue;
    symlinkSync(realpathSync(join(from, name)), join(to, name));
  }
}

/** Runs the package's own `build` script (esbuild → dist/main.js) in `serverDir`. */
function buildServer(serverDir: string): void {
  const pkg = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const build = pkg.scripts.build ?? '';
  if (!build.startsWith('esbuild ')) throw new Error(`unexpected server build script: ${build}`);
  const esbuild = realpathSync(join(serverDir, 'node_modules/esbuild/bin/esbuild'));
  execSync(`'${esbuild}' ${build.slice('esbuild '.length)}`, { cwd: serverDir, stdio: 'pipe' });
}

/**
 * The Ronde server to measure. `head` (or any commit): the committed HEAD, exported with
 * `git archive` into a temporary folder that borrows the repository's
 * installed dependencies, so that others' uncommitted work in the shared
 * tree is not what gets measured, and built as for production; `overlay`
 * names files (from the repository root) taken from the work tree instead.
 * `worktree`: the files as they are.
 */
export function prepareRonde(
  repoRoot: string,
  which: string,
  overlay: readonly string[] = [],
): RondeSource {
  if (which === 'worktree') {
    return {
      serverDir: join(repoRoot, 'apps/server'),
      entry: ['--import', 'tsx', 'src/main.ts'],
      label: 'work tree, from source with tsx',
      remove: () => {},
    };
  }
  const rev = which === 'head' ? 'HEAD' : which;
  const commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--short', `${rev}^{commit}`], {
    encoding: 'utf8',
  }).trim();
  const root = mkdtempSync(join(tmpdir(), 'ronde-bench-src-'));
  execSync(
    `git -C '${repoRoot}' archive ${commit} apps/server packages/domain package.json tsconfig.base.json | tar -x -C '${root}'`,
  );
  // The work tree's own copies of a few files (`--overlay`): one's changes, not the tree's others.
  for (const path of overlay) copyFileSync(join(repoRoot, path), join(root, path));
  const server = join(root, 'apps/server');
  const domain = join(root, 'packages/domain');
  linkEntries(join(repoRoot, 'apps/server/node_modules'), join(server, 'node_modules'), ['@ronde']);
  mkdirSync(join(server, 'node_modules/@ronde'));
  symlinkSync(domain, join(server, 'node_modules/@ronde/domain'));
  linkEntries(join(repoRoot, 'packages/domain/node_modules'), join(domain, 'node_modules'));
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  buildServer(server);
  return {
    serverDir: server,
    entry: ['--enable-source-maps', 'dist/main.js'],
    label:
      `commit ${commit}` +
      (overlay.length > 0 ? ` with the work tree's ${overlay.join(', ')}` : '') +
      ', built and started as `pnpm start` does',
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
