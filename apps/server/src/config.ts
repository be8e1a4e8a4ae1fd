import { fileURLToPath } from 'node:url';
import { isLogLevel, type LogLevel } from './log.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';

/** Everything the server needs to start; see the README for each setting. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly webDir: string;
  readonly limits: Limits;
  /** How long a document with no connection stays in memory. */
  readonly unloadGraceMs: number;
  /** Compact a document's update log after this many appended updates… */
  readonly compactAfterUpdates: number;
  /** …or after this many appended bytes, whichever comes first. */
  readonly compactAfterBytes: number;
}

/** A configuration error: main prints it and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The built SPA, found from this file both in `src/` and in the `dist/` bundle. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly apply: (raw: string, into: Mutable) => void;
}

type Mutable = { -readonly [K in Exclude<keyof Config, 'limits'>]: Config[K] } & {
  limits: { -readonly [K in keyof Limits]: Limits[K] };
};

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function nonEmpty(name: string, raw: string): string {
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
}

const MAX_BYTES = 1024 * 1024 * 1024;

const SETTINGS: readonly Setting[] = [
  { flag: 'port', env: 'PORT', apply: (raw, c) => (c.port = integer('port', raw, 0, 65535)) },
  { flag: 'host', env: 'HOST', apply: (raw, c) => (c.host = nonEmpty('host', raw)) },
  {
    flag: 'data-dir',
    env: 'RONDE_DATA_DIR',
    apply: (raw, c) => (c.dataDir = nonEmpty('data dir', raw)),
  },
  {
    flag: 'log-level',
    env: 'LOG_LEVEL',
    apply: (raw, c) => {
      if (!isLogLevel(raw)) {
        throw new ConfigError(`log level must be debug, info, warn, error or silent, got "${raw}"`);
      }
      c.logLevel = raw;
    },
  },
  {
    flag: 'web-dir',
    env: 'RONDE_WEB_DIR',
    apply: (raw, c) => (c.webDir = nonEmpty('web dir', raw)),
  },
  {
    flag: 'max-message-bytes',
    env: 'RONDE_MAX_MESSAGE_BYTES',
    apply: (raw, c) =>
      (c.limits.maxMessageBytes = integer('max message bytes', raw, 1024, MAX_BYTES)),
  },
  {
    flag: 'unload-grace-ms',
    env: 'RONDE_UNLOAD_GRACE_MS',
    apply: (raw, c) => (c.unloadGraceMs = integer('unload grace', raw, 0, 86_400_000)),
  },
  {
    flag: 'compact-after-updates',
    env: 'RONDE_COMPACT_AFTER_UPDATES',
    apply: (raw, c) =>
      (c.compactAfterUpdates = integer('compact after updates', raw, 2, 1_000_000)),
  },
  {
    flag: 'compact-after-bytes',
    env: 'RONDE_COMPACT_AFTER_BYTES',
    apply: (raw, c) => (c.compactAfterBytes = integer('compact after bytes', raw, 1, MAX_BYTES)),
  },
];

export const USAGE = `Usage: ronde-server [options]
${SETTINGS.map((s) => `  --${s.flag.padEnd(24)} (env ${s.env})`).join('\n')}`;

/** The configuration with every default. */
export function defaultConfig(): Config {
  return {
    port: 8080,
    host: '127.0.0.1',
    dataDir: './data',
    logLevel: 'info',
    webDir: DEFAULT_WEB_DIR,
    limits: DEFAULT_LIMITS,
    unloadGraceMs: 30_000,
    compactAfterUpdates: 500,
    compactAfterBytes: 4 * 1024 * 1024,
  };
}

/**
 * Reads the configuration: defaults, then environment variables, then flags
 * (`--port 9000` or `--port=9000`). Throws a {@link ConfigError} on any
 * unknown flag or invalid value.
 *
 * @example
 * parseConfig(['--port', '0', '--data-dir', '/tmp/x'], process.env).port; // 0
 */
export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Config {
  const base = defaultConfig();
  const config: Mutable = { ...base, limits: { ...base.limits } };
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    if (raw !== undefined && raw !== '') setting.apply(raw, config);
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const setting = match && SETTINGS.find((s) => s.flag === match[1]);
    if (!match || !setting) throw new ConfigError(`unknown argument "${arg}"`);
    let raw = match[2];
    if (raw === undefined) {
      raw = argv[++i];
      if (raw === undefined) throw new ConfigError(`--${setting.flag} needs a value`);
    }
    setting.apply(raw, config);
  }
  return config;
}
