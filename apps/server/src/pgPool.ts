import pg from 'pg';
import { StorageOpenError } from './storage.ts';

/** `BIGINT` (epoch ms, sequence numbers) read as a number: every value Ronde stores is below 2^53. */
const INT8_OID = 20;

/**
 * A pool on `url` whose BIGINT columns read as numbers. Opening checks the
 * connection once, so a wrong URL fails at start with a {@link StorageOpenError}.
 *
 * @example
 * const pool = await openPgPool('postgres://postgres@127.0.0.1:5432/ronde', 'documents');
 */
export async function openPgPool(url: string, purpose: string, max: number): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StorageOpenError(
      `cannot reach PostgreSQL for the ${purpose} (${redactUrl(url)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return pool;
}

/**
 * Applies schema changes once each, in order, recorded in `ronde_migrations`,
 * under an advisory lock so that instances starting together do not race.
 */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly { name: string; sql: string }[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended('ronde.migrations', 0))");
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS ronde_migrations (
        name TEXT PRIMARY KEY,
        applied_at BIGINT NOT NULL
      )`);
      for (const migration of migrations) {
        const done = await client.query('SELECT 1 FROM ronde_migrations WHERE name = $1', [
          migration.name,
        ]);
        if (done.rowCount) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query('INSERT INTO ronde_migrations (name, applied_at) VALUES ($1, $2)', [
            migration.name,
            Date.now(),
          ]);
        });
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended('ronde.migrations', 0))");
    }
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction on `client`: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** `work` in a transaction on a client of the pool, given back afterwards. */
export async function transaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, () => work(client));
  } finally {
    client.release();
  }
}

/** The URL without its password, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
