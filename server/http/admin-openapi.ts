import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/*
 * The admin API's OpenAPI document, generated from the routes' own zod schemas (one source of
 * truth: a field added to a schema is in the document at once). Served at /admin/openapi.json,
 * behind the admin auth step like the API it describes. Only /admin/ routes are described, and not
 * the method guards' 405 routes.
 */

export const OPENAPI_PATH = '/admin/openapi.json';

/** Register on the root app before any route, so it sees every one. */
export function addOpenApi(app: FastifyInstance): void {
  app.register(swagger, {
    openapi: {
      info: { title: 'Keyhole admin API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: (input) => {
      const { url, route } = input;
      if (!url.startsWith('/admin/') || url === OPENAPI_PATH || route.schema?.hide) return { schema: { hide: true }, url };
      return jsonSchemaTransform(input);
    },
  });
}

export const openApiRoute: FastifyPluginAsync = async (app) => {
  app.get(OPENAPI_PATH, async () => app.swagger());
};
