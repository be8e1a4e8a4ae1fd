import { describe, expect, it } from 'vitest';
import { createLogger, isLogLevel, memoryLogger } from './log.ts';

describe('log', () => {
  it('writes one JSON line with time, level, msg and fields', () => {
    const out: string[] = [];
    createLogger('info', (line) => out.push(line)).info('listening', { port: 8080 });
    expect(out).toHaveLength(1);
    expect(out[0]?.endsWith('\n')).toBe(true);
    const record = JSON.parse(out[0] ?? '') as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'info', msg: 'listening', port: 8080 });
    expect(new Date(record.time as string).toISOString()).toBe(record.time);
  });

  it('drops lines below the level', () => {
    const out: string[] = [];
    const log = createLogger('warn', (line) => out.push(line));
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(out.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['c', 'd']);
  });

  it('child loggers add their fields; reserved keys are not overwritten', () => {
    const log = memoryLogger();
    log.child({ room: 'r1' }).info('hello', { msg: 'spoofed', n: 1 });
    expect(log.lines[0]).toMatchObject({ msg: 'hello', room: 'r1', n: 1 });
  });

  it('serializes errors with their code', () => {
    const log = memoryLogger();
    const error = Object.assign(new Error('disk full'), { code: 'SQLITE_FULL' });
    log.error('store failed', { error });
    expect(log.lines[0]?.error).toEqual({
      name: 'Error',
      message: 'disk full',
      code: 'SQLITE_FULL',
    });
  });

  it('knows its levels', () => {
    expect(isLogLevel('debug')).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
  });
});
