const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * A queue read as an async iterator: a producer pushes, one consumer (graphql-ws's loop over a
 * subscription) reads in order. `return()` ends it at once, even while the consumer waits, and calls
 * `onReturn` so whatever feeds it stops too; an async generator would only see `return()` at its
 * next `yield`, that is, at the subscriber's next item, which may never come.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  // Made on first use: most live subscriptions sit idle, and one of these lives per subscription.
  private items: T[] | undefined;
  /** The one reader waiting for an item (reads are one at a time). */
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failure: { error: unknown } | undefined;
  private ended = false;

  constructor(private readonly onReturn?: () => void | Promise<void>) {}

  /** Items queued and not read yet. */
  get length(): number {
    return this.items?.length ?? 0;
  }

  /** True once ended, failed or returned: pushing does nothing then. */
  get closed(): boolean {
    return this.ended || this.failure !== undefined;
  }

  push(item: T): void {
    if (this.closed) return;
    const waiter = this.take();
    if (waiter) waiter({ value: item, done: false });
    else (this.items ??= []).push(item);
  }

  /** No more items: the consumer reads what is queued, then the end. */
  end(): void {
    if (this.closed) return;
    this.ended = true;
    this.take()?.(DONE);
  }

  /** The consumer reads what is queued, then `next()` rejects with `error`. */
  fail(error: unknown): void {
    if (this.closed) return;
    const waiter = this.take();
    if (waiter) {
      this.ended = true;
      waiter(Promise.reject(error) as never);
    } else {
      this.failure = { error };
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items?.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      this.ended = true;
      return Promise.reject(error);
    }
    if (this.ended) return Promise.resolve(DONE);
    // A second read while one waits would be a caller's bug: the first one is ended rather than lost.
    this.take()?.(DONE);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async return(): Promise<IteratorResult<T>> {
    const wasOpen = !this.ended;
    this.items = undefined;
    this.failure = undefined;
    this.ended = true;
    this.take()?.(DONE);
    if (wasOpen) await this.onReturn?.();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private take(): ((result: IteratorResult<T>) => void) | undefined {
    const waiter = this.waiting;
    this.waiting = undefined;
    return waiter;
  }
}
