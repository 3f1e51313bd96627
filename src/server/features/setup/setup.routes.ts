import { setupBody, setupResult, setupStatus } from '../../../domain/setup';
import { perClient } from '../../http/rate-limit';
import { headersFor } from '../auth/auth.instance';
import { setCookies } from '../auth/auth.routes';
import { signInAfterCreate } from '../auth/auth.service';
import type { ZodApp } from '../index';
import { runSetup, setupNeeded } from './setup.service';

const tags = ['setup'];

export async function setupRoutes(app: ZodApp) {
  app.get(
    '/setup',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getSetupStatus',
        summary: 'Whether the instance is set up',
        description: 'Tells the first-run page whether a workspace exists yet.',
        tags,
        response: { 200: setupStatus },
      },
    },
    async (request) => ({ needed: await setupNeeded(request.ctx) }),
  );

  app.post(
    '/setup',
    {
      config: { access: 'public', rateLimits: [perClient('setup')] },
      schema: {
        operationId: 'setUpInstance',
        summary: 'Create the first workspace and admin',
        description:
          'Creates the first workspace and its admin with the one-time setup token printed at start, and signs the admin in. With `loadDemo`, answers the demo team and the password made for them, this once.',
        tags,
        body: setupBody,
        response: { 201: setupResult },
      },
    },
    async (request, reply) => {
      const { demo } = await runSetup(request.ctx, request.body);
      // The token is spent: the running app forgets it.
      request.server.ctx.setupToken = null;
      const { setCookie, info } = await signInAfterCreate(request.ctx, {
        email: request.body.adminEmail,
        password: request.body.adminPassword,
        headers: headersFor(request),
      });
      setCookies(reply, setCookie);
      // The demo password is shown once: no cache keeps it.
      return reply
        .status(201)
        .header('cache-control', 'no-store')
        .send({ ...info, demo });
    },
  );
}
