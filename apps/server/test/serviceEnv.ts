/**
 * Vitest setup of the server project: the URLs of the test services
 * (`DATABASE_URL`, `REDIS_URL`, exported by CI) move to `RONDE_TEST_…`, so
 * that the servers tests spawn as child processes do not inherit them and
 * run on SQLite as their tests expect. Tests that need the services read
 * them through `pgDatabase.ts` and `clusterKit.ts`.
 */
for (const name of ['DATABASE_URL', 'REDIS_URL'] as const) {
  const value = process.env[name];
  if (value === undefined) continue;
  process.env[`RONDE_TEST_${name}`] = value;
  delete process.env[name];
}
