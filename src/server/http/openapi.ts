import type { FastifyInstance, RouteOptions } from 'fastify';
import type { RouteAccess } from './permissions';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Headers a success answer carries, for the document. */
    replyHeaders?: ReplyHeader[];
    /** `session`: the route takes a session cookie only (an API key is answered 401). */
    credentials?: 'session';
    /** The route moves a record through its state machine (409 and 422 as it refuses). */
    transition?: boolean;
    /** The OpenAPI request body of a route that takes a file rather than JSON (no body schema). */
    requestBody?: Record<string, unknown>;
  }
}

/** A header a success answer carries, as the document names it. */
export type ReplyHeader = 'etag' | 'location' | 'content-disposition';

/** What the document needs to know about a route beyond its schemas. */
export type RouteDoc = {
  method: string;
  url: string;
  access: RouteAccess;
  replyHeaders: ReplyHeader[];
  credentials?: 'session';
  /** Whether the route counts requests and answers 429 over its limits. */
  rateLimited: boolean;
  transition?: boolean;
  requestBody?: Record<string, unknown>;
};

/** Every tag an operation may use, with the description the document shows. */
export const tagDescriptions: Record<string, string> = {
  partners: 'Partner companies: the records partnership managers work on, with their history',
  contacts: 'People at partners',
  'plan-templates':
    'Plan templates per partner type: the summary, objectives and KPI definitions a new plan starts from',
  plans:
    'Joint business plans: one per partner and fiscal period, agreed with the partner as numbered versions',
  signing:
    'Signing links: a partner signer reads the agreement sent for signature and signs it, with the token of the link mailed to them and no sign-in',
  agreements:
    'Agreements with partners: type, term, value, parties and signers, moved from draft through negotiation and signature to their end',
  compliance:
    'Compliance requirements per agreement type and each agreement’s checklist: open, met with evidence or waived with a reason; an open blocking one stops the move to pending_signature or active',
  dashboard: 'The portfolio at a glance: counts that click through to the lists behind them',
  kpis: 'A plan’s KPIs, their measurements (batch write and CSV/XLSX import) and their progress',
  reports: 'PDF reports to hand to executives or partners: the portfolio and partner scorecards',
  clauses:
    'The clause library: reusable contract text with `{{variables}}`, categories and fallback positions',
  'agreement-templates':
    'Agreement templates made of library clauses in order, and previews filled from a partner’s and an agreement’s records',
  issues: 'The issues and conflicts register: problems with partners worked to resolution',
  auth: 'Sign-in, sessions, password resets and accepting invitations',
  setup: 'First run: creating the first workspace and its admin',
  workspace: "The caller's workspace and its settings",
  members: 'People of the workspace and their roles',
  invitations: 'Inviting members and partner users by email',
  'partner-users': 'People of partners who use the portal',
  'api-keys': 'Workspace API keys for integrations',
  portal: "The partner portal's own view: only what is shared with the caller's partner",
  disclosures: 'The disclosure log: which records partner users were shown, and when',
  timeline: 'What happened with partners, newest first: one indexed source for every timeline',
  interactions: 'Meetings, calls, emails, events and notes with a partner',
  tasks: 'Units of work with an assignee, a team, a due date, linked to any record',
  teams: 'Departments of the workspace (Sales, Legal…) and who belongs to them',
  'partner-team': 'Each partner’s partnership team: which members, from which team, in which role',
  notifications:
    'A member’s own notifications (the bell), their email switches, and the outbox of mail kept without SMTP',
  comments: 'Comments with @mentions on partners, interactions, issues and tasks',
  health: 'Relationship health scores with their reasons, daily trends and the partners at risk',
  calendar: 'Secret calendar URLs (iCalendar) with a member’s meetings, for their calendar app',
  operations: 'Probes for load balancers and orchestrators',
};

const camelCase = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Every API route documents itself: a unique camelCase operationId, a summary, a description
 * and a known tag. A route without them stops the app from starting, so later routes inherit
 * the complete document.
 */
