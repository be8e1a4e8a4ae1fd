import { fileURLToPath } from 'node:url';
import { isLogLevel, type LogLevel } from './log.ts';
import { DEFAULT_HTTP_RATE_LIMITS, type HttpRateLimits } from './httpRateLimit.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';
import { DEFAULT_MESSAGE_RATE_LIMITS, type MessageRateLimits } from './rateLimit.ts';

/** The limits, and the per-connection message rate (absent: the defaults of rateLimit.ts). */
export type ConfigLimits = Limits & Partial<MessageRateLimits>;

/** Everything the server needs to start; see the README for each setting. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly logLevel: LogLevel;
  readonly webDir: string;
  readonly limits: ConfigLimits;
  /** How long a document with no connection stays in memory. */
  readonly unloadGraceMs: number;
  /** Compact a document's update log after this many appended updates… */
  readonly compactAfterUpdates: number;
  /** …or after this many appended bytes, whichever comes first. */
  readonly compactAfterBytes: number;
  /**
   * `required`: every sync upgrade needs a session token. `off`: an upgrade
   * without a token is admitted anonymously (a token that is presented is
   * still verified and applied). The HTTP API works the same either way.
   */
  readonly auth: AuthMode;
  /** Lifetime of a session token, in seconds. */
  readonly tokenLifetimeSeconds: number;
  /**
   * Origins (`scheme://host[:port]`) allowed to open a sync socket, besides
   * the server's own (an Origin whose host equals the request's Host).
   */
  readonly allowedOrigins: readonly string[];
  /** Who may create a space: anyone, or whoever presents `adminSecret`. */
  readonly spaceCreation: SpaceCreation;
  /** `RONDE_ADMIN_SECRET` (environment only): required when creation is restricted. */
  readonly adminSecret: string | null;
  /**
   * `RONDE_METRICS_TOKEN` (environment only): when set, `/metrics` answers
   * only a request with `Authorization: Bearer <it>` (SPEC OPS-3).
   */
  readonly metricsToken: string | null;
  /** `RONDE_SECRET` (environment only): the HMAC secret; `null` uses `<data-dir>/secret.key`. */
  readonly secret: string | null;
  /** `DATABASE_URL`: documents and access on PostgreSQL instead of SQLite (SPEC PG). */
  readonly databaseUrl: string | null;
  /** `REDIS_URL`: relay updates and presence to other instances (SPEC CLUSTER); needs `databaseUrl`. */
  readonly redisUrl: string | null;
  /** Channel prefix on Redis (`<prefix>:room:<room>`): one per deployment sharing a Redis. */
  readonly redisPrefix: string;
  /** Requests per minute on the API's sensitive routes (httpRateLimit.ts, HTTP-n). */
  readonly httpRateLimits: HttpRateLimits;
  /** The server pings each sync socket this often (IDLE-1)… */
  readonly pingIntervalMs: number;
  /** …and cuts one that sent nothing, not even a pong, for this long (IDLE-2). */
  readonly idleTimeoutMs: number;
  /** Open sockets' members are checked against the access store this often (ACCESS-3). */
  readonly accessSweepMs: number;
  /**
   * The shortest time from now to an asynchronous consent's deadline, at its
   * opening or an extension (ACONS-16): an hour by default, so people have
   * time to read; a test deployment may lower it to a minute.
   */
  readonly asyncMinDeadlineMs: number;
}

export type AuthMode = 'required' | 'off';
export type SpaceCreation = 'open' | 'restricted';

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
  limits: { -readonly [K in keyof ConfigLimits]: ConfigLimits[K] };
};

function integer(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function oneOf<T extends string>(name: string, raw: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be ${values.join(' or ')}, got "${raw}"`);
  }
  return raw as T;
}

/** A comma-separated list of origins, each exactly `scheme://host[:port]`. */
function origins(raw: string): string[] {
  const list = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of list) {
    let origin: string;
    try {
      origin = new URL(item).origin;
    } catch {
      origin = 'null';
    }
    if (origin === 'null' || origin !== item.replace(/\/$/, '')) {
      throw new ConfigError(`allowed origins must be like https://ronde.example, got "${item}"`);
    }
  }
  return list.map((item) => item.replace(/\/$/, ''));
}

/** Secrets come from the environment only: flags show up in `ps`. */
function secretEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  minBytes: number,
): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (Buffer.byteLength(raw, 'utf8') < minBytes) {
    throw new ConfigError(`${name} must be at least ${minBytes} bytes long`);
  }
  return raw;
}

