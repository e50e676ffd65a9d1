/**
 * The names the router and the subgraphs agree on for live subscriptions over graphql-ws (README,
 * "Live notifications"). The router holds one multiplexed connection per subgraph, authenticated
 * with the router secret only, and every subscription on it says whose it is and where to resume.
 */
export const LiveExtensions = {
  /** In a subscribe message's `extensions`: the subscriber's `Bearer <token>`. */
  authorization: 'authorization',
  /** In a subscribe message's `extensions`: replay what the store holds after this cursor, then go live. */
  resumeAfter: 'resumeAfter',
  /**
   * In a `next` payload's `extensions`: the item's cursor, to resume after. A payload with only this
   * (no data, no errors) is the subscriber's position at subscribe time, sent before any item.
   */
  cursor: 'cursor',
  /**
   * In a `next` payload's `extensions`, with tracing on: the W3C trace context (`traceparent`, …)
   * of the work that made the item, so the router's send to the client joins its trace. The router
   * never passes it on to clients.
   */
  trace: 'trace',
} as const;
