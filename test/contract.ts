import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';

type Json = Record<string, unknown>;
type Response = {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Json }>;
};
type Operation = { responses: Record<string, Response> };
type Route = { pattern: RegExp; literal: boolean; methods: Record<string, Operation> };

const documentId = 'tandem:openapi';

/**
 * Checks answers against the OpenAPI document the app serves: the status must be documented
 * for the operation, the body must match its schema (or be empty when none is documented), and
 * the documented headers must be there. An answer the document does not describe throws.
 */
export function createContract(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ $id: documentId, components: document.components });
  const routes: Route[] = Object.entries(
    document.paths as Record<string, Record<string, Operation>>,
  ).map(([path, methods]) => ({
    pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}$`),
    literal: !path.includes('{'),
    methods,
  }));
  // Fixed paths first: `/partners/history` would otherwise match `/partners/{id}`.
  routes.sort((a, b) => Number(b.literal) - Number(a.literal));
  const compiled = new Map<Json, ValidateFunction>();

  function validatorFor(schema: Json): ValidateFunction {
    let validate = compiled.get(schema);
    if (!validate) {
      const local = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', `"${documentId}#/components/`),
      );
      validate = ajv.compile(local);
      compiled.set(schema, validate);
    }
    return validate;
  }

  return function check(method: string, url: string, res: LightMyRequestResponse) {
    const path = url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith('/api/docs') || path === '/api/openapi.json')
      return;
    if (method === 'HEAD' || method === 'OPTIONS') return;
    const where = `${method} ${url} answered ${res.statusCode}`;
    const contentType = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const route = routes.find((r) => r.pattern.test(path));
    const operation = route?.methods[method.toLowerCase()];
    if (!operation) {
      // No such operation: only a problem+json error is right.
      if (res.statusCode < 400 || contentType !== 'application/problem+json')
        throw new Error(`${where}, but the document has no such operation`);
      return;
    }
    const status = String(res.statusCode);
    const response =
      operation.responses[status] ??
      operation.responses[`${status[0]}XX`] ??
      operation.responses.default;
    if (!response) throw new Error(`${where}: status not in the document`);
    for (const name of Object.keys(response.headers ?? {})) {
      if (res.headers[name.toLowerCase()] === undefined)
        throw new Error(`${where} without the documented ${name} header`);
    }
    if (!response.content) {
      if (res.body !== '') throw new Error(`${where} with a body the document does not have`);
      return;
    }
    const media = response.content[contentType];
    if (!media) throw new Error(`${where} as ${contentType || 'nothing'}, not documented`);
    if (!media.schema) return;
    let body: unknown = res.body;
    // JSON media types carry JSON; others (a calendar, a file) are validated as the text they are.
    if (/[/+]json$/.test(contentType)) {
      try {
        body = JSON.parse(res.body);
      } catch {
        throw new Error(`${where} with a body that is not JSON`);
      }
    }
    const validate = validatorFor(media.schema);
    if (!validate(body))
      throw new Error(
        `${where}: the body does not match the document: ${ajv.errorsText(validate.errors)}`,
      );
  };
}
