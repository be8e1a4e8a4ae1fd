import { createMemoryStorage } from './memoryStorage.ts';
import { runStorageContract } from './storage.contract.ts';
import { runBackupStorageContract } from './backupStorage.contract.ts';

runStorageContract('memory', async () => {
  const logs = new Map<string, Uint8Array[]>();
  const pending = new Set<string>();
  return { open: async () => createMemoryStorage(logs, pending), cleanup: async () => {} };
});

runBackupStorageContract('memory', async () => {
  const logs = new Map<string, Uint8Array[]>();
  const pending = new Set<string>();
  return { open: async () => createMemoryStorage(logs, pending), cleanup: async () => {} };
});
