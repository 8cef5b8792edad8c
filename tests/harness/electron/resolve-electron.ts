/*
 * Module hook (runs on Node's loader thread): the bare specifier `electron` resolves to the
 * recording stand-in, for every importer (the glue and electron-store alike). Everything else goes
 * on down the chain unchanged, so tsx, registered before this hook, still resolves and transpiles
 * every other module, the stand-in included.
 */

const STAND_IN_URL = new URL('./stand-in.ts', import.meta.url).href;

interface ResolveResult {
  readonly url: string;
  readonly format?: string | null;
  readonly shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: unknown) => ResolveResult | Promise<ResolveResult>;

export async function resolve(specifier: string, context: unknown, nextResolve: NextResolve): Promise<ResolveResult> {
  if (specifier === 'electron') return { url: STAND_IN_URL, shortCircuit: true };
  return nextResolve(specifier, context);
}
