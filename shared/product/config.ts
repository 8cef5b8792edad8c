import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { MAX_CATALOG_PLUGINS } from '../license/certificate.ts';

/*
 * The product config: everything product-specific, decided at build time (build/product.json) and
 * read by the app, the authority and the CLI alike. The plugin catalog is append-only: a
 * certificate names plugins by their position in it.
 *
 * Parsed before a host app's first window, so the schema is zod/mini's: the same checks and
 * messages as zod's chainable API, without building that API's methods on every schema (several
 * milliseconds of start-up). zod/mini brings no messages of its own, hence English per parse.
 */

const text = (min: number) => z.string().check(z.minLength(min));

export const ProductConfigSchema = z.strictObject({
  productId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes')),
  productName: text(1),
  vendorName: text(1),
  /** Where the app activates online; demo mode replaces it with its embedded authority. */
  authorityUrl: z.url(),
  /** The manual (offline) activation page shown with a request code; default: authorityUrl + '/activate'. */
  manualActivationUrl: z.optional(z.url()),
  /** The vendor's trusted signing keys; demo mode supplies its own. */
  publicKeys: z.array(z.strictObject({ id: z.int().check(z.gte(0), z.lte(63)), publicKey: text(40) })),
  plugins: z.array(z.strictObject({ id: text(1), name: text(1), description: z.string() })).check(z.maxLength(MAX_CATALOG_PLUGINS)),
  /** The app's own URL scheme: `<urlScheme>://activate?key=…` in an order email opens the app with the key filled in. */
  urlScheme: z.optional(z.string().check(z.regex(/^[a-z][a-z0-9+.-]{1,31}$/, 'a URL scheme: lower-case letters, digits, + . -'))),
  /** Where a customer renews or upgrades a license; "Renew license" opens it. */
  renewUrl: z.optional(z.url()),
  /** The vendor's store, where a customer buys a license; "Buy" opens it (a trial's way out). */
  buyUrl: z.optional(z.url()),
  /**
   * The name of the authority's plan (mode `trial`; its length in days and plugins are the plan's)
   * that "Start free trial" licenses; absent, no trial is offered.
   */
  trialPlan: z.optional(text(1)),
  support: z.strictObject({ email: text(3), url: z.optional(z.url()) }),
  /** How long an online certificate works without reaching the authority (the grace period). */
  onlineLeaseDays: z.int().check(z.gte(1), z.lte(341)),
  /** How often a running app re-validates online. */
  revalidateEveryHours: z.number().check(z.positive(), z.lte(24 * 30)),
});

export type ProductConfig = z.infer<typeof ProductConfigSchema>;

const ENGLISH = en().localeError;

/**
 * The plugin ids in catalog order, as certificates encode them.
 *
 * @example
 * pluginCatalog(config) // ['reports', 'sync', …]
 */
export function pluginCatalog(config: ProductConfig): string[] {
  return config.plugins.map((plugin) => plugin.id);
}

/**
 * Validates a parsed product config, with every problem named.
 *
 * @example
 * parseProductConfig(JSON.parse(text))
 */
export function parseProductConfig(value: unknown): ProductConfig {
  const result = ProductConfigSchema.safeParse(value, { error: ENGLISH });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`The product config is not valid:\n- ${problems.join('\n- ')}`);
  }
  return result.data;
}