/** A URL with one of `schemes` (`postgres:`…): checked here so that a typo fails at start. */
function serviceUrl(name: string, raw: string, schemes: readonly string[]): string {
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (!schemes.includes(protocol)) {
    throw new ConfigError(`${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')}`);
  }
  return raw;
}

function nonEmpty(name: string, raw: string): string {
  if (raw.trim() === '') throw new ConfigError(`${name} must not be empty`);
  return raw;
}

const MAX_BYTES = 1024 * 1024 * 1024;

/** `--rate-<flag>` / `RONDE_RATE_<ENV>`: requests per minute (and burst) of one API limit. */
function rateSettings(
  list: readonly [
    flag: string,
    env: string,
    key: Exclude<keyof HttpRateLimits, 'maxTrackedKeys'>,
  ][],
): Setting[] {
  return list.map(([flag, env, key]) => ({
    flag: `rate-${flag}`,
    env: `RONDE_RATE_${env}`,
    apply: (raw, c) =>
      (c.httpRateLimits = {
        ...c.httpRateLimits,
        [key]: integer(`rate ${flag.replaceAll('-', ' ')}`, raw, 1, 1_000_000),
      }),
  }));
}

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

  {
    flag: 'auth',
    env: 'RONDE_AUTH',
    apply: (raw, c) => (c.auth = oneOf('auth', raw, ['required', 'off'] as const)),
  },
  {
    flag: 'token-lifetime-seconds',
    env: 'RONDE_TOKEN_LIFETIME_SECONDS',
    apply: (raw, c) => (c.tokenLifetimeSeconds = integer('token lifetime', raw, 1, 7 * 24 * 3600)),
  },
  {
    flag: 'allowed-origins',
    env: 'RONDE_ALLOWED_ORIGINS',
    apply: (raw, c) => (c.allowedOrigins = origins(raw)),
  },
  {
    flag: 'max-connections-per-ip',
    env: 'RONDE_MAX_CONNECTIONS_PER_IP',
    apply: (raw, c) =>
      (c.limits.maxConnectionsPerIp = integer('max connections per IP', raw, 1, 1_000_000)),
  },
  {
    flag: 'max-connections-per-member',
    env: 'RONDE_MAX_CONNECTIONS_PER_MEMBER',
    apply: (raw, c) =>
      (c.limits.maxConnectionsPerMember = integer('max connections per member', raw, 1, 1_000_000)),
  },
  {
    flag: 'max-messages-per-second',
    env: 'RONDE_MAX_MESSAGES_PER_SECOND',
    apply: (raw, c) =>
      (c.limits.maxMessagesPerSecond = integer('max messages per second', raw, 1, 1_000_000)),
  },
  {
    flag: 'message-burst',
    env: 'RONDE_MESSAGE_BURST',
    apply: (raw, c) => (c.limits.messageBurst = integer('message burst', raw, 1, 10_000_000)),
  },
  ...rateSettings([
    ['redeem-per-address', 'REDEEM_PER_ADDRESS', 'redeemPerAddress'],
    ['redeem-per-invite', 'REDEEM_PER_INVITE', 'redeemPerInvite'],
    ['session-per-address', 'SESSION_PER_ADDRESS', 'sessionPerAddress'],
    ['session-failures-per-member', 'SESSION_FAILURES_PER_MEMBER', 'sessionFailuresPerMember'],
    ['spaces-per-address', 'SPACES_PER_ADDRESS', 'spacesPerAddress'],
    ['devices-per-member', 'DEVICES_PER_MEMBER', 'devicesPerMember'],
  ]),
  {
    flag: 'rate-max-tracked-keys',
    env: 'RONDE_RATE_MAX_TRACKED_KEYS',
    apply: (raw, c) =>
      (c.httpRateLimits = {
        ...c.httpRateLimits,
        maxTrackedKeys: integer('rate max tracked keys', raw, 100, 10_000_000),
      }),
  },
  {
    flag: 'ping-interval-ms',
    env: 'RONDE_PING_INTERVAL_MS',
    apply: (raw, c) => (c.pingIntervalMs = integer('ping interval', raw, 1000, 3_600_000)),
  },
  {
    flag: 'idle-timeout-ms',
    env: 'RONDE_IDLE_TIMEOUT_MS',
    apply: (raw, c) => (c.idleTimeoutMs = integer('idle timeout', raw, 1000, 86_400_000)),
  },
  {
    flag: 'access-sweep-ms',
    env: 'RONDE_ACCESS_SWEEP_MS',
    apply: (raw, c) => (c.accessSweepMs = integer('access sweep', raw, 1000, 3_600_000)),
  },
  {
    flag: 'async-min-deadline-minutes',
    env: 'RONDE_ASYNC_MIN_DEADLINE_MINUTES',
    apply: (raw, c) =>
      (c.asyncMinDeadlineMs = integer('async min deadline minutes', raw, 1, 1440) * 60_000),
  },
  {
    flag: 'database-url',
    env: 'DATABASE_URL',
    apply: (raw, c) =>
      (c.databaseUrl = serviceUrl('database url', raw, ['postgres:', 'postgresql:'])),
  },
  {
    flag: 'redis-url',
    env: 'REDIS_URL',
    apply: (raw, c) => (c.redisUrl = serviceUrl('redis url', raw, ['redis:', 'rediss:'])),
  },
  {
    flag: 'redis-prefix',
    env: 'RONDE_REDIS_PREFIX',
    apply: (raw, c) => {
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(raw)) {
        throw new ConfigError(`redis prefix must be 1 to 64 of A-Z a-z 0-9 _ . -, got "${raw}"`);
      }
      c.redisPrefix = raw;
    },
  },
  {
    flag: 'space-creation',
    env: 'RONDE_SPACE_CREATION',
    apply: (raw, c) =>
      (c.spaceCreation = oneOf('space creation', raw, ['open', 'restricted'] as const)),
  },
];

