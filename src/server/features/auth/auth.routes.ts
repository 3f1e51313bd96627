import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  acceptInvitationBody,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  sessionInfo,
  signInBody,
} from '../../../domain/auth';
import { errors } from '../../http/errors';
import { perClient, perEmail } from '../../http/rate-limit';
import type { ZodApp } from '../index';
import { acceptInvitation } from '../invitations/invitations.accept';
import { headersFor } from './auth.instance';
import { confirmPasswordReset, requestPasswordReset } from './auth.reset';
import { sessionInfoFor, signIn, signOut } from './auth.service';

const tags = ['auth'];

/** Copies better-auth's Set-Cookie headers onto our reply. */
export function setCookies(reply: FastifyReply, cookies: string[]) {
  if (cookies.length > 0) reply.header('set-cookie', cookies);
}

export async function authRoutes(app: ZodApp) {
  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public', rateLimits: [perClient('sign-in')] },
      schema: { tags, body: signInBody, response: { 200: sessionInfo } },
    },
    async (request, reply) => {
      const { setCookie, info } = await signIn(request.ctx, {
        ...request.body,
        ip: request.ip,
        headers: headersFor(request),
      });
      setCookies(reply, setCookie);
      return info;
    },
  );

  app.post(
    '/auth/sign-out',
    { config: { access: 'public' }, schema: { tags, response: { 204: z.null() } } },
    async (request, reply) => {
      setCookies(reply, await signOut(request.ctx, headersFor(request)));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    { config: { access: 'public' }, schema: { tags, response: { 200: sessionInfo } } },
    async (request) => {
      // The authentication hook has read the session already.
      const user = request.sessionUser;
      if (!user) throw errors.unauthenticated('No session');
      return sessionInfoFor(request.ctx, user);
    },
  );

  app.post(
    '/auth/password-reset/request',
    {
      config: {
        access: 'public',
        rateLimits: [perClient('reset-request'), perEmail('reset-request-email')],
      },
      schema: { tags, body: passwordResetRequestBody, response: { 202: z.null() } },
    },
    async (request, reply) => {
      await requestPasswordReset(request.ctx, request.body.email);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimits: [perClient('reset-confirm')] },
      schema: { tags, body: passwordResetConfirmBody, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await confirmPasswordReset(request.ctx, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/invitations/accept',
    {
      config: { access: 'public', rateLimits: [perClient('invitation-accept')] },
      schema: { tags, body: acceptInvitationBody, response: { 200: sessionInfo } },
    },
    async (request, reply) => {
      const { setCookie, info } = await acceptInvitation(request.ctx, {
        ...request.body,
        headers: headersFor(request),
      });
      setCookies(reply, setCookie);
      return info;
    },
  );
}
