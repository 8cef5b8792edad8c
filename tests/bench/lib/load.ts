import { Agent, request } from 'node:http';

/*
 * A small closed-loop load generator for the benchmarks: N workers on keep-alive connections, each
 * sending its next request when the previous answered, until a request count or a time is reached.
 */

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadOptions {
  readonly url: string;
  readonly concurrency: number;
  readonly maxRequests: number;
  readonly maxSeconds: number;
  /** The JSON body of request number i (and the worker sending it). */
  readonly body: (i: number, worker: number) => string;
  readonly expectStatus: number;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const url = new URL(options.url);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const worker = async (id: number) => {
    while (next < options.maxRequests && performance.now() < deadline) {
      const i = next++;
      const sent = performance.now();
      const status = await post(agent, url, options.body(i, id)).catch(() => 0);
      latencies.push(performance.now() - sent);
      if (status !== options.expectStatus) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, perSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}