export const USAGE = `Usage: ronde-server [options]
${SETTINGS.map((s) => `  --${s.flag.padEnd(34)} (env ${s.env})`).join('\n')}
Environment only: RONDE_SECRET (token signing secret, at least 32 bytes; default
<data-dir>/secret.key), RONDE_ADMIN_SECRET (required with --space-creation restricted),
RONDE_METRICS_TOKEN (when set, /metrics needs it as a bearer token).`;

/** The configuration with every default. */
export function defaultConfig(): Config {
  return {
    port: 8080,
    host: '127.0.0.1',
    dataDir: './data',
    logLevel: 'info',
    webDir: DEFAULT_WEB_DIR,
    limits: { ...DEFAULT_LIMITS, ...DEFAULT_MESSAGE_RATE_LIMITS },
    unloadGraceMs: 30_000,
    compactAfterUpdates: 500,
    compactAfterBytes: 4 * 1024 * 1024,
    auth: 'required',
    tokenLifetimeSeconds: 3600,
    allowedOrigins: [],
    spaceCreation: 'open',
    adminSecret: null,
    metricsToken: null,
    secret: null,
    databaseUrl: null,
    redisUrl: null,
    redisPrefix: 'ronde',
    httpRateLimits: DEFAULT_HTTP_RATE_LIMITS,
    pingIntervalMs: 30_000,
    idleTimeoutMs: 75_000,
    accessSweepMs: 30_000,
    asyncMinDeadlineMs: 3_600_000,
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
  if (config.idleTimeoutMs <= config.pingIntervalMs) {
    throw new ConfigError(
      `idle timeout (${config.idleTimeoutMs} ms) must be longer than the ping interval (${config.pingIntervalMs} ms)`,
    );
  }
  config.secret = secretEnv(env, 'RONDE_SECRET', 32);
  config.adminSecret = secretEnv(env, 'RONDE_ADMIN_SECRET', 16);
  config.metricsToken = secretEnv(env, 'RONDE_METRICS_TOKEN', 16);
  if (config.redisUrl !== null && config.databaseUrl === null) {
    throw new ConfigError('REDIS_URL relays between instances that share DATABASE_URL: set it too');
  }
  if (config.redisUrl !== null && config.secret === null) {
    throw new ConfigError(
      'with REDIS_URL every instance must sign tokens with the same RONDE_SECRET: set it',
    );
  }
  if (config.spaceCreation === 'restricted' && config.adminSecret === null) {
    throw new ConfigError(
      'space creation is restricted but RONDE_ADMIN_SECRET is not set (at least 16 bytes)',
    );
  }
  return config;
}
