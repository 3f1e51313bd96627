/** The server's OpenAPI document, built from the routes without serving a request. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/server/app';
import { type Config, defaultFileLimits, defaultRateLimits } from '../src/server/config';
import type { AppContext } from '../src/server/context';
import { openEmbedded } from '../src/server/db/client';
import { openBlobStore } from '../src/server/files/open';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The document depends only on the routes, so any valid settings do.
const config: Config = {
  port: 3000,
  host: '127.0.0.1',
  dataDir: join(root, 'data'),
  filesDir: join(root, 'data', 'files'),
  fileLimits: defaultFileLimits,
  databaseUrl: undefined,
  publicUrl: 'https://tandem.invalid',
  secret: 'api-types-only-never-serves-a-request-000',
  trustProxy: false,
  rateLimits: defaultRateLimits,
  smtpUrl: undefined,
  mailFrom: 'Tandem <tandem@localhost>',
  logLevel: 'silent',
};

export async function openapiDocument(): Promise<Record<string, unknown>> {
  const database = await openEmbedded({});
  try {
    const ctx: AppContext = {
      config,
      database,
      jobs: { enqueue: async () => {}, enqueueMany: async () => {}, stop: async () => {} },
      // Never written: the document is built without serving a request.
      files: openBlobStore(config),
      setupToken: null,
    };
    const app = await buildApp(ctx, { logger: false, serveWeb: false });
    await app.ready();
    const document = app.swagger() as Record<string, unknown>;
    await app.close();
    return document;
  } finally {
    await database.close();
  }
}
