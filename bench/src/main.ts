// Ronde's sync server against its peers, under the same load (bench/README.md).
//
//   pnpm bench:load                    # 3 interleaved repetitions, the small load
//   pnpm bench:load --large            # … and 2,000 connections in 200 rooms
//   pnpm bench:load --large --stall    # … and that load again, the server stopped 5 s in it
//   pnpm bench:smoke                   # a tiny load, one repetition (seconds)
//   pnpm bench:load --reps 5 --servers ronde,y-ws --ronde worktree
//   pnpm bench:load --reps 1 --servers ronde --only small --profile /tmp/prof
//   pnpm bench:load --servers ronde,y-ws --overlay apps/server/src/connection.ts
//   pnpm bench:load --servers ronde,ronde-b,y-ws --ronde-b a37180d   # an A/B of two commits
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasTaskset, pinProcess, waitForQuiet } from './procStat.ts';
import { prepareRonde } from './rondeSource.ts';
import { runColdLoad } from './scenarios/coldLoad.ts';
import { runIdle } from './scenarios/idle.ts';
import { runJoinStorm } from './scenarios/joinStorm.ts';
import { runLoad, type LoadShape } from './scenarios/load.ts';
import {
  floorKind,
  hocuspocusKind,
  rondeKind,
  startServer,
  yWebsocketKind,
  type ServerKind,
} from './servers.ts';
import { detailTable, record, summaryTable, type Measure, type Results } from './table.ts';

interface Plan {
  readonly reps: number;
  readonly idleConnections: number;
  readonly loads: readonly { name: string; shape: LoadShape }[];
  readonly stormClients: number;
  readonly stormDocChars: number;
  readonly coldDocChars: number;
}

const SMALL: LoadShape = {
  rooms: 10,
  clientsPerRoom: 4,
  writersPerRoom: 4,
  hz: 10,
  warmupMs: 2000,
  windowMs: 10_000,
};
const LARGE: LoadShape = {
  rooms: 200,
  clientsPerRoom: 10,
  writersPerRoom: 1,
  hz: 10,
  warmupMs: 3000,
  windowMs: 10_000,
};
const TINY: LoadShape = {
  rooms: 2,
  clientsPerRoom: 3,
  writersPerRoom: 3,
  hz: 10,
  warmupMs: 300,
  windowMs: 1000,
};

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const large = args.includes('--large');
/** `--stall`: the large load again, the server stopped 5 s in it; measured 10 s after it resumed. */
const stall = args.includes('--stall');
/** `--warmup <s>`: a longer warm-up before each load's window (steady state, profiles). */
const warmupSeconds = option(args, '--warmup');
const warmupMs = warmupSeconds === undefined ? undefined : Number(warmupSeconds) * 1000;
const plan: Plan = smoke
  ? {
      reps: 1,
      idleConnections: 50,
      loads: [
        { name: 'small', shape: TINY },
        { name: 'stall', shape: { ...TINY, stall: { ms: 300, recoverMs: 300 } } },
      ],
      stormClients: 20,
      stormDocChars: 10_000,
      coldDocChars: 100_000,
    }
  : {
      reps: Number(option(args, '--reps') ?? 3),
      idleConnections: 500,
      loads: [
        { name: 'small', shape: SMALL },
        ...(large ? [{ name: 'large', shape: LARGE }] : []),
        ...(stall
          ? [{ name: 'stall', shape: { ...LARGE, stall: { ms: 5000, recoverMs: 10_000 } } }]
          : []),
      ].map(({ name, shape }) => ({
        name,
        shape: { ...shape, warmupMs: warmupMs ?? shape.warmupMs },
      })),
      stormClients: 200,
      stormDocChars: 100_000,
      coldDocChars: 1_000_000,
    };

