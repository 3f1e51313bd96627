import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../domain/problem';
import type { Scope } from './access/scope';
import { fastifyTrustProxy } from './config';
import type { AppContext, ServiceContext } from './context';
import { registerFeatures } from './features';
import type { SessionUser } from './features/auth/auth.session';
import { registerApiDocs } from './http/api-docs';
import { registerAuthentication } from './http/authenticate';
import { AppError } from './http/errors';
import { isListeningLine, logRedactPaths, RequestLog } from './http/logging';
import { finishDocument, type RouteDoc, registerRouteDocs } from './http/openapi';
import { type RouteAccess, registerRouteAccess } from './http/permissions';
import { answerClientError, answerFrameworkError, registerErrorHandling } from './http/problem';
import { registerRateLimits } from './http/rate-limit';
import { registerSecurity } from './http/security';
import { compiledSerializer } from './http/serialize';
import { registerWeb } from './http/web';

declare module 'fastify' {
  interface FastifyRequest {
    scope: Scope | null;
    /** The session cookie's user, when the caller signed in with one (read once, with the scope). */
    sessionUser: SessionUser | null;
    ctx: ServiceContext;
  }
  interface FastifyInstance {
    ctx: AppContext;
    /** Every API route with the access it requires, for the snapshot test and the docs. */
    routeAccess: Array<{ method: string; url: string; access: RouteAccess }>;
  }
}

export type App = FastifyInstance;

export type BuildOptions = { logger?: boolean; serveWeb?: boolean };

/** Builds the whole HTTP app without listening: main.ts listens, tests inject. */
export async function buildApp(
  ctx: AppContext,
  options: BuildOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: { paths: logRedactPaths, censor: '[redacted]' },
            hooks: {
              logMethod(args, method) {
                if (!isListeningLine(args)) method.apply(this, args);
              },
            },
          },
    logController: new RequestLog(),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // A client that sends its request slower than this is cut off with 408; a handler that has
    // not answered after handlerTimeout gets 503 (both problem+json).
    requestTimeout: 60_000,
    handlerTimeout: 60_000,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializer);
  app.decorate('ctx', ctx);
  app.decorate('routeAccess', [] as FastifyInstance['routeAccess']);
  app.decorateRequest('scope', null);
  app.decorateRequest('sessionUser', null);
  app.decorateRequest('ctx', null as unknown as ServiceContext);
  app.addHook('onRequest', async (request, reply) => {
    request.ctx = { ...ctx, requestId: request.id };
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app);
  await app.register(fastifyCookie, { secret: ctx.config.secret });
  await registerSecurity(app, ctx);
  registerAuthentication(app);
  registerRouteAccess(app, app.routeAccess);
  registerRateLimits(app, ctx);
  const routeDocs: RouteDoc[] = [];
  registerRouteDocs(app, routeDocs);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tandem API',
        version: '1',
        description:
          'The partnership management API. Authenticate with a session cookie (browser) or `Authorization: Bearer <api key>`. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key' },
          session: { type: 'apiKey', in: 'cookie', name: 'tandem.session_token' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) =>
      finishDocument(jsonSchemaTransformObject(document), routeDocs, {
        publicUrl: ctx.config.publicUrl,
      }),
  });
  await registerApiDocs(app);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const probeTags = ['operations'];
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getHealth',
        summary: 'Liveness probe',
        description: 'Answers while the process serves requests; it does not touch the database.',
        tags: probeTags,
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/ready',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'getReadiness',
        summary: 'Readiness probe',
        description:
          'Answers 200 when the database answers, 503 `not_ready` (problem+json) when not.',
        tags: probeTags,
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      try {
        await ctx.database.sql('SELECT 1');
      } catch {
        throw new AppError(503, 'not_ready', 'Not ready', 'The database does not answer');
      }
      return { status: 'ready' as const };
    },
  );

  // Every API route documents its errors as problem+json, and one that takes no query
  // parameters refuses any, as bodies refuse unknown fields.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const schema = route.schema ?? {};
    route.schema = {
      ...schema,
      querystring: schema.querystring ?? z.object({}).strict(),
      response: { ...(schema.response as object | undefined), ...problemResponses },
    };
  });

  await app.register(
    async (api) => {
      await registerFeatures(api.withTypeProvider<ZodTypeProvider>());
    },
    { prefix: '/api/v1' },
  );

  if (options.serveWeb !== false) await registerWeb(app);
  return app;
}
