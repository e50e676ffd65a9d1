import { afterEach, describe, expect, it, vi } from 'vitest';
import { SocketUpkeep, type UpkeptSocket } from './socket-upkeep.js';

function fakeSocket() {
  let onPong: ((this: UpkeptSocket) => void) | undefined;
  const socket = {
    pings: 0,
    terminated: false,
    ping() {
      socket.pings += 1;
    },
    terminate() {
      socket.terminated = true;
    },
    on(_event: 'pong', listener: (this: UpkeptSocket) => void) {
      onPong = listener;
    },
    pong() {
      onPong?.call(socket);
    },
  };
  return socket;
}

describe('SocketUpkeep', () => {
  afterEach(() => void vi.useRealTimers());

  it('closes a socket once its token expired, within a tick', () => {
    vi.useFakeTimers();
    const expired: UpkeptSocket[] = [];
    const upkeep = new SocketUpkeep({ keepAliveMs: 60_000, onExpired: (s) => expired.push(s) });
    const [soon, later, never] = [fakeSocket(), fakeSocket(), fakeSocket()];
    upkeep.watch(soon, Date.now() + 1_500);
    upkeep.watch(later, Date.now() + 10_000);
    upkeep.watch(never);
    vi.advanceTimersByTime(2_000);
    expect(expired).toEqual([soon]);
    vi.advanceTimersByTime(2_000);
    expect(expired).toEqual([soon]);
    upkeep.stop();
  });

  it('pings every keep-alive period and terminates a socket that did not answer the last ping', () => {
    vi.useFakeTimers();
    const upkeep = new SocketUpkeep({ keepAliveMs: 3_000, onExpired: () => {} });
    const [answers, silent] = [fakeSocket(), fakeSocket()];
    upkeep.watch(answers);
    upkeep.watch(silent);
    vi.advanceTimersByTime(3_000);
    expect([answers.pings, silent.pings]).toEqual([1, 1]);
    answers.pong();
    vi.advanceTimersByTime(3_000);
    expect([answers.terminated, silent.terminated]).toEqual([false, true]);
    expect(upkeep.size).toBe(1);
    upkeep.stop();
  });

  it('forgets a socket it no longer watches', () => {
    vi.useFakeTimers();
    const expired: UpkeptSocket[] = [];
    const upkeep = new SocketUpkeep({ keepAliveMs: 60_000, onExpired: (s) => expired.push(s) });
    const socket = fakeSocket();
    upkeep.watch(socket, Date.now() + 500);
    upkeep.unwatch(socket);
    vi.advanceTimersByTime(2_000);
    expect(expired).toEqual([]);
    upkeep.stop();
  });
});
