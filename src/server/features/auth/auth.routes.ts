import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  acceptInvitationBody,
  changePasswordBody,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  sessionInfo,
  signInBody,
} from '../../../domain/auth';
import { errors } from '../../http/errors';
import { scopeOf } from '../../http/permissions';
import { perClient, perEmail, perUser } from '../../http/rate-limit';
import type { ZodApp } from '../index';
import { acceptInvitation } from '../invitations/invitations.accept';
import { changePassword } from './auth.change-password';
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
      schema: {
        operationId: 'signIn',
        summary: 'Sign in with email and password',
        description:
          'Starts a browser session: the answer sets the session cookie. Repeated failures are throttled (429 with Retry-After).',
        tags,
        body: signInBody,
        response: { 200: sessionInfo },
      },
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
    {
      config: { access: 'public' },
      schema: {
        operationId: 'signOut',
        summary: 'Sign out',
        description: 'Ends the session named by the cookie, if any, and clears the cookie.',
        tags,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      setCookies(reply, await signOut(request.ctx, headersFor(request)));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'public', credentials: 'session' },
      schema: {
        operationId: 'getSession',
        summary: 'The signed-in session',
        description:
          'The user, workspace and role of the session cookie. Takes a session only: an API key is answered 401.',
        tags,
        response: { 200: sessionInfo },
      },
    },
    async (request) => {
      // The authentication hook has read the session already.
      const user = request.sessionUser;
      if (!user) throw errors.unauthenticated('No session');
      return sessionInfoFor(request.ctx, user);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'authenticated', rateLimits: [perUser('password-change')] },
      schema: {
        operationId: 'changePassword',
        tags,
        summary: 'Change your own password',
        description:
          'Needs the current password. Every other session of the person ends; this one stays.',
        body: changePasswordBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      // A password belongs to a person: an API key has none to change.
      const user = request.sessionUser;
      if (!user) throw errors.forbidden('Sign in to change your password');
      await changePassword(request.ctx, {
        ...request.body,
        user,
        scope: scopeOf(request),
        headers: headersFor(request),
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset/request',
    {
      config: {
        access: 'public',
        rateLimits: [perClient('reset-request'), perEmail('reset-request-email')],
      },
      schema: {
        operationId: 'requestPasswordReset',
        summary: 'Request a password reset',
        description:
          'Mails a reset link when the address belongs to an account. The answer is the same either way, so it tells nobody which addresses exist.',
        tags,
        body: passwordResetRequestBody,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(request.ctx, request.body.email);
      // No body at all (Fastify writes none for undefined; `null` would be sent as `null`).
      return reply.status(202).send(undefined as never);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', rateLimits: [perClient('reset-confirm')] },
      schema: {
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with a reset token',
        description:
          'Sets the password for the token mailed by a reset request and ends every session of the account.',
        tags,
        body: passwordResetConfirmBody,
        response: { 204: z.null() },
      },
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
      schema: {
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation',
        description:
          'Creates the account for an invitation token (or joins the existing one) and starts a session.',
        tags,
        body: acceptInvitationBody,
        response: { 200: sessionInfo },
      },
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
