import { join } from 'node:path';
import { tempDir } from '../../test/helpers.ts';
import { createMemoryStorage } from '../memoryStorage.ts';
import { openSqliteStorage } from '../sqliteStorage.ts';
import { runDeleteDocumentsContract } from '../storage.contract.ts';

// The stores that delete a practice space's documents (PRACTICE-8).
runDeleteDocumentsContract('memory', async () => {
  const logs = new Map<string, Uint8Array[]>();
  const pending = new Set<string>();
  return { open: async () => createMemoryStorage(logs, pending), cleanup: async () => {} };
});

runDeleteDocumentsContract('sqlite', async () => {
  const dir = tempDir('ronde-delete-');
  return {
    open: () => openSqliteStorage(join(dir.path, 'data')),
    cleanup: async () => dir.remove(),
  };
});
