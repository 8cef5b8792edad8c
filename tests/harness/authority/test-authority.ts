import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { instanceIdFromDigest } from '../../../shared/format/instance-id.ts';
import { createAuthority, type Authority, type AuthorityOptions } from '../../../server/authority.ts';
import { initDataDir } from '../../../server/authority-data.ts';
import { systemClock } from '../../../server/clock.ts';
import { loadProductConfig } from '../../../server/product-config.ts';

/*
 * Test support: a real authority on 127.0.0.1 with a fresh temp data dir, and a small JSON client
 * for it. Not used by production code.
 */

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  // Tests assert on whatever the server sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

export interface TestAuthority {
  readonly url: string;
  readonly dataDir: string;
  readonly adminToken: string;
  readonly authority: Authority;
  post(path: string, body: unknown): Promise<JsonResponse>;
  admin(method: 'GET' | 'POST', path: string, body?: unknown): Promise<JsonResponse>;
  /** Creates a plan and orders one license of it; returns the key and license id. */
  order(plan: Record<string, unknown>): Promise<{ key: string; id: number }>;
  close(): Promise<void>;
}

/**
 * An answer's body without its request id, which differs on every answer (it is checked against
 * the x-request-id header), so tests can compare the rest exactly.
 */
export function withoutRequestId(response: JsonResponse): unknown {
  const { request_id: requestId, ...error } = response.body?.error ?? {};
  if (requestId !== response.headers.get('x-request-id')) throw new Error(`request_id ${requestId} is not the x-request-id header`);
  return { ...response.body, error };
}

export async function requestJson(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export function newInstanceId(): string {
  return instanceIdFromDigest(new Uint8Array(randomBytes(10)));
}

export const PLAN = { name: 'Pro', activation_limit: 5, expiry: null, mode: 'online', plugins: ['reports', 'sync'] };

export function jsonClient(url: string, adminToken: string) {
  const post = (path: string, body: unknown) =>
    requestJson(url + path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
  const admin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    requestJson(url + path, {
      method,
      headers: { authorization: `Bearer ${adminToken}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const order = async (plan: Record<string, unknown>) => {
    const created = await admin('POST', '/admin/plans', plan);
    if (created.status !== 201) throw new Error(`plan: ${JSON.stringify(created.body)}`);
    const ordered = await admin('POST', '/admin/orders', { plan_id: created.body.plan.id });
    if (ordered.status !== 201) throw new Error(`order: ${JSON.stringify(ordered.body)}`);
    return { key: ordered.body.license.key as string, id: ordered.body.license.id as number };
  };
  return { post, admin, order };
}

export function makeTempDir(prefix = 'keyhole-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestAuthority(options: Partial<Omit<AuthorityOptions, 'dataDir' | 'productConfig'>> = {}): Promise<TestAuthority> {
  const dataDir = makeTempDir();
  const productConfig = loadProductConfig();
  const { adminToken } = await initDataDir(dataDir, productConfig, options.clock ?? systemClock, options.databaseUrl);
  const authority = await createAuthority({ rateLimits: false, log: () => {}, ...options, dataDir, productConfig });
  const url = await authority.listen();
  return {
    url,
    dataDir,
    adminToken: adminToken as string,
    authority,
    ...jsonClient(url, adminToken as string),
    close: async () => {
      await authority.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
