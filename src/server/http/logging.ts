import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/** Never logged: credentials, cookies, tokens and passwords wherever they appear. */
export const logRedactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.key',
  '*.secret',
];

/** Query parameters whose values say nothing about a person: the rest are logged as `~`. */
const safeQueryKeys = new Set([
  'limit',
  'cursor',
  'sort',
  'archived',
  'type',
  'tier',
  'stage',
  'role',
  'country',
  'ownerId',
  'partnerId',
]);

/** The query string with every value outside the safe list replaced, so search text stays out. */
export function redactedQuery(url: string): string | undefined {
  const at = url.indexOf('?');
  if (at === -1) return undefined;
  const params = new URLSearchParams(url.slice(at + 1));
  const kept = new URLSearchParams();
  for (const [name, value] of params) kept.append(name, safeQueryKeys.has(name) ? value : '~');
  return kept.toString();
}

/** Fastify's own listening lines (one per interface); Tandem prints its address once itself. */
export function isListeningLine(args: unknown[]): boolean {
  const message = args.find((arg) => typeof arg === 'string');
  return typeof message === 'string' && message.startsWith('Server listening at ');
}

/** Levels at which a request's `info` line is not written. */
const levelsAboveInfo = new Set(['warn', 'error', 'fatal', 'silent']);

/**
 * One line per request, when it is answered (Fastify's "incoming request" line is dropped):
 * route pattern (never the path with its ids), status, duration and, through the request's
 * child logger, the request id.
 */
export class RequestLog extends LogController {
  override incomingRequest() {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    // Below `info` (LOG_LEVEL=warn…) a successful request writes nothing: build no line for it.
    if (!error && levelsAboveInfo.has(reply.log.level)) return;
    const line = {
      method: request.method,
      route: request.routeOptions?.url ?? null,
      query: redactedQuery(request.url),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
