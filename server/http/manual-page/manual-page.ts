import { randomBytes } from 'node:crypto';
import formBody from '@fastify/formbody';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { KeyholeError } from '../../../shared/errors/keyhole-error.ts';
import { actingAs, type LicensingContext } from '../../licensing/context.ts';
import { checkDeactivationCode, deactivateWithCode } from '../../offline/offline-deactivation.ts';
import { activateOffline, requestFromCode, requestFromKeyAndInstance } from '../../offline/offline-requests.ts';
import { hashSecret } from '../../storage/key-crypto.ts';
import { answerableError } from '../error-handler.ts';
import { errorReply } from '../error-response.ts';
import { guardMethods } from '../method-guard.ts';
import { takeOrRefuse } from '../public-routes.ts';
import type { RateLimitStore } from '../rate-limit.ts';
import { noteErrorCode, noteLicense } from '../request-log.ts';
import { activationForms, activationResult, type ActivationFormValues } from './activation-views.ts';
import { deactivationForm, deactivationResult } from './deactivation-views.ts';
import { listSlots, releaseSlot } from '../../licensing/slot-recovery.ts';
import { canonicalKey } from '../validate-request.ts';
import { slotConfirmView, slotKeyForm, slotListView, slotReleasedView, timeWriter } from './slot-views.ts';
import { errorPanel } from './error-panel.ts';
import { html, type SafeHtml } from './html.ts';
import { contentSecurityPolicy, renderPage } from './page-layout.ts';

/*
 * The manual activation page, public and server-rendered: GET/POST /activate turns a request code
 * (or license key + Instance ID) into an activation code, GET/POST /deactivate frees a slot with a
 * deactivation code. Plain HTML forms (x-www-form-urlencoded), so it works with JavaScript off. It
 * goes through the same licensing service as the JSON API and shares its per-address budget (the
 * hook in app.ts) and per-key rate limiter. Every refusal, even a broken form, is an HTML page.
 */

export interface ManualPageOptions {
  readonly context: LicensingContext;
  readonly keyLimiter: RateLimitStore | null;
  readonly bodyLimitBytes: number;
  readonly log: (error: unknown) => void;
}

interface View {
  readonly status?: number;
  readonly title: string;
  readonly body: SafeHtml;
  readonly headers?: Readonly<Record<string, string>>;
}

// Only the first value of a repeated field counts; unknown fields (a submit button's name) are ignored.
const field = z.string().max(4000).optional();
const PrefillQuery = z.looseObject({ request_code: z.string().max(1000).optional() });
const ActivateForm = z.looseObject({ request_code: field, license_key: field, instance_id: field });
const DeactivateForm = z.looseObject({ deactivation_code: field });
const SlotForm = z.looseObject({ license_key: field, slot: field });

const ACTIVATE_TITLE = 'Manual activation';
const DEACTIVATE_TITLE = 'Free an activation slot';
const FREE_SLOT_TITLE = 'Free a slot';

