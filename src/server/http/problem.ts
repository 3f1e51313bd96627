import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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

type Known = { status: number; code: string; title: string; field?: string };

/** Fastify's own errors that a client caused (or a handler that ran too long), mapped to stable codes. */
const fastifyCodes: Record<string, Known> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    title: 'Malformed JSON',
    field: 'body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'malformed_json',
    title: 'Empty JSON body',
    field: 'body',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'payload_too_large',
    title: 'Body too large',
    field: 'body',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
    field: 'body',
  },
  // The body as a whole is at fault (Content-Length is a header, but it measures the body).
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'bad_content_length',
    title: 'Bad Content-Length',
    field: 'body',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad_url', title: 'Malformed URL', field: 'path' },
  FST_ERR_INVALID_URL: { status: 400, code: 'bad_url', title: 'Malformed URL', field: 'path' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'uri_too_long',
    title: 'Path parameter too long',
    field: 'path',
  },
  FST_ERR_HANDLER_TIMEOUT: { status: 503, code: 'timeout', title: 'The request took too long' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 500, code: 'internal', title: 'Internal error' },
};

function knownProblem(known: Known, detail: string): Problem {
  return {
    type: `urn:tandem:problem:${known.code}`,
    title: known.title,
    status: known.status,
    detail,
    code: known.code,
    ...(known.field
      ? { errors: [{ field: known.field, code: known.code, message: known.title }] }
      : {}),
  };
}

/** Errors Node's HTTP parser raises before Fastify sees a request, by Node's error code. */
const socketCodes: Record<string, Known> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', title: 'Request timeout' },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    title: 'Request headers too large',
    field: 'headers',
  },
};
const malformedRequest: Known = { status: 400, code: 'bad_request', title: 'Malformed request' };

/**
 * Answers a request Node could not parse (too large headers, too slow, not HTTP) with
 * problem+json on the raw socket, since no Fastify request exists for it.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (error.code && socketCodes[error.code]) || malformedRequest;
  const body = JSON.stringify(knownProblem(known, known.title));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
        `Content-Type: ${PROBLEM_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/**
 * Bad URLs and over-long path parameters are refused by the router before any hook runs, so
 * the headers the hooks set (request id, content policy) are set here too.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const known = (error.code && fastifyCodes[error.code]) || malformedRequest;
  reply.header('x-request-id', request.id);
  reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  return send(reply, knownProblem(known, error.message));
}

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
    if (known && known.status < 500) return send(reply, knownProblem(known, error.message));
    if (known?.code === 'timeout') {
      request.log.warn({ err: error }, 'handler timeout');
      return send(reply, knownProblem(known, 'The server did not answer in time; try again'));
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
