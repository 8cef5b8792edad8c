import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import QRCode from 'qrcode';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import type { LicensingContext } from '../../licensing/context.ts';
import { checkDeactivationCode, deactivateWithCode } from '../../offline/offline-deactivation.ts';
import { activateOffline, requestFromCode, requestFromKeyAndInstance } from '../../offline/offline-requests.ts';
import { hashSecret } from '../../storage/key-crypto.ts';
import { errorReply } from '../error-response.ts';
import { rateLimited } from '../public-routes.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { activationForms, activationResult, type ActivationFormValues } from './activation-views.ts';
import { deactivationForm, deactivationResult } from './deactivation-views.ts';
import { errorPanel } from './error-panel.ts';
import { html, type SafeHtml } from './html.ts';
import { contentSecurityPolicy, renderPage } from './page-layout.ts';
import { readForm } from './read-form.ts';

/*
 * The manual activation page, public and server-rendered (issue 5): GET/POST /activate turns a
 * request code (or license key + Instance ID) into an activation code, GET/POST /deactivate frees a
 * slot with a deactivation code. Plain HTML forms, so it works with JavaScript off. It goes through
 * the same licensing service as the JSON API and shares its per-IP and per-key rate limiters.
 */

export const MANUAL_PAGE_PATHS: ReadonlySet<string> = new Set(['/activate', '/deactivate']);

export interface ManualPageOptions {
  readonly context: LicensingContext;
  readonly ipLimiter: RateLimiter | null;
  readonly keyLimiter: RateLimiter | null;
  readonly bodyLimitBytes: number;
  readonly log: (error: unknown) => void;
}

interface View {
  readonly status?: number;
  readonly title: string;
  readonly body: SafeHtml;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The page's handler; `path` is one of MANUAL_PAGE_PATHS as the router resolved it. Resolves once answered. */
export type ManualPage = (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;

export function createManualPage(options: ManualPageOptions): ManualPage {
  const { context: ctx } = options;

  const limit = (limiter: RateLimiter | null, key: string) => {
    const verdict = limiter?.take(key);
    if (verdict && !verdict.ok) throw rateLimited(verdict.retryAfterSeconds);
  };

  async function postActivate(request: IncomingMessage): Promise<View> {
    const form = await readForm(request, options.bodyLimitBytes);
    const values: ActivationFormValues = {
      requestCode: form.get('request_code')?.trim() ?? '',
      licenseKey: form.get('license_key')?.trim() ?? '',
      instanceId: form.get('instance_id')?.trim() ?? '',
    };
    const title = 'Manual activation';
    try {
      const fromCode = values.requestCode !== '';
      if (!fromCode && (values.licenseKey === '' || values.instanceId === '')) {
        throw new KeyholeError('REQUEST_INVALID', 'paste a request code, or enter both the license key and the Instance ID');
      }
      const activationRequest = fromCode
        ? requestFromCode(values.requestCode as string, 'manual_page')
        : requestFromKeyAndInstance(values.licenseKey as string, values.instanceId as string, 'manual_page');
      limit(options.keyLimiter, hashSecret(activationRequest.licenseKey));
      const result = await activateOffline(ctx, activationRequest);
      const qr = await QRCode.toString(result.certificate, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { title, body: activationResult(result, qr, fromCode) };
    } catch (error) {
      return failed(error, title, activationForms(values));
    }
  }

  async function postDeactivate(request: IncomingMessage): Promise<View> {
    const form = await readForm(request, options.bodyLimitBytes);
    const code = form.get('deactivation_code')?.trim() ?? '';
    const title = 'Free an activation slot';
    try {
      if (code === '') throw new KeyholeError('REQUEST_INVALID', 'paste the deactivation code the app showed');
      // Only a code that matches a real activation counts against its license's limit: the license id
      // is in clear in every code, so forged ones would otherwise lock the real one out. Guesses
      // spend the per-address budget, and a 64-bit digest is out of reach of guessing anyway.
      limit(options.keyLimiter, `deactivate:${(await checkDeactivationCode(ctx, code)).license.id}`);
      return { title, body: deactivationResult(await deactivateWithCode(ctx, code)) };
    } catch (error) {
      return failed(error, title, deactivationForm(code));
    }
  }

  /** The catalog panel above the form, filled in again so a typo can be fixed in place. */
  function failed(error: unknown, title: string, form: SafeHtml): View {
    if (!(error instanceof KeyholeError)) throw error;
    const reply = errorReply(error, options.log);
    return { status: reply.status ?? 400, title, body: html`${errorPanel(error)}\n${form}`, ...(reply.headers ? { headers: reply.headers } : {}) };
  }

  async function route(request: IncomingMessage, path: string): Promise<View> {
    limit(options.ipLimiter, request.socket.remoteAddress ?? 'unknown');
    const method = request.method ?? 'GET';
    if (method === 'GET' || method === 'HEAD') {
      return path === '/activate'
        ? { title: 'Manual activation', body: activationForms() }
        : { title: 'Free an activation slot', body: deactivationForm() };
    }
    if (method === 'POST') return path === '/activate' ? postActivate(request) : postDeactivate(request);
    const error = new KeyholeError('REQUEST_INVALID', `${path} accepts GET and POST`);
    return { status: 405, title: 'Manual activation', body: errorPanel(error), headers: { allow: 'GET, HEAD, POST' } };
  }

  return (request, response, path) =>
    route(request, path)
      .catch((error: unknown): View => {
        // Rate limits and unreadable forms land here; anything unexpected is logged, never shown.
        const known = error instanceof KeyholeError ? error : new KeyholeError('SERVER_ERROR');
        const reply = errorReply(error, options.log);
        return { status: reply.status ?? 500, title: 'Manual activation', body: errorPanel(known), ...(reply.headers ? { headers: reply.headers } : {}) };
      })
      .then((view) => send(request, response, view, ctx));
}

function send(request: IncomingMessage, response: ServerResponse, view: View, ctx: LicensingContext): void {
  if (response.headersSent) return;
  const nonce = randomBytes(16).toString('base64');
  const text = renderPage({ product: ctx.productConfig, nonce, title: view.title }, view.body);
  response.writeHead(view.status ?? 200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'content-security-policy': contentSecurityPolicy(nonce),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...view.headers,
  });
  response.end(request.method === 'HEAD' ? undefined : text);
}
