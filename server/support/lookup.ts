import { KeyholeError } from '../../shared/errors/keyhole-error.ts';
import { pluginCatalog } from '../../shared/product/config.ts';
import { checkBundle } from '../../shared/support/bundle.ts';
import { listActivations, showLicense } from '../licensing/admin-service.ts';
import type { LicensingContext } from '../licensing/context.ts';
import { authorityFacts, type AuthorityFacts } from './ask-authority.ts';
import { peekCertificate } from './bundle-key-set.ts';
import { reproductionJson } from './format-reproduction.ts';
import { reproduceBundle } from './reproduce.ts';

/*
 * The console's support lookup: a bundle in, and in one answer what the customer saw (the
 * reproduction `keyhole support reproduce` prints, verified with this authority's own published
 * keys), what the authority knows now of that license and instance (the same reading as
 * `--against`, ask-authority.ts), and the license and order ids for the console's links.
 */

export async function lookUpBundle(ctx: LicensingContext, value: unknown) {
  const check = await checkBundle(value);
  if (!check.ok) throw new KeyholeError('REQUEST_INVALID', check.problem);
  const bundle = check.bundle;
  if (bundle.productId !== ctx.productConfig.productId) {
    throw new KeyholeError('REQUEST_INVALID', `the bundle is for product "${bundle.productId}"; this authority serves "${ctx.productConfig.productId}"`);
  }
  await ctx.keys.refresh();
  const keySet = { productId: ctx.productConfig.productId, keys: ctx.keys.published.map(({ id, publicKey }) => ({ id, publicKey })) };
  const catalog = pluginCatalog(ctx.productConfig);
  const reproduction = await reproduceBundle(bundle, keySet, catalog);
  const certificate = peekCertificate(bundle.certificate, catalog);
  const problem = certificate && !keySet.keys.some((key) => key.id === certificate.keyId)
    ? `the certificate was signed with key id ${certificate.keyId}, which this authority does not publish (it publishes ${keySet.keys.map((k) => k.id).join(', ') || 'none'})`
    : null;

  let authority: AuthorityFacts | null = null;
  let authorityNote: string | null = null;
  let license: { id: number; order_id: number } | null = null;
  if (certificate === null) {
    authorityNote = 'the bundle holds no readable certificate, so there is no license id to look up';
  } else {
    try {
      const card = await showLicense(ctx, String(certificate.licenseId));
      const activations = await listActivations(ctx, String(card.id));
      authority = authorityFacts('this authority', bundle, card.id, card, activations);
      license = { id: card.id, order_id: card.order_id };
    } catch (error) {
      if (!(error instanceof KeyholeError) || error.code !== 'NOT_FOUND') throw error;
      authorityNote = `this authority has no license ${certificate.licenseId}: the certificate comes from another authority or a deleted database`;
    }
  }
  return {
    ...reproductionJson(reproduction),
    keys: { source: "this authority's published signing keys", problem },
    authority,
    authorityNote,
    license,
  };
}
