/*
 * How long and how much the server waits for a client. A client that opens a connection and then
 * sends nothing, or trickles a body a byte at a time, must be cut off within seconds: otherwise a
 * few hundred such sockets hold the process. Requests to the authority are small and quick, so
 * the limits can be tight.
 */

export interface ServerLimits {
  /** The whole request (headers and body) must arrive within this. */
  readonly requestTimeoutMs: number;
  /** The headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** A socket with no traffic at all is closed after this. */
  readonly idleTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
  /** How often node:http checks the two request timeouts (they are only as exact as this). */
  readonly checkIntervalMs: number;
  /** The request line and headers together. */
  readonly maxHeaderBytes: number;
  /** Open connections per client address (an IPv6 client by its /64); trusted proxies are exempt. Off when rate limits are. */
  readonly maxConnectionsPerClient: number;
}

export const SERVER_LIMITS: ServerLimits = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  idleTimeoutMs: 15_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxHeaderBytes: 16 * 1024,
  // An office behind one NAT address runs many copies of the app; one script should not hold hundreds.
  maxConnectionsPerClient: 64,
};
