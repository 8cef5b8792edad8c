import type { FastifyInstance, HTTPMethods } from 'fastify';
import { MethodNotAllowed } from './error-response.ts';

/*
 * Fastify answers a known path asked with another method as an unknown route (404). The API has
 * always said 405 with an Allow header there, which tells a client author what went wrong; so each
 * route plugin calls this after adding its routes, and every other method of those paths gets a
 * route that refuses it (inside the plugin, so the plugin's own error handler words the answer).
 */

const METHODS: readonly HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Call as `const seal = guardMethods(app)` before adding routes and `seal()` after them. */
export function guardMethods(app: FastifyInstance): () => void {
  const allowed = new Map<string, Set<string>>();
  let sealed = false;
  app.addHook('onRoute', (route) => {
    if (sealed) return;
    const methods = allowed.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    if (methods.has('GET')) methods.add('HEAD');
    allowed.set(route.url, methods);
  });
  return () => {
    sealed = true;
    for (const [url, methods] of allowed) {
      const allow = METHODS.filter((method) => methods.has(method));
      const others = METHODS.filter((method) => !methods.has(method));
      app.route({
        method: others,
        url,
        // Not part of the API's description (admin-openapi.ts): only the methods that work are.
        schema: { hide: true },
        handler: async (request) => {
          throw new MethodNotAllowed(request.url, allow);
        },
      });
    }
  };
}
