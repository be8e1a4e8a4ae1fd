import type { AccessStore } from './accessStore.ts';
import type { Config } from './config.ts';
import { openPgAccessStore } from './pgAccessStore.ts';
import { openPgStorage } from './pgStorage.ts';
import { openSqliteAccessStore } from './sqliteAccessStore.ts';
import { openSqliteStorage } from './sqliteStorage.ts';
import type { Storage } from './storage.ts';

/**
 * The document store the configuration names: PostgreSQL when
 * `DATABASE_URL` is set (SPEC PG), else SQLite under the data dir, the
 * embedded default that needs nothing.
 *
 * @example
 * const storage = await openStorage(parseConfig(process.argv.slice(2), process.env));
 */
export function openStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Storage> {
  return config.databaseUrl !== null
    ? openPgStorage(config.databaseUrl)
    : openSqliteStorage(config.dataDir);
}

/** The access store beside it: the same database. */
export function openAccessStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
): Promise<AccessStore> {
  return config.databaseUrl !== null
    ? openPgAccessStore(config.databaseUrl)
    : openSqliteAccessStore(config.dataDir);
}