/** `--only idle,small,large,stall,storm,cold`: the scenarios to run (default: all of the plan). */
const only = option(args, '--only')?.split(',');
const runs = (scenario: string): boolean => !only || only.includes(scenario);
const profileDir = option(args, '--profile');

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ronde = prepareRonde(
  repoRoot,
  option(args, '--ronde') ?? 'head',
  option(args, '--overlay')?.split(',') ?? [],
);
/** `--ronde-b <commit>|worktree`: a second Ronde, `ronde-b`, in the same interleaved turns (an A/B of two commits). */
const rondeBWhich = option(args, '--ronde-b');
const rondeB = rondeBWhich === undefined ? null : prepareRonde(repoRoot, rondeBWhich);
/** `--env-b KEY=VALUE,…`: environment for `ronde-b` only (an A/B of two settings of one build). */
const envB = Object.fromEntries(
  (option(args, '--env-b')?.split(',') ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--env-b: ${pair} is not KEY=VALUE`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);
/** `--node-args '<flags>'`, `--node-args-b '<flags>'`: node/V8 flags for `ronde`, `ronde-b` (an A/B of flags, or `--trace-gc` with `--server-log`). */
const nodeArgsOf = (name: string): string[] =>
  option(args, name)?.split(/\s+/).filter(Boolean) ?? [];
const nodeArgsB = nodeArgsOf('--node-args-b');
/** `--server-log <dir>`: every server's stdout and stderr, one file per process. */
const serverLogDir = option(args, '--server-log');
if (serverLogDir) mkdirSync(serverLogDir, { recursive: true });
const allKinds: ServerKind[] = [
  rondeKind(ronde, {
    profileDir: profileDir && resolve(profileDir),
    nodeArgs: nodeArgsOf('--node-args'),
  }),
  ...(rondeB ? [rondeKind(rondeB, { name: 'ronde-b', env: envB, nodeArgs: nodeArgsB })] : []),
  yWebsocketKind(false),
  yWebsocketKind(true),
  hocuspocusKind(false),
  hocuspocusKind(true),
  floorKind(),
];
const wanted = (option(args, '--servers') ?? allKinds.map((k) => k.name).join(',')).split(',');
const kinds = allKinds.filter((k) => wanted.includes(k.name));

const pinned = hasTaskset() && cpus().length >= 2;
if (pinned) pinProcess(process.pid, 0);
const serverCpu = pinned ? 1 : null;

function shapeLabel(s: LoadShape): string {
  const stalled = s.stall
    ? `, ${s.stall.ms / 1000} s stopped, from ${s.stall.recoverMs / 1000} s after`
    : '';
  return `${s.rooms}×${s.clientsPerRoom}, ${s.writersPerRoom} writer${s.writersPerRoom > 1 ? 's' : ''} @${s.hz} Hz${stalled}`;
}

/** Deliveries a second the shape asks for: every write reaches every other client of its room. */
function offeredOf(s: LoadShape): number {
  return s.rooms * s.writersPerRoom * (s.clientsPerRoom - 1) * s.hz;
}

const measures: Measure[] = [
  ...plan.loads.flatMap(({ name, shape }): Measure[] => [
    {
      key: `${name}.cpu`,
      label: `${name} (${shapeLabel(shape)}): server CPU µs / delivery`,
      better: 'lower',
      digits: 1,
    },
    {
      key: `${name}.rate`,
      label: `${name}: deliveries/s achieved (of ${offeredOf(shape)} offered)`,
      better: 'higher',
      digits: 0,
    },
    { key: `${name}.p50`, label: `${name}: latency p50 ms`, better: 'lower', digits: 2 },
    { key: `${name}.p99`, label: `${name}: latency p99 ms`, better: 'lower', digits: 2 },
    { key: `${name}.max`, label: `${name}: latency max ms`, better: 'lower', digits: 1 },
    {
      key: `${name}.missing`,
      label: `${name}: deliveries missing after 3 s`,
      better: 'lower',
      digits: 0,
    },
    { key: `${name}.rss`, label: `${name}: server RSS MB under load`, better: 'lower', digits: 1 },
    {
      key: `${name}.store99`,
      label: `${name}: appends durable, p99 ms (bucket bound; Ronde's /metrics)`,
      better: 'lower',
      digits: 1,
      detailOnly: true,
    },
    {
      key: `${name}.storeSlow`,
      label: `${name}: appends slower than 5 ms, %`,
      better: 'lower',
      digits: 2,
      detailOnly: true,
    },
    {
      key: `${name}.gen`,
      label: `${name}: load generator's cores used`,
      better: 'lower',
      digits: 2,
      detailOnly: true,
    },
  ]),
  {
    key: 'idle',
    label: `RSS KB per idle connection (${plan.idleConnections})`,
    better: 'lower',
    digits: 1,
  },
  {
    key: 'storm',
    label: `join storm: ${plan.stormClients} clients synced, ms`,
    better: 'lower',
    digits: 0,
  },
  {
    key: 'cold',
    label: `cold load of ${plan.coldDocChars / 1e6} MB after restart, ms`,
    better: 'lower',
    digits: 0,
  },
];

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const results: Results = new Map();
/** The machine's 1-minute load average at each turn: other work on the cores shows here. */
const loads: number[] = [];