export function registerRouteDocs(app: FastifyInstance, docs: RouteDoc[]) {
  const operationIds = new Set<string>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    if (!route.url.startsWith('/api/') || schema.hide || route.method === 'HEAD') return;
    const where = `Route ${String(route.method)} ${route.url}`;
    const operationId = schema.operationId;
    if (typeof operationId !== 'string' || !camelCase.test(operationId))
      throw new Error(`${where} needs a camelCase operationId`);
    if (operationIds.has(operationId)) throw new Error(`${where} repeats ${operationId}`);
    operationIds.add(operationId);
    for (const key of ['summary', 'description'] as const) {
      if (typeof schema[key] !== 'string' || !schema[key])
        throw new Error(`${where} needs a ${key}`);
    }
    const tags = schema.tags as string[] | undefined;
    if (!tags?.length || tags.some((tag) => !(tag in tagDescriptions)))
      throw new Error(`${where} needs a tag listed in tagDescriptions`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      docs.push({
        method,
        url: route.url,
        access: route.config?.access ?? 'public',
        replyHeaders: route.config?.replyHeaders ?? [],
        credentials: route.config?.credentials,
        transition: route.config?.transition,
        requestBody: route.config?.requestBody,
        // Public routes count by their own limits; all API use by a key or session counts too.
        rateLimited: (route.config?.rateLimits?.length ?? 0) > 0 || route.url.startsWith('/api/v1'),
      });
    }
  });
}

type Json = Record<string, unknown>;
type Operation = {
  security?: unknown[];
  parameters?: Array<Json & { in: string; name: string }>;
  requestBody?: Json;
  responses: Record<string, Json & { content?: Record<string, { schema?: Json }> }>;
};

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};
const problem = (description: string, extra: Json = {}) => ({
  description,
  ...extra,
  content: problemContent,
});

const headerDocs = {
  etag: {
    description: 'The version of the record (`"3"`), to send back in If-Match with a change',
    schema: { type: 'string' },
  },
  location: { description: 'The URL of the new record', schema: { type: 'string' } },
  'content-disposition': {
    description: '`attachment` with the file name, such as `tandem-partners-2026-12-05.csv`',
    schema: { type: 'string' },
  },
} satisfies Record<ReplyHeader, Json>;

const headerNames: Record<ReplyHeader, string> = {
  etag: 'ETag',
  location: 'Location',
  'content-disposition': 'Content-Disposition',
};

