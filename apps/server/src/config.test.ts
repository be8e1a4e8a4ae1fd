import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WEB_DIR, defaultConfig, parseConfig } from './config.ts';

describe('config', () => {
  it('has the documented defaults', () => {
    const config = parseConfig([], {});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      logLevel: 'info',
      unloadGraceMs: 30_000,
    });
    expect(config.limits.maxMessageBytes).toBe(8 * 1024 * 1024);
    expect(config.webDir).toBe(DEFAULT_WEB_DIR);
    expect(DEFAULT_WEB_DIR.replaceAll('\\', '/')).toMatch(/apps\/web\/dist$/);
  });

  it('reads environment variables', () => {
    const config = parseConfig([], {
      PORT: '9000',
      HOST: '0.0.0.0',
      RONDE_DATA_DIR: '/var/ronde',
      LOG_LEVEL: 'debug',
      RONDE_WEB_DIR: '/srv/web',
      RONDE_MAX_MESSAGE_BYTES: '1048576',
      RONDE_UNLOAD_GRACE_MS: '100',
      RONDE_COMPACT_AFTER_UPDATES: '10',
      RONDE_COMPACT_AFTER_BYTES: '2048',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/var/ronde',
      logLevel: 'debug',
      webDir: '/srv/web',
      unloadGraceMs: 100,
      compactAfterUpdates: 10,
      compactAfterBytes: 2048,
    });
    expect(config.limits.maxMessageBytes).toBe(1048576);
  });

  it('lets flags override the environment, in both spellings', () => {
    const config = parseConfig(
      ['--port', '0', '--data-dir=/tmp/x', '--log-level', 'warn', '--host=::1', '--web-dir', 'w'],
      { PORT: '9000', RONDE_DATA_DIR: '/var/ronde' },
    );
    expect(config).toMatchObject({
      port: 0,
      dataDir: '/tmp/x',
      logLevel: 'warn',
      host: '::1',
      webDir: 'w',
    });
  });

  it('reads the access settings, auth required by default', () => {
    const defaults = parseConfig([], {});
    expect(defaults).toMatchObject({
      auth: 'required',
      tokenLifetimeSeconds: 3600,
      allowedOrigins: [],
      spaceCreation: 'open',
      adminSecret: null,
      secret: null,
    });
    expect(defaults.limits).toMatchObject({ maxConnectionsPerIp: 64, maxConnectionsPerMember: 32 });
    const config = parseConfig(['--auth', 'off', '--max-connections-per-member=4'], {
      RONDE_TOKEN_LIFETIME_SECONDS: '60',
      RONDE_ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173/',
      RONDE_MAX_CONNECTIONS_PER_IP: '8',
      RONDE_SPACE_CREATION: 'restricted',
      RONDE_ADMIN_SECRET: 'an-operator-secret',
      RONDE_METRICS_TOKEN: 'a-prometheus-token',
      RONDE_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      metricsToken: 'a-prometheus-token',

      auth: 'off',
      tokenLifetimeSeconds: 60,
      allowedOrigins: ['https://a.example', 'http://localhost:5173'],
      spaceCreation: 'restricted',
      adminSecret: 'an-operator-secret',
      secret: 'x'.repeat(32),
    });
    expect(config.limits).toMatchObject({ maxConnectionsPerIp: 8, maxConnectionsPerMember: 4 });
  });

  it('refuses restricted creation without an admin secret, and short secrets', () => {
    expect(() => parseConfig(['--space-creation', 'restricted'], {})).toThrow(/RONDE_ADMIN_SECRET/);
    expect(() => parseConfig([], { RONDE_SECRET: 'short' })).toThrow(/RONDE_SECRET/);
    expect(() => parseConfig([], { RONDE_METRICS_TOKEN: 'short' })).toThrow(/RONDE_METRICS_TOKEN/);
    expect(() => parseConfig(['--auth', 'maybe'], {})).toThrow(/auth must be required or off/);
    expect(() => parseConfig(['--allowed-origins', 'https://a.example/path'], {})).toThrow(
      ConfigError,
    );
    expect(() => parseConfig(['--allowed-origins', 'evil'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--token-lifetime-seconds', '0'], {})).toThrow(ConfigError);
  });

  it('HTTP-1 reads the API rate limits (per minute), with documented defaults', () => {
    expect(parseConfig([], {}).httpRateLimits).toEqual({
      redeemPerAddress: 20,
      redeemPerInvite: 60,
      sessionPerAddress: 120,
      sessionFailuresPerMember: 10,
      spacesPerAddress: 10,
      devicesPerMember: 30,
      maxTrackedKeys: 10_000,
    });
    const config = parseConfig(
      ['--rate-redeem-per-address', '5', '--rate-session-failures-per-member=3'],
      {
        RONDE_RATE_REDEEM_PER_ADDRESS: '7',
        RONDE_RATE_REDEEM_PER_INVITE: '8',
        RONDE_RATE_SESSION_PER_ADDRESS: '9',
        RONDE_RATE_SPACES_PER_ADDRESS: '2',
        RONDE_RATE_DEVICES_PER_MEMBER: '4',
        RONDE_RATE_MAX_TRACKED_KEYS: '500',
      },
    );
    expect(config.httpRateLimits).toEqual({
      redeemPerAddress: 5,
      redeemPerInvite: 8,
      sessionPerAddress: 9,
      sessionFailuresPerMember: 3,
      spacesPerAddress: 2,
      devicesPerMember: 4,
      maxTrackedKeys: 500,
    });
    expect(defaultConfig().httpRateLimits.redeemPerAddress).toBe(20);
    expect(() => parseConfig(['--rate-spaces-per-address', '0'], {})).toThrow(
      'rate spaces per address must be between 1 and 1000000, got 0',
    );
  });

  it('IDLE-1 reads the ping interval and idle timeout; the timeout must exceed the interval', () => {
    expect(parseConfig([], {})).toMatchObject({ pingIntervalMs: 30_000, idleTimeoutMs: 75_000 });
    expect(
      parseConfig(['--ping-interval-ms', '5000'], { RONDE_IDLE_TIMEOUT_MS: '12000' }),
    ).toMatchObject({ pingIntervalMs: 5000, idleTimeoutMs: 12_000 });
    expect(() => parseConfig(['--idle-timeout-ms', '30000'], {})).toThrow(ConfigError);
    expect(() => parseConfig(['--ping-interval-ms', '10'], {})).toThrow(ConfigError);
  });

  it('does not share the default limits object', () => {
    parseConfig(['--max-message-bytes', '2048'], {});
    expect(defaultConfig().limits.maxMessageBytes).toBe(8 * 1024 * 1024);
  });

  const invalid: [string, string[], Record<string, string>][] = [
    ['a port out of range', ['--port', '70000'], {}],
    ['a port that is not a number', [], { PORT: '80a' }],
    ['a negative port', ['--port=-1'], {}],
    ['an unknown log level', ['--log-level', 'verbose'], {}],
    ['an unknown flag', ['--prot', '80'], {}],
    ['a positional argument', ['serve'], {}],
    ['a flag without a value', ['--port'], {}],
    ['an empty host', ['--host='], {}],
    ['a tiny message limit', ['--max-message-bytes', '10'], {}],
  ];
  for (const [name, argv, env] of invalid) {
    it(`refuses ${name} with a ConfigError`, () => {
      expect(() => parseConfig(argv, env)).toThrow(ConfigError);
    });
  }

  it('names the setting in its error', () => {
    expect(() => parseConfig(['--port', 'x'], {})).toThrow('port must be an integer, got "x"');
  });

  it('PG-5 DATABASE_URL chooses PostgreSQL and REDIS_URL the relay; SQLite by default', () => {
    const secret = 'x'.repeat(32);
    expect(parseConfig([], {})).toMatchObject({ databaseUrl: null, redisUrl: null });
    const env = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ronde',
      REDIS_URL: 'redis://127.0.0.1:6379',
      RONDE_SECRET: secret,
    };
    expect(parseConfig([], env)).toMatchObject({
      databaseUrl: env.DATABASE_URL,
      redisUrl: env.REDIS_URL,
      secret,
      redisPrefix: 'ronde',
    });
    expect(parseConfig(['--redis-prefix', 'blue'], env).redisPrefix).toBe('blue');
    expect(parseConfig(['--database-url', 'postgresql://db/ronde'], {}).databaseUrl).toBe(
      'postgresql://db/ronde',
    );
    expect(() => parseConfig(['--database-url', 'mysql://db/ronde'], {})).toThrow(
      'database url must start with postgres:// or postgresql://',
    );
    expect(() => parseConfig([], { REDIS_URL: env.REDIS_URL, RONDE_SECRET: secret })).toThrow(
      /set it too/,
    );
    expect(() => parseConfig([], { ...env, RONDE_SECRET: '' })).toThrow(/RONDE_SECRET/);
    expect(() => parseConfig(['--redis-prefix', 'a b'], {})).toThrow(ConfigError);
  });
});
