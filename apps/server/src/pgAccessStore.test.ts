import { describe } from 'vitest';
import { createTestDatabase, skipWithoutPg } from '../test/pgDatabase.ts';
import { runAccessStoreContract, runPracticeStoreContract } from './accessStore.contract.ts';
import { openPgAccessStore } from './pgAccessStore.ts';

// PG-4: the access contract (last use of an invite to one, the last admin
// stays, KEY-3 under concurrency) on PostgreSQL, two stores on one database.
describe.skipIf(skipWithoutPg('pgAccessStore'))('PG-4 pgAccessStore', () => {
  runAccessStoreContract('postgresql', async () => {
    const database = await createTestDatabase();
    return { open: () => openPgAccessStore(database.url), cleanup: () => database.drop() };
  });
  runPracticeStoreContract('postgresql', async () => {
    const database = await createTestDatabase();
    return { open: () => openPgAccessStore(database.url), cleanup: () => database.drop() };
  });
});
