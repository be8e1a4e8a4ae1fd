const KEY = 'ronde.chunkReloadAt';
/** At most one reload in this long, so a chunk that is really missing shows its error. */
const QUIET_MS = 30_000;

/**
 * A lazy module's loader that survives a new deployment: the server then
 * has the new build's chunks only, so a page opened before it fails to load
 * a lazy page or the editor. It reloads the page once instead (documents
 * are kept on the device: nothing is lost), and stays pending meanwhile.
 * Reloads at most once in 30 s; after that the error is thrown as is.
 *
 * @example
 * const Page = lazy(reloadOnMissingChunk(() => import('./Page.tsx')));
 */
export function reloadOnMissingChunk<T>(
  load: () => Promise<T>,
  reload: () => void = () => window.location.reload(),
): () => Promise<T> {
  return () =>
    load().catch((error: unknown) => {
      if (!mayReload()) throw error;
      reload();
      return new Promise<T>(() => undefined);
    });
}

function mayReload(): boolean {
  try {
    const last = Number(sessionStorage.getItem(KEY));
    if (Number.isFinite(last) && Date.now() - last < QUIET_MS) return false;
    sessionStorage.setItem(KEY, String(Date.now()));
    return true;
  } catch {
    return false; // no session storage: no way to avoid a reload loop
  }
}
