/**
 * The requests of the fuzz run (`scripts/fuzz.ts`): for each operation of the OpenAPI document,
 * fast-check arbitraries built from its own schemas, valid and bent out of shape.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
export type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

/** Values that break parsers and validators: control characters, bidi marks, huge and odd. */
const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\r\nX-Injected: 1',
  '\u202eevil',
  '\ud800',
  '💥'.repeat(20),
  '%zz',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '9'.repeat(400),
  'x'.repeat(5000),
  '-1',
  '1e309',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

export function arbitraries(document: Document) {
  const resolve = (schema: Schema): Schema =>
    schema.$ref
      ? resolve(document.components.schemas[schema.$ref.split('/').pop() ?? ''] ?? {})
      : schema;

  /** A value the schema allows, as far as the schema can say. */
  function valid(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(raw);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if ('const' in schema) return fc.constant(schema.const);
    const branches = schema.anyOf ?? schema.oneOf;
    if (branches) return fc.oneof(...branches.map((b) => valid(b, depth)));
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    switch (type) {
      case 'string': {
        if (schema.format === 'uuid') return fc.uuid();
        if (schema.format === 'email') return fc.emailAddress();
        if (schema.format === 'hostname') return fc.domain();
        if (schema.format === 'date-time')
          return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
        if (schema.format === 'uri') return fc.webUrl();
        if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
        return fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 40, 40),
        });
      }
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return fc.array(depth > 3 ? fc.string() : valid(schema.items ?? {}, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        });
      case 'object': {
        if (depth > 3 || !schema.properties) return fc.constant({});
        const props = Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, valid(v, depth + 1)]),
        );
        return fc.record(props, { requiredKeys: schema.required ?? [] });
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** Just past the schema's edges: one character too long, one below the minimum, … */
  function boundary(raw: Schema): fc.Arbitrary<unknown> {
    const schema = resolve(raw);
    const edges: unknown[] = [];
    if (schema.maxLength !== undefined) edges.push('a'.repeat(schema.maxLength + 1));
    if (schema.minLength) edges.push('a'.repeat(schema.minLength - 1));
    if (schema.maximum !== undefined) edges.push(schema.maximum + 1, schema.maximum);
    if (schema.minimum !== undefined) edges.push(schema.minimum - 1, schema.minimum);
    if (schema.maxItems !== undefined) edges.push(Array(schema.maxItems + 1).fill('a'));
    return edges.length > 0 ? fc.constantFrom(...edges) : nasty;
  }

  /** Mostly valid, often wrong: each field may be valid, of the wrong type, nasty or at an edge. */
  function hostile(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
    const schema = resolve(raw);
    if (schema.properties && depth < 3) {
      const props = Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, hostile(v, depth + 1)]),
      );
      const record = fc.record(props, { requiredKeys: [] });
      return fc.oneof(
        { weight: 4, arbitrary: valid(schema) },
        { weight: 4, arbitrary: record },
        {
          weight: 1,
          arbitrary: fc
            .tuple(record, fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue())
            .map(([body, key, value]) => ({ ...(body as object), [`unknown_${key}`]: value })),
        },
        { weight: 1, arbitrary: wrongType },
      );
    }
    return fc.oneof(
      { weight: 5, arbitrary: valid(schema) },
      { weight: 2, arbitrary: boundary(schema) },
      { weight: 2, arbitrary: nasty },
      { weight: 1, arbitrary: wrongType },
    );
  }

  return { valid, hostile };
}

/** A lone surrogate cannot be percent-encoded; its raw UTF-8 bytes go instead. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

type Request = { method: string; url: string; headers: Record<string, string>; body?: string };

export function requestsFor(
  method: string,
  path: string,
  operation: Operation,
  build: ReturnType<typeof arbitraries>,
  ids: { mine: string[]; theirs: string[] },
  keys: { admin: string; viewer: string; theirs: string },
): fc.Arbitrary<Request> {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids.mine) },
    { weight: 1, arbitrary: fc.constantFrom(...ids.theirs) },
    { weight: 2, arbitrary: fc.uuid() },
    // An empty segment is another route's URL (`/members/` is the list), not a bad id.
    { weight: 2, arbitrary: nasty.map(encodeSegment).filter((text) => text !== '') },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%C0%AF', 'a'.repeat(101), '%00') },
  );
  const pathArb = fc
    .tuple(...pathParams.map(() => segment))
    .map((values) =>
      pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, String(values[i])), path),
    );
  const queryArb = fc
    .tuple(
      ...queryParams.map((p) =>
        fc.option(build.hostile(p.schema ?? {}), { freq: 2 }).map((v) => [p.name, v] as const),
      ),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), nasty), { freq: 5 }),
    )
    .map((entries) => {
      const search = new URLSearchParams();
      for (const entry of entries) {
        if (!entry) continue;
        const [name, value] = entry as readonly [string, unknown];
        if (value === null || value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value])
          search.append(name, typeof one === 'string' ? one : JSON.stringify(one));
      }
      const text = search.toString();
      return text ? `?${text}` : '';
    });
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const bodyArb: fc.Arbitrary<{ body?: string; type?: string }> = bodySchema
    ? fc.oneof(
        {
          weight: 8,
          arbitrary: build.hostile(bodySchema).map((v) => ({
            body: JSON.stringify(v),
            type: 'application/json',
          })),
        },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom(
              '{"name": ',
              '{',
              '[',
              '{"a":1}}',
              '',
              'null',
              '\u0000',
              '{"__proto__":{"x":1}}',
            )
            .map((body) => ({ body, type: 'application/json' })),
        },
        {
          weight: 1,
          arbitrary: fc
            .tuple(
              fc.constantFrom(
                'text/plain',
                'application/xml',
                'application/x-www-form-urlencoded',
                'multipart/form-data',
              ),
              fc.string({ maxLength: 30 }),
            )
            .map(([type, body]) => ({ body, type })),
        },
      )
    : fc.oneof(
        { weight: 9, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.constant({ body: '{"unexpected":true}', type: 'application/json' }),
        },
      );
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${keys.admin}`) },
    { weight: 2, arbitrary: fc.constant(`Bearer ${keys.viewer}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: nasty.map((v) => `Bearer ${[...v].filter((c) => c >= ' ' && c <= '~').join('')}`),
    },
  );
  const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', '*', 'W/"1"', 'garbage', '""'), {
    freq: 3,
  });
  return fc
    .tuple(pathArb, queryArb, bodyArb, auth, ifMatch)
    .map(([url, query, body, authorization, match]) => {
      const headers: Record<string, string> = {};
      if (authorization) headers.authorization = authorization;
      if (match) headers['if-match'] = match;
      if (body.type) headers['content-type'] = body.type;
      return { method: method.toUpperCase(), url: `${url}${query}`, headers, body: body.body };
    });
}
