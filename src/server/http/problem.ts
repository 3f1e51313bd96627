import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors';

export const PROBLEM_TYPE = 'application/problem+json';

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  [extra: string]: unknown;
};

function send(reply: FastifyReply, problem: Problem, headers: Record<string, string> = {}) {
  reply.headers(headers);
  return reply.status(problem.status).type(PROBLEM_TYPE).send(problem);
}

export function problemOf(error: AppError): Problem {
  return {
    type: `urn:tandem:problem:${error.code}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
    ...error.extra,
  };
}

/** Fastify's own errors that a client caused, mapped to stable codes. */
const fastifyCodes: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Malformed JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_json', title: 'Empty JSON body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', title: 'Body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_content_length',
    title: 'Bad Content-Length',
  },
};

function issuePath(path: ReadonlyArray<PropertyKey>, where: string): string {
  const joined = path.map(String).join('.');
  return joined || where;
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) return send(reply, problemOf(error), error.headers);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const fields: FieldError[] = error.validation.map((v) => {
        // fastify-type-provider-zod puts the zod issue's path in instancePath (`/domains/1`),
        // its code in keyword and its other properties (such as `keys`) in params.
        const params = v.params as { keys?: string[] };
        const issue = { code: v.keyword };
        const keys = issue.code === 'unrecognized_keys' ? params.keys : undefined;
        const base = issuePath((v.instancePath ?? '').split('/').filter(Boolean), where);
        return {
          field: keys?.length
            ? base === where
              ? keys.join(',')
              : `${base}.${keys.join(',')}`
            : base,
          code: issue?.code ?? 'invalid',
          message: v.message ?? 'is invalid',
        };
      });
      return send(reply, {
        type: 'urn:tandem:problem:validation_failed',
        title: 'The request is not valid',
        status: 400,
        detail: `Invalid ${where}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
        code: 'validation_failed',
        errors: fields,
      });
    }

    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) {
      return send(reply, {
        type: `urn:tandem:problem:${known.code}`,
        title: known.title,
        status: known.status,
        detail: error.message,
        code: known.code,
        // The body as a whole is at fault (Content-Length is a header, but it measures the body).
        errors: [{ field: 'body', code: known.code, message: known.title }],
      });
    }
    if (error.statusCode === 429) {
      return send(reply, {
        type: 'urn:tandem:problem:too_many_requests',
        title: 'Too many requests',
        status: 429,
        detail: error.message,
        code: 'too_many_requests',
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, {
        type: 'urn:tandem:problem:bad_request',
        title: 'Bad request',
        status: error.statusCode,
        detail: error.message,
        code: 'bad_request',
      });
    }

    request.log.error({ err: error }, 'unhandled error');
    return send(reply, {
      type: 'urn:tandem:problem:internal',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; the request id is in the logs',
      code: 'internal',
      requestId: request.id,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, {
      type: 'urn:tandem:problem:not_found',
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url.split('?')[0]}`,
      code: 'not_found',
    }),
  );
}