/** The error answers every operation of its kind can give, by what the server really does. */
function errorResponses(op: Operation, method: string, doc: RouteDoc) {
  const out: Operation['responses'] = {};
  const changes = method !== 'GET';
  const hasPath = op.parameters?.some((p) => p.in === 'path');
  const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
  out['400'] = problem(
    '`validation_failed` (the field at fault in `errors`, including an unknown query parameter or body field), `malformed_json`, `bad_url`',
  );
  if (doc.access !== 'public' || doc.credentials)
    out['401'] = problem('`unauthenticated`: no valid session or API key');
  if (doc.access !== 'public' || changes)
    out['403'] = problem(
      changes
        ? '`forbidden` (the role does not allow it) or `origin_mismatch` (a cookie request from another site)'
        : '`forbidden`: the role does not allow it',
    );
  if (hasPath) {
    out['404'] = problem('`not_found`: no such record in your scope');
    out['414'] = problem('`uri_too_long`: a path parameter is too long');
  }
  if (ifMatch) out['412'] = problem('`stale_version`: the record changed since you read it');
  if (ifMatch?.required) out['428'] = problem('`if_match_required`: send the ETag in If-Match');
  if (doc.transition) {
    out['409'] = problem(
      '`invalid_transition`: the status cannot move there; `allowed` lists the statuses it can move to, `from` and `to` repeat the move',
    );
    out['422'] = problem(
      '`field_required`: the move needs a field (named in `errors`), or `invalid_reference` for a reference out of scope',
    );
  }
  if (op.requestBody) {
    out['413'] = problem('`payload_too_large`');
    out['415'] = problem(
      `\`unsupported_media_type\`: send ${Object.keys(
        (op.requestBody.content as Json | undefined) ?? { 'application/json': 1 },
      )
        .map((type) => `\`${type}\``)
        .join(' or ')}`,
    );
  }
  if (doc.rateLimited)
    out['429'] = problem('`too_many_requests`: wait the seconds in Retry-After', {
      headers: {
        'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 0 } },
      },
    });
  out['4XX'] = problem('Another error (RFC 9457 problem+json with a stable `code`)');
  out['5XX'] = problem('`internal` or `timeout`: a fault on the server; the request id is logged');
  return out;
}

function refsIn(value: unknown, found: Set<string>) {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child.split('/').pop() ?? '');
      else refsIn(child, found);
    }
  }
}

/** The components the paths reference, directly or through other components. */
function usedSchemas(paths: unknown, schemas: Record<string, unknown>): Set<string> {
  const used = new Set<string>();
  refsIn(paths, used);
  let size = -1;
  while (size !== used.size) {
    size = used.size;
    for (const name of [...used]) refsIn(schemas[name], used);
  }
  return used;
}

/**
 * Completes the generated document with what the route schemas cannot say: security per
 * route, error answers, response headers, bodiless answers, servers, tags and licence; and
 * drops components nothing references (zod's input copies of output-only schemas).
 */
export function finishDocument(
  document: Json,
  docs: RouteDoc[],
  options: { publicUrl: string },
): Json {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  const byRoute = new Map(docs.map((doc) => [`${doc.method} ${doc.url}`, doc]));
  const usedTags = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    const url = path.replace(/\{(\w+)\}/g, ':$1');
    for (const [method, op] of Object.entries(item)) {
      const doc = byRoute.get(`${method.toUpperCase()} ${url}`);
      if (!doc) continue;
      for (const tag of (op as { tags?: string[] }).tags ?? []) usedTags.add(tag);
      if (doc.requestBody) op.requestBody = doc.requestBody;
      if (doc.credentials === 'session') op.security = [{ session: [] }];
      else if (doc.access === 'public') op.security = [];
      // Every change guarded by a version requires If-Match on PATCH and on a status move (428 without it).
      const ifMatch = op.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
      if (ifMatch && (method === 'patch' || doc.transition)) ifMatch.required = true;
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('2')) continue;
        const content = response.content ?? {};
        for (const [type, media] of Object.entries(content)) {
          if (media.schema?.type === 'null') delete content[type];
        }
        if (Object.keys(content).length === 0) delete response.content;
        if (response.description === 'Default Response')
          response.description =
            status === '201'
              ? 'Created'
              : status === '202'
                ? 'Accepted'
                : status === '204'
                  ? 'Done, no content'
                  : 'OK';
        if (doc.replyHeaders.length > 0)
          response.headers = Object.fromEntries(
            doc.replyHeaders.map((name) => [headerNames[name], headerDocs[name]]),
          );
      }
      const { '4XX': _, ...successes } = op.responses;
      op.responses = { ...successes, ...errorResponses(op, method.toUpperCase(), doc) };
    }
  }
  const components = (document.components ?? {}) as { schemas?: Record<string, unknown> };
  const schemas = components.schemas ?? {};
  const used = usedSchemas(paths, schemas);
  // An input copy whose output twin nothing uses takes the plain name (`PartnerCreate`).
  const renames = new Map(
    [...used]
      .filter((name) => name.endsWith('Input') && !used.has(name.slice(0, -5)))
      .map((name) => [name, name.slice(0, -5)]),
  );
  components.schemas = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => used.has(name))
      .map(([name, schema]) => [renames.get(name) ?? name, schema]),
  );
  const renamed = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (key, child) => {
      if (key !== '$ref' || typeof child !== 'string') return child;
      const name = child.split('/').pop() ?? '';
      return renames.has(name) ? `#/components/schemas/${renames.get(name)}` : child;
    });
  document.paths = renamed(paths);
  components.schemas = renamed(components.schemas);
  const info = document.info as Json;
  return {
    ...document,
    info: {
      ...info,
      license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
      contact: { name: 'The administrators of this Tandem instance', url: options.publicUrl },
    },
    servers: [{ url: options.publicUrl, description: 'This Tandem instance' }],
    tags: [...usedTags].sort().map((name) => ({ name, description: tagDescriptions[name] })),
    components,
  };
}
