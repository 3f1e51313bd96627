import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { apiDocsCss, apiDocsScript, tandemMark } from './api-docs.theme';

/**
 * Examples as plain text: the highlighting themes fail contrast. Swagger UI reads `activated`
 * (the plugin's types say `activate`), hence a constant rather than a literal.
 */
const plainExamples = { activated: false, theme: 'agate' } as const;

const swaggerUiFiles = join(
  dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
  'static',
);

/**
 * `/api/docs`: Swagger UI under Tandem's name, without its top bar (a URL box and the
 * framework's logo), themed for contrast and patched for screen readers (decision 018).
 */
export async function registerApiDocs(app: FastifyInstance) {
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Named because the plugin is bundled with the server (decision 069): Swagger UI's files stay
    // in its package's folder. The logo is given for the same reason (it would read its own).
    baseDir: swaggerUiFiles,
    logo: { type: 'image/svg+xml', content: tandemMark },
    uiConfig: {
      layout: 'BaseLayout',
      deepLinking: false,
      docExpansion: 'list',
      defaultModelsExpandDepth: 0,
      displayRequestDuration: true,
      syntaxHighlight: plainExamples,
    },
    theme: {
      title: 'Tandem API reference',
      css: [{ filename: 'tandem.css', content: apiDocsCss }],
      js: [{ filename: 'tandem.js', content: apiDocsScript }],
      favicon: [
        {
          filename: 'tandem.svg',
          rel: 'icon',
          type: 'image/svg+xml',
          sizes: 'any',
          content: tandemMark,
        },
      ],
    },
  });
}
