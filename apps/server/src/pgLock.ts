import type pg from 'pg';
import { openPgPool } from './pgPool.ts';

export interface PgLocks {
  /**
   * Runs `work` while this process holds the cluster-wide lock named `key`
   * (a session advisory lock): another instance asking for the same key
   * waits until `work` settled. A crashed holder's lock goes with its session.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * Advisory locks on their own small pool, so that runs waiting for a lock
 * never take the connections the stores need (SPEC CLUSTER-5).
 *
 * @example
 * const locks = await openPgLocks(databaseUrl);
 * await locks.exclusive(`consequences:${room}`, () => writeMeetingConsequences(...));
 */
export async function openPgLocks(url: string, connections = 2): Promise<PgLocks> {
  const pool: pg.Pool = await openPgPool(url, 'locks', connections);
  return {
    async exclusive(key, work) {
      const client = await pool.connect();
      const name = `ronde.lock:${key}`;
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [name]);
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [name]).then(
          () => client.release(),
          // A session that cannot unlock is dropped: its locks go with it.
          (error: Error) => client.release(error),
        );
      }
    },
    close: () => pool.end(),
  };
}
