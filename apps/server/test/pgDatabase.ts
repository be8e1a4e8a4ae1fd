import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Tests on real PostgreSQL (DESIGN 10) read `DATABASE_URL`. Unset: in CI
 * (`CI` set) the tests fail, never skip; locally they skip with a printed
 * reason. Set but unreachable: they fail everywhere.
 */
export const DATABASE_URL = process.env.RONDE_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '';

/** Why PostgreSQL tests are skipped here, or `null` when they run (or must fail). */
export function pgSkipReason(): string | null {
  if (DATABASE_URL !== '' || process.env.CI) return null;
  return 'DATABASE_URL is not set: PostgreSQL tests skipped (CI sets it and fails without it)';
}

/** Prints the reason once and tells whether to skip. */
export function skipWithoutPg(suite: string): boolean {
  const reason = pgSkipReason();
  if (reason !== null) console.warn(`${suite}: ${reason}`);
  return reason !== null;
}

export interface TestDatabase {
  readonly url: string;
  /** Drops the database, cutting any connection still open to it. */
  drop(): Promise<void>;
}

/** A fresh database `ronde_test_<random>` on the server of `DATABASE_URL`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (DATABASE_URL === '') {
    throw new Error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)');
  }
  const name = `ronde_test_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
