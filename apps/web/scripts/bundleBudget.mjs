#!/usr/bin/env node
/**
 * The JavaScript budget of the built SPA (`dist/`, from `vite build`).
 *
 * For each route, the chunks the browser loads before the page can show:
 * the entry (`index.html`) and the route's lazy page module, each with its
 * static imports, followed transitively through Vite's build manifest
 * (`dist/.vite/manifest.json`). Dynamic imports are not followed: the pages
 * load them only on demand (the editor, while someone edits). Prints every
 * route's gzipped total and every chunk's size, and exits 1 when the
 * participant's meeting view is over its budget.
 *
 * Usage: `pnpm --filter @ronde/web budget` after `pnpm --filter @ronde/web build`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** The participant's meeting view may load at most this much gzipped JS (issue 11). */
const BUDGET_KB = 250;
const BUDGETED_ROUTE = '/s/:spaceId/m/:meetingId';

/** Each route of `src/App.tsx` and the module its lazy page is imported from. */
const ROUTES = [
  ['/', 'src/pages/HomePage.tsx'],
  ['/s/:spaceId', 'src/pages/SpacePage.tsx'],
  ['/s/:spaceId/p/:proposalId', 'src/pages/ProposalPage.tsx'],
  ['/s/:spaceId/m/:meetingId', 'src/pages/MeetingPage.tsx'],
  ['/s/:spaceId/decisions', 'src/pages/DecisionLogPage.tsx'],
  ['/s/:spaceId/governance', 'src/pages/GovernancePage.tsx'],
  ['/s/:spaceId/members', 'src/pages/MembersPage.tsx'],
  ['/s/:spaceId/signin', 'src/pages/SignInPage.tsx'],
  ['/join', 'src/pages/JoinPage.tsx'],
];

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8'));
} catch (error) {
  console.error(`bundle budget: no build manifest in ${DIST} (run the web build first)`);
  console.error(String(error));
  process.exit(1);
}

const sizes = new Map();
/** Raw and gzipped bytes of one built file. */
function sizeOf(file) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(join(DIST, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(file, size);
  }
  return size;
}

/** The JS files a manifest entry needs at once: itself and its static imports. */
function closure(key, files = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`bundle budget: ${key} is not in the build manifest`);
  if (files.has(chunk.file)) return files;
  if (chunk.file.endsWith('.js')) files.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, files);
  return files;
}

const kb = (bytes) => (bytes / 1000).toFixed(1).padStart(7);
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entry) {
  console.error('bundle budget: the manifest has no entry');
  process.exit(1);
}

let failed = false;
let budgeted = null;
console.log('Gzipped JavaScript loaded at start, per route (KB):');
for (const [route, page] of ROUTES) {
  if (!manifest[page]) {
    console.error(`bundle budget: ${page} (route ${route}) is not a chunk of its own`);
    failed = true;
    continue;
  }
  const files = closure(page, closure(entry));
  const total = [...files].reduce((sum, file) => sum + sizeOf(file).gzip, 0);
  if (route === BUDGETED_ROUTE) budgeted = { files, total };
  console.log(`  ${kb(total)}  ${route}`);
}

console.log('\nEvery chunk (KB, raw / gzipped):');
for (const chunk of Object.values(manifest)) {
  if (!chunk.file.endsWith('.js')) continue;
  const { raw, gzip } = sizeOf(chunk.file);
  const mark = budgeted?.files.has(chunk.file) ? '*' : ' ';
  console.log(`  ${kb(raw)} ${kb(gzip)} ${mark} ${chunk.file}`);
}
console.log(`  (* loaded by the participant's meeting view, ${BUDGETED_ROUTE})`);

if (budgeted) {
  const total = budgeted.total / 1000;
  const verdict = total <= BUDGET_KB ? 'within' : 'OVER';
  console.log(
    `\nParticipant's meeting view: ${total.toFixed(1)} KB of gzipped JS, ${verdict} the budget of ${BUDGET_KB} KB`,
  );
  if (total > BUDGET_KB) failed = true;
}
process.exit(failed ? 1 : 0);