export function manualPage(options: ManualPageOptions): FastifyPluginAsync {
  const { context: ctx } = options;

  async function postActivate(request: FastifyRequest, form: z.infer<typeof ActivateForm>): Promise<View> {
    const values: ActivationFormValues = {
      requestCode: form.request_code?.trim() ?? '',
      licenseKey: form.license_key?.trim() ?? '',
      instanceId: form.instance_id?.trim() ?? '',
    };
    try {
      const fromCode = values.requestCode !== '';
      if (!fromCode && (values.licenseKey === '' || values.instanceId === '')) {
        throw new KeyholeError('REQUEST_INVALID', 'paste a request code, or enter both the license key and the Instance ID');
      }
      const activationRequest = fromCode
        ? await requestFromCode(values.requestCode as string, 'manual_page')
        : await requestFromKeyAndInstance(values.licenseKey as string, values.instanceId as string, 'manual_page');
      await takeOrRefuse(options.keyLimiter, hashSecret(activationRequest.licenseKey));
      const result = await activateOffline(ctx, activationRequest);
      noteLicense(request, result.license.id);
      const qr = await QRCode.toString(result.certificate, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { title: ACTIVATE_TITLE, body: activationResult(result, qr, fromCode) };
    } catch (error) {
      return failed(request, error, ACTIVATE_TITLE, activationForms(values));
    }
  }

  async function postDeactivate(request: FastifyRequest, form: z.infer<typeof DeactivateForm>): Promise<View> {
    const code = form.deactivation_code?.trim() ?? '';
    try {
      if (code === '') throw new KeyholeError('REQUEST_INVALID', 'paste the deactivation code the app showed');
      // Only a code that matches a real activation counts against its license's limit: the license id
      // is in clear in every code, so forged ones would otherwise lock the real one out. Guesses
      // spend the per-address budget, and a 64-bit digest is out of reach of guessing anyway.
      const checked = await checkDeactivationCode(ctx, code);
      await takeOrRefuse(options.keyLimiter, `deactivate:${checked.license.id}`);
      noteLicense(request, checked.license.id);
      return { title: DEACTIVATE_TITLE, body: deactivationResult(await deactivateWithCode(ctx, code)) };
    } catch (error) {
      return failed(request, error, DEACTIVATE_TITLE, deactivationForm(code));
    }
  }

  /**
   * "Free a slot" with the key in hand: `step` 'list' shows the machines, 'confirm' names the one
   * chosen, 'release' frees it. Every step spends the key's bucket, like the JSON routes.
   */
  async function postFreeSlot(request: FastifyRequest, form: z.infer<typeof SlotForm>, step: 'list' | 'confirm' | 'release'): Promise<View> {
    const typed = form.license_key?.trim() ?? '';
    try {
      if (typed === '') throw new KeyholeError('REQUEST_INVALID', 'enter the license key');
      const licenseKey = canonicalKey(typed);
      await takeOrRefuse(options.keyLimiter, hashSecret(licenseKey));
      const slot = form.slot?.trim() ?? '';
      if (step !== 'list' && !/^[A-Za-z0-9_-]{22}$/.test(slot)) throw new KeyholeError('REQUEST_INVALID', 'choose a machine from the list');
      if (step === 'release') {
        const result = await releaseSlot(actingAs(ctx, { actor: 'customer', requestId: request.id }), licenseKey, slot);
        noteLicense(request, result.license.id);
        return { title: FREE_SLOT_TITLE, body: slotReleasedView(result) };
      }
      const list = await listSlots(ctx, licenseKey);
      noteLicense(request, list.license.id);
      if (step === 'list') return { title: FREE_SLOT_TITLE, body: slotListView(list, licenseKey, timeWriter(request.headers['accept-language'])) };
      const chosen = list.activations.find((activation) => activation.slot === slot && activation.freeable);
      if (!chosen) throw new KeyholeError('NOT_FOUND', 'this activation slot is already free, or is not one of this license');
      return { title: FREE_SLOT_TITLE, body: slotConfirmView(chosen, licenseKey) };
    } catch (error) {
      return failed(request, error, FREE_SLOT_TITLE, slotKeyForm(typed));
    }
  }

  /** The catalog panel above the form, filled in again so a typo can be fixed in place. */
  function failed(request: FastifyRequest, error: unknown, title: string, form: SafeHtml): View {
    if (!(error instanceof KeyholeError)) throw error;
    const { status, headers } = errorReply(error);
    noteErrorCode(request, error.code);
    return { status, title, body: html`${errorPanel(error, request.id)}\n${form}`, headers };
  }

  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    // Forms only: any other body is refused in the page's words, not parsed.
    app.removeAllContentTypeParsers();
    await app.register(formBody, { bodyLimit: options.bodyLimitBytes, parser: firstValues });
    app.addContentTypeParser('*', (_request, _payload, done) => {
      done(new KeyholeError('REQUEST_INVALID', 'send the form as application/x-www-form-urlencoded'), undefined);
    });
    // Rate limits, unreadable forms, wrong methods land here; anything unexpected is logged, never shown.
    app.setErrorHandler(async (error, request, reply) => {
      const known = answerableError(error, request, options.bodyLimitBytes, options.log);
      const { status, headers } = errorReply(known);
      noteErrorCode(request, known.code);
      const title = request.url === '/deactivate' ? DEACTIVATE_TITLE : request.url.startsWith('/free-slot') ? FREE_SLOT_TITLE : ACTIVATE_TITLE;
      return send(reply, { status, title, body: errorPanel(known, request.id), headers }, ctx);
    });

    const seal = guardMethods(app);
    // The app's QR code links here with the request code, so a phone opens the page filled in; the
    // code is only put in the field (escaped), never acted on: the person still presses the button.
    app.get('/activate', { schema: { querystring: PrefillQuery } }, async (request, reply) =>
      send(reply, { title: ACTIVATE_TITLE, body: activationForms({ requestCode: request.query.request_code?.trim() ?? '' }) }, ctx),
    );
    app.get('/deactivate', async (_request, reply) => send(reply, { title: DEACTIVATE_TITLE, body: deactivationForm() }, ctx));
    app.post('/activate', { schema: { body: ActivateForm } }, async (request, reply) => send(reply, await postActivate(request, request.body), ctx));
    app.post('/deactivate', { schema: { body: DeactivateForm } }, async (request, reply) =>
      send(reply, await postDeactivate(request, request.body), ctx),
    );
    app.get('/free-slot', async (_request, reply) => send(reply, { title: FREE_SLOT_TITLE, body: slotKeyForm() }, ctx));
    for (const step of ['list', 'confirm', 'release'] as const) {
      const path = step === 'list' ? '/free-slot' : `/free-slot/${step}`;
      app.post(path, { schema: { body: SlotForm } }, async (request, reply) => send(reply, await postFreeSlot(request, request.body, step), ctx));
    }
    seal();
  };
}

function firstValues(text: string): Record<string, string> {
  // No prototype, so a field named __proto__ is just a field.
  const fields = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(text)) if (!Object.hasOwn(fields, name)) fields[name] = value;
  return fields;
}

function send(reply: FastifyReply, view: View, ctx: LicensingContext): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const text = renderPage({ product: ctx.productConfig, nonce, title: view.title }, view.body);
  return reply
    .code(view.status ?? 200)
    .headers({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': contentSecurityPolicy(nonce),
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      ...view.headers,
    })
    .send(text);
}
