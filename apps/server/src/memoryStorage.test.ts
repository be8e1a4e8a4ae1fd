import { createMemoryStorage } from './memoryStorage.ts';
import { runStorageContract } from './storage.contract.ts';

runStorageContract('memory', async () => {
  const logs = new Map<string, Uint8Array[]>();
  return { open: async () => createMemoryStorage(logs), cleanup: async () => {} };
});
