import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createHeartbeat, type Every } from './heartbeat.ts';

/** A socket that records pings and terminations; the test plays the peer. */
class FakeSocket extends EventEmitter {
  pings = 0;
  terminated = false;
  ping(): void {
    this.pings++;
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** A clock and an interval scheduler advanced by hand. */
function manualTime() {
  let t = 0;
  const timers = new Set<{ ms: number; next: number; tick: () => void }>();
  const every: Every = (ms, tick) => {
    const timer = { ms, next: t + ms, tick };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  return {
    now: () => t,
    every,
    running: () => timers.size,
    advance(ms: number) {
      const end = t + ms;
      for (;;) {
        const due = [...timers].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        t = due.next;
        due.next += due.ms;
        due.tick();
      }
      t = end;
    },
    /** The process does not run for `ms`; then each overdue timer fires once, as Node's do. */
    stall(ms: number) {
      t += ms;
      for (const timer of [...timers].filter((x) => x.next <= t)) {
        timer.next = t + timer.ms;
        timer.tick();
      }
    },
  };
}

describe('heartbeat', () => {
  const options = { pingIntervalMs: 30_000, idleTimeoutMs: 75_000 };

  it('IDLE-1 pings every watched socket each interval, with one timer only while some are watched', () => {
    const time = manualTime();
    const heartbeat = createHeartbeat({ ...options, now: time.now, every: time.every });
    expect(time.running()).toBe(0);
    const [a, b] = [new FakeSocket(), new FakeSocket()];
    const unwatchA = heartbeat.watch(a);
    const unwatchB = heartbeat.watch(b);
    expect(time.running()).toBe(1);
    time.advance(30_000);
    expect([a.pings, b.pings]).toEqual([1, 1]);
    a.emit('pong');
    b.emit('pong');
    time.advance(30_000);
    expect([a.pings, b.pings]).toEqual([2, 2]);
    unwatchA();
    unwatchB();
    unwatchB();
    expect(heartbeat.size()).toBe(0);
    expect(time.running()).toBe(0);
  });

  it('IDLE-2 terminates a socket that answers nothing within the idle timeout, and only it', () => {
    const time = manualTime();
    const heartbeat = createHeartbeat({ ...options, now: time.now, every: time.every });
    const silent = new FakeSocket();
    const answering = new FakeSocket();
    const chatty = new FakeSocket();
    let idle = 0;
    heartbeat.watch(silent, () => idle++);
    heartbeat.watch(answering);
    heartbeat.watch(chatty);
    for (let i = 0; i < 2; i++) {
      time.advance(30_000);
      answering.emit('pong');
      chatty.emit('message');
    }
    // 60 s silent: not yet.
    expect(silent.terminated).toBe(false);
    time.advance(30_000); // 90 s ≥ 75 s
    expect(silent.terminated).toBe(true);
    expect(idle).toBe(1);
    expect(silent.pings).toBe(2);
    expect(answering.terminated || chatty.terminated).toBe(false);
    expect(heartbeat.size()).toBe(2);
    // A message counts as much as a pong; so does a ping from the peer.
    time.advance(30_000);
    answering.emit('ping');
    time.advance(30_000);
    expect(answering.terminated).toBe(false);
    expect(chatty.terminated).toBe(true);
  });

  it('IDLE-2 once unwatched (closed) a socket is never terminated; stop forgets everything', () => {
    const time = manualTime();
    const heartbeat = createHeartbeat({ ...options, now: time.now, every: time.every });
    const closed = new FakeSocket();
    heartbeat.watch(closed)();
    expect(closed.listenerCount('pong') + closed.listenerCount('message')).toBe(0);
    const open = new FakeSocket();
    heartbeat.watch(open);
    heartbeat.stop();
    expect(time.running()).toBe(0);
    time.advance(200_000);
    expect(closed.terminated || open.terminated).toBe(false);
  });

  it('IDLE-1 a socket that throws on ping (not open) does not stop the others', () => {
    const time = manualTime();
    const heartbeat = createHeartbeat({ ...options, now: time.now, every: time.every });
    const broken = new FakeSocket();
    broken.ping = () => {
      throw new Error('WebSocket is not open');
    };
    const fine = new FakeSocket();
    heartbeat.watch(broken);
    heartbeat.watch(fine);
    time.advance(30_000);
    expect(fine.pings).toBe(1);
  });

  it("IDLE-3 a stall of the process is not the peers' silence; a peer silent besides is still cut", () => {
    const time = manualTime();
    const heartbeat = createHeartbeat({ ...options, now: time.now, every: time.every });
    const live = new FakeSocket();
    const dead = new FakeSocket();
    heartbeat.watch(live);
    heartbeat.watch(dead);
    time.advance(30_000);
    live.emit('pong');
    // Frozen 100 s: the overdue tick runs before the pong that waits unread.
    time.stall(100_000);
    expect(live.terminated).toBe(false);
    live.emit('pong');
    expect(dead.terminated).toBe(false);
    // Silent for 75 s of running time besides the stall: cut.
    time.advance(60_000);
    expect(dead.terminated).toBe(true);
    expect(live.terminated).toBe(false);
  });
});
