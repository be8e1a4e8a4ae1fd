import { describe, expect, it } from 'vitest';
import { selfOrigin } from './practiceService.ts';

describe('selfOrigin', () => {
  it('PRACTICE-2 the bots reach the server on its own address, loopback for every interface', () => {
    expect(selfOrigin('0.0.0.0', 8080)).toBe('ws://127.0.0.1:8080');
    expect(selfOrigin('::', 8080)).toBe('ws://[::1]:8080');
    expect(selfOrigin('127.0.0.1', 81)).toBe('ws://127.0.0.1:81');
    expect(selfOrigin('localhost', 81)).toBe('ws://localhost:81');
  });
});
