import { z } from 'zod';
import { LICENSE_MODES } from '../../shared/license/certificate.ts';

/*
 * The authority's public API as this client reads it (snake_case JSON, errors as
 * `{error: {code, message, hint?, ...details}}`). Parsing is lenient about extra fields and about
 * how a time is written (ISO text or epoch ms), strict about what the app relies on.
 */

const time = z.union([z.number(), z.string().transform((text, ctx) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not a time: ${text}` });
    return z.NEVER;
  }
  return ms;
})]);

export const WireLicenseSchema = z.looseObject({
  status: z.string().optional(),
  expires_at: time.nullable().optional(),
  activation_limit: z.number().nullable().optional(),
  activations_used: z.number().nullable().optional(),
  plan: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).nullable().optional(),
  plugins: z.array(z.string()).optional(),
  /** The order's customer name; only activation answers carry it. */
  licensee: z.string().max(200).nullable().optional(),
});

export const ActivateAnswerSchema = z.looseObject({
  license: WireLicenseSchema.optional(),
  activation: z.looseObject({ id: z.union([z.string(), z.number()]).optional() }).optional(),
  certificate: z.string(),
});

/** A trial answers like activate, plus the trial license's own key (the app validates with it later). */
export const TrialAnswerSchema = ActivateAnswerSchema.extend({ license_key: z.string() });

export const ValidateAnswerSchema = z.looseObject({
  valid: z.boolean(),
  code: z.string().nullable().optional(),
  license: WireLicenseSchema.optional(),
  certificate: z.string().nullable().optional(),
});

const WireSlotSchema = z.looseObject({
  slot: z.string(),
  name: z.string().nullable(),
  device: z.looseObject({ os: z.string().nullable().optional(), app_version: z.string().nullable().optional() }).optional(),
  instance_id_end: z.string().max(4),
  // Every mode a certificate can carry (a trial's slot too): one list, shared with the certificate.
  mode: z.enum(LICENSE_MODES),
  last_seen_at: time,
  freeable: z.boolean(),
  /** The slot of the machine that named its Instance ID in the request; an authority without the mark marks none. */
  this_machine: z.boolean().default(false),
});

/** The key holder's view of the license's slots (POST /license/activations and …/release). */
export const SlotListSchema = z.looseObject({
  license: WireLicenseSchema,
  activations: z.array(WireSlotSchema),
  released: z.looseObject({ name: z.string().nullable() }).optional(),
});

export const ErrorBodySchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string().optional(), hint: z.string().optional() }),
});

export type WireLicense = z.infer<typeof WireLicenseSchema>;
export type ActivateAnswer = z.infer<typeof ActivateAnswerSchema>;
export type ValidateAnswer = z.infer<typeof ValidateAnswerSchema>;
export type TrialAnswer = z.infer<typeof TrialAnswerSchema>;
export type SlotListAnswer = z.infer<typeof SlotListSchema>;

/** The fingerprint as sent: the 6-bit digests per component, snake_case names. */
export type WireFingerprint = Record<string, number>;
