import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Logger } from './log.ts';

export const SECRET_FILE = 'secret.key';
/** HMAC-SHA256 wants a key at least as long as its output. */
export const MIN_SECRET_BYTES = 32;

/** Thrown when the secret file exists but cannot be used. */
export class SecretError extends Error {
  override name = 'SecretError';
}

/**
 * The server's token-signing secret: `RONDE_SECRET` when set (the config
 * checked it is at least 32 bytes), else `<dataDir>/secret.key`, created on
 * first start with 32 random bytes (base64url text, mode 0600) and reused
 * after every restart, so tokens survive a restart.
 *
 * @example
 * const secret = await loadSecret('./data', process.env.RONDE_SECRET ?? null, log);
 */
export async function loadSecret(
  dataDir: string,
  fromEnv: string | null,
  log?: Logger,
): Promise<Buffer> {
  if (fromEnv !== null) {
    const bytes = Buffer.from(fromEnv, 'utf8');
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new SecretError(`RONDE_SECRET must be at least ${MIN_SECRET_BYTES} bytes long`);
    }
    return bytes;
  }
  const dir = resolve(dataDir);
  const file = join(dir, SECRET_FILE);
  await mkdir(dir, { recursive: true });
  try {
    // `wx`: never overwrite a secret another process wrote first.
    await writeFile(file, randomBytes(MIN_SECRET_BYTES).toString('base64url') + '\n', {
      mode: 0o600,
      flag: 'wx',
    });
    await chmod(file, 0o600); // the umask may have narrowed it; never widened
    log?.info('created the token secret', { file });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) {
    log?.warn('the token secret file is readable by others; chmod 600 it', { file });
  }
  const text = (await readFile(file, 'utf8')).trim();
  const secret = Buffer.from(text, 'base64url');
  if (!/^[A-Za-z0-9_-]+$/.test(text) || secret.length < MIN_SECRET_BYTES) {
    throw new SecretError(
      `${file} must hold at least ${MIN_SECRET_BYTES} bytes as base64url; delete it to make a new one`,
    );
  }
  return secret;
}
