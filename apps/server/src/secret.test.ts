import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.ts';
import { SECRET_FILE, SecretError, loadSecret } from './secret.ts';

describe('secret', () => {
  const dirs: { remove: () => void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const dir = (): string => {
    const d = tempDir('ronde-secret-');
    dirs.push(d);
    return d.path;
  };

  it('uses RONDE_SECRET when given', async () => {
    const secret = await loadSecret(dir(), 'x'.repeat(40));
    expect(secret.toString()).toBe('x'.repeat(40));
  });

  it('refuses a RONDE_SECRET shorter than 32 bytes', async () => {
    await expect(loadSecret(dir(), 'short')).rejects.toThrow(SecretError);
  });

  it('creates <data-dir>/secret.key with mode 0600 on first start and reuses it', async () => {
    const data = join(dir(), 'data');
    const first = await loadSecret(data, null);
    expect(first.length).toBe(32);
    const file = join(data, SECRET_FILE);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await loadSecret(data, null);
    expect(again.equals(first)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('base64url'));
  });

  it('two data dirs get different secrets', async () => {
    const a = await loadSecret(dir(), null);
    const b = await loadSecret(dir(), null);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a secret file that is too short or not base64url', async () => {
    const data = dir();
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, SECRET_FILE), 'abc\n', { mode: 0o600 });
    await expect(loadSecret(data, null)).rejects.toThrow(/delete it/);
  });
});
