import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { webDistFolder } from '../paths';

/**
 * Serves the built web app. Hashed assets are cached for a year; every other path gets
 * index.html with this response's style nonce, so client-side routes load directly.
 */
export async function registerWeb(app: FastifyInstance) {
  const indexFile = join(webDistFolder, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn('The web app is not built (npm run build); serving the API only');
    return;
  }
  const indexHtml = readFileSync(indexFile, 'utf8');

  await app.register(fastifyStatic, {
    root: join(webDistFolder, 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
  });

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.callNotFound();
    }
    const html = indexHtml.replaceAll('__STYLE_NONCE__', reply.styleNonce);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
}
