import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBSOCKET_LIMITS, SendBudget, sizeInBytes, SocketCounter } from './websocket-limits.js';

describe('SocketCounter', () => {
  it('refuses a key at its cap and admits it again once one of its sockets closed', () => {
    const counter = new SocketCounter(2);
    expect(counter.tryOpen('ann')).toBe(true);
    expect(counter.tryOpen('ann')).toBe(true);
    expect(counter.tryOpen('ann')).toBe(false);
    expect(counter.tryOpen('bob')).toBe(true);
    counter.close('ann');
    expect(counter.tryOpen('ann')).toBe(true);
    expect(counter.count('ann')).toBe(2);
  });

  it('forgets a key whose sockets all closed', () => {
    const counter = new SocketCounter(1);
    counter.tryOpen('ann');
    counter.close('ann');
    counter.close('ann');
    expect(counter.count('ann')).toBe(0);
  });
});

describe('SendBudget', () => {
  it('counts what is queued with what the socket buffers, and frees what was sent', () => {
    const socket = { bufferedAmount: 600 };
    const budget = new SendBudget(socket, 1000);
    expect(budget.queue(300)).toBe(true);
    expect(budget.queue(200)).toBe(false);
    budget.sent(500);
    expect(budget.queue(100)).toBe(true);
    socket.bufferedAmount = 1001;
    expect(budget.overflowing()).toBe(true);
  });
});

describe('sizeInBytes', () => {
  it('reads body-parser sizes', () => {
    expect(sizeInBytes('100kb')).toBe(102_400);
    expect(sizeInBytes('1mb')).toBe(1_048_576);
    expect(sizeInBytes('512')).toBe(512);
    expect(() => sizeInBytes('lots')).toThrow(TypeError);
  });
});

describe('DEFAULT_WEBSOCKET_LIMITS', () => {
  it('are the variables unset', () => {
    expect(DEFAULT_WEBSOCKET_LIMITS).toMatchObject({ maxSocketsPerUser: 16, maxSubscriptionsPerSocket: 32, initTimeoutMs: 5_000 });
  });
});