async function measureServer(kind: ServerKind): Promise<void> {
  loads.push(loadavg()[0] ?? NaN);
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${kind.name.replace('+', '-')}-`));
  const t0 = performance.now();
  let server = await startServer(kind, dataDir, serverCpu, serverLogDir);
  const lap = (what: string, since: number): void =>
    log(`  ${kind.name}: ${what} in ${((performance.now() - since) / 1000).toFixed(1)} s`);
  try {
    let t = performance.now();
    if (runs('idle')) {
      record(
        results,
        kind.name,
        'idle',
        (await runIdle(server, plan.idleConnections, smoke ? 300 : 1500)) / 1024,
      );
      lap('idle', t);
    }
    for (const { name, shape } of plan.loads) {
      if (!runs(name)) continue;
      t = performance.now();
      const f = await runLoad(server, shape);
      record(results, kind.name, `${name}.cpu`, f.cpuMicrosPerDelivery);
      record(results, kind.name, `${name}.rate`, f.deliveriesPerSecond);
      record(results, kind.name, `${name}.p50`, f.p50Ms);
      record(results, kind.name, `${name}.p99`, f.p99Ms);
      record(results, kind.name, `${name}.max`, f.maxMs);
      record(results, kind.name, `${name}.missing`, f.missing);
      record(results, kind.name, `${name}.rss`, f.rssBytes / 2 ** 20);
      record(results, kind.name, `${name}.gen`, f.generatorCores);
      if (f.store) {
        record(results, kind.name, `${name}.store99`, f.store.p99BoundMs);
        record(results, kind.name, `${name}.storeSlow`, f.store.over5MsPercent);
      }
      lap(`${name} load`, t);
      await waitForQuiet(server.pid);
    }
    if (runs('storm') && !kind.reference) {
      t = performance.now();
      record(
        results,
        kind.name,
        'storm',
        await runJoinStorm(server, plan.stormClients, plan.stormDocChars),
      );
      lap('join storm', t);
      await waitForQuiet(server.pid);
    }
    // The smoke run restarts only Ronde: the peers' cold load needs a wait for their debounced store.
    if (runs('cold') && kind.persistent && (!smoke || kind.name === 'ronde')) {
      t = performance.now();
      const cold = await runColdLoad(
        server,
        dataDir,
        serverCpu,
        plan.coldDocChars,
        smoke ? 0 : 3000,
      );
      server = cold.server;
      record(results, kind.name, 'cold', cold.ms);
      lap('cold load', t);
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  lap('all', t0);
}

const started = performance.now();
log(
  `bench: ${kinds.map((k) => k.name).join(', ')}; ${plan.reps} repetition(s); Ronde from ${ronde.label}; ` +
    (pinned
      ? 'servers on core 1, load generator on core 0'
      : 'NOT pinned (no taskset or one core)'),
);
try {
  for (let rep = 1; rep <= plan.reps; rep++) {
    log(`repetition ${rep}/${plan.reps}`);
    for (const kind of kinds) await measureServer(kind);
  }
} finally {
  ronde.remove();
  rondeB?.remove();
}
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(
  `\nRonde (${ronde.label}) against the best peer; medians of ${plan.reps} interleaved repetition(s), ${minutes} min, node ${process.version}\n`,
);
const measured = measures.filter((m) => runs(m.key.split('.')[0] ?? ''));
if (rondeB) console.log(`ronde-b: ${rondeB.label} (a peer in the table below)\n`);
const references = new Set(kinds.filter((k) => k.reference).map((k) => k.name));
console.log(summaryTable(results, 'ronde', measured, references));
console.log(
  `\nLoad average (1 min) at each turn: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} ` +
    `(the bench itself adds about 1–2; more means other work shared the cores).`,
);
console.log('\nEvery server (medians):\n');
console.log(detailTable(results, measured));
