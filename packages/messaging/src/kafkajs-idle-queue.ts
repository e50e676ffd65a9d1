import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 (tulios/kafkajs#1704, #1751; open upstream, the project is in maintenance mode):
 * after every response a broker connection's request queue re-arms a timer for
 * `throttledUntil - Date.now()`, which is negative when nothing is throttled. Node clamps it to
 * 1 ms, so each idle connection spins a 1 ms timer loop for as long as it lives, and Node 24 warns
 * (TimeoutNegativeWarning). With nothing pending and no throttle there is nothing to check: a new
 * request is sent or queued by `push` itself, and a queued one is picked up when an in-flight
 * request completes or the throttle timer fires, as before. Loaded once by the Kafka bus, the only
 * module that uses kafkajs.
 */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

const requestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as {
  prototype: RequestQueue & { __sborIdleGuard?: true };
};
const prototype = requestQueue.prototype;

if (!prototype.__sborIdleGuard) {
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function scheduleOnlyWhenSomethingWaits(this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype.__sborIdleGuard = true;
}
