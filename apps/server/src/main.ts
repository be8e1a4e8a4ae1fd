import { ConfigError, USAGE, parseConfig } from './config.ts';
import { createLogger } from './log.ts';
import { openUrl } from './openUrl.ts';
import { createServer } from './server.ts';

/**
 * The process entry: reads the configuration (exit 2 if invalid), starts
 * the server (exit 1 if it cannot), logs `{"msg":"listening","port","host","url"}`
 * once ready and prints the URL to open on stderr, and shuts down cleanly on
 * SIGTERM/SIGINT (exit 0).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`ronde-server: ${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  let server;
  try {
    server = await createServer(config, { log });
  } catch (error) {
    log.error('cannot start', { error, dataDir: config.dataDir, port: config.port });
    process.exit(1);
  }
  const stop = (signal: string): void => {
    log.info('shutting down', { signal });
    server.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  // Before "listening": whoever reads that line may signal at once, and a
  // signal with no handler yet would kill the process mid-start.
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const url = openUrl(server.host, server.port);
  log.info('listening', { port: server.port, host: server.host, url });
  // For the person who started it: the address to open, beside the JSON log.
  process.stderr.write(`\nRonde is ready: open ${url}\n\n`);
}

void main();
