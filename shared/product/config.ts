import { z } from 'zod';
import { MAX_CATALOG_PLUGINS } from '../license/certificate.ts';

/*
 * The product config: everything product-specific, decided at build time (build/product.json) and
 * read by the app, the authority and the CLI alike. The plugin catalog is append-only: a
 * certificate names plugins by their position in it.
 */

export const ProductConfigSchema = z
  .object({
    productId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'),
    productName: z.string().min(1),
    vendorName: z.string().min(1),
    /** Where the app activates online; demo mode replaces it with its embedded authority. */
    authorityUrl: z.url(),
    /** The manual (offline) activation page shown with a request code; default: authorityUrl + '/activate'. */
    manualActivationUrl: z.url().optional(),
    /** The vendor's trusted signing keys; demo mode supplies its own. */
    publicKeys: z.array(z.object({ id: z.number().int().min(0).max(63), publicKey: z.string().min(40) }).strict()),
    plugins: z
      .array(z.object({ id: z.string().min(1), name: z.string().min(1), description: z.string() }).strict())
      .max(MAX_CATALOG_PLUGINS),
    /** The app's own URL scheme: `<urlScheme>://activate?key=…` in an order email opens the app with the key filled in. */
    urlScheme: z.string().regex(/^[a-z][a-z0-9+.-]{1,31}$/, 'a URL scheme: lower-case letters, digits, + . -').optional(),
    /** Where a customer renews or upgrades a license; "Renew license" opens it. */
    renewUrl: z.url().optional(),
    /** The vendor's store, where a customer buys a license; "Buy" opens it (a trial's way out). */
    buyUrl: z.url().optional(),
    /**
     * The name of the authority's plan (mode `trial`; its length in days and plugins are the plan's)
     * that "Start free trial" licenses; absent, no trial is offered.
     */
    trialPlan: z.string().min(1).optional(),
    support: z.object({ email: z.string().min(3), url: z.url().optional() }).strict(),
    /** How long an online certificate works without reaching the authority (the grace period). */
    onlineLeaseDays: z.number().int().min(1).max(341),
    /** How often a running app re-validates online. */
    revalidateEveryHours: z.number().positive().max(24 * 30),
  })
  .strict();

export type ProductConfig = z.infer<typeof ProductConfigSchema>;

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
  const result = ProductConfigSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`The product config is not valid:\n- ${problems.join('\n- ')}`);
  }
  return result.data;
}
