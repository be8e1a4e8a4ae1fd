import { afterEach, describe, expect, it, vi } from 'vitest';
import { reloadOnMissingChunk } from './reloadOnMissingChunk.ts';

afterEach(() => {
  sessionStorage.clear();
  vi.useRealTimers();
});

describe('reloadOnMissingChunk', () => {
  it('passes a loaded module through', async () => {
    const reload = vi.fn();
    await expect(reloadOnMissingChunk(async () => 'module', reload)()).resolves.toBe('module');
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads once when a chunk is missing, then lets the error through for 30 s', async () => {
    vi.useFakeTimers();
    const reload = vi.fn();
    const missing = reloadOnMissingChunk(
      () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
      reload,
    );
    let settled = false;
    void missing().finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(settled).toBe(false); // pending until the page reloads

    await expect(missing()).rejects.toThrow('Failed to fetch');
    expect(reload).toHaveBeenCalledTimes(1);

    await vi.advanceTimersByTimeAsync(30_001);
    void missing();
    await vi.advanceTimersByTimeAsync(0);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
