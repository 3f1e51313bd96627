import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { z } from 'zod';

/** A route's response schema: a zod schema, or one wrapped as `{ properties }`. */
function zodOf(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const wrapped = (schema as { properties?: unknown } | null)?.properties;
  if (wrapped instanceof z.ZodType) return wrapped;
  throw new Error(`Not a zod response schema: ${JSON.stringify(schema)}`);
}

/**
 * Answers are written by serialisers compiled once per route from the JSON Schema of their zod
 * response schema (fast-json-stringify), instead of validating every answer with zod: the
 * services build answers from typed rows, and the test suite checks every answer against the
 * document.
 */
export const compiledSerializer: FastifySerializerCompiler<unknown> = ({ schema }) => {
  // Compiled on a route's first answer, not at start-up: most routes wait long for theirs.
  let serialize: ((data: unknown) => string) | undefined;
  return (data) => {
    serialize ??= compile(zodOf(schema));
    // Encoded once here: handed a string, Fastify measures its UTF-8 length and the socket
    // encodes it again; a Buffer is measured by its length and written as it is. Fastify sends
    // a Buffer from a serialiser unchanged (its type says string).
    return Buffer.from(serialize(data)) as unknown as string;
  };
};

function compile(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-07',
    unrepresentable: 'any',
    reused: 'inline',
  });
  return fastJson(nullableAsTypeList(json) as Parameters<typeof fastJson>[0]);
}

type JsonSchema = { [key: string]: unknown };
const nullableTypes = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array']);

/**
 * zod writes a nullable value as `anyOf: [{ type: 'string', … }, { type: 'null' }]`, and
 * fast-json-stringify picks an `anyOf` branch by validating the value against each branch (a
 * uuid or date-time regex per field per row, a whole object's for a nullable reference): half
 * the cost of a partner page. As `type: ['string', 'null']` it picks by the value's type, with
 * the same output. A nullable reference to a named schema (`{ $ref: '#/definitions/Link' }`) is
 * written out in place for the same reason, once per path so that a schema naming itself ends.
 */
export function nullableAsTypeList(schema: unknown): unknown {
  const definitions = (schema as { definitions?: Record<string, JsonSchema> } | null)?.definitions;
  return asTypeList(schema, definitions ?? {}, new Set());
}

function asTypeList(
  schema: unknown,
  definitions: Record<string, JsonSchema>,
  inlined: Set<string>,
): unknown {
  if (Array.isArray(schema)) return schema.map((item) => asTypeList(item, definitions, inlined));
  if (!schema || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema))
    out[key] = asTypeList(value, definitions, inlined);
  const branches = out.anyOf as JsonSchema[] | undefined;
  if (!Array.isArray(branches) || branches.length !== 2) return out;
  if (!branches.some((branch) => branch.type === 'null')) return out;
  const { anyOf: _, ...rest } = out;
  const other = branches.find((branch) => branch.type !== 'null');
  const named = typeof other?.$ref === 'string' ? other.$ref.replace('#/definitions/', '') : null;
  if (named !== null && Object.keys(other ?? {}).length === 1) {
    const target = definitions[named];
    if (!target || inlined.has(named) || !isNullableType(target.type)) return out;
    const written = asTypeList(target, definitions, new Set([...inlined, named])) as JsonSchema;
    return { ...rest, ...written, type: [target.type, 'null'] };
  }
  if (!other || !isNullableType(other.type)) return out;
  return { ...rest, ...other, type: [other.type, 'null'] };
}

function isNullableType(type: unknown): type is string {
  return typeof type === 'string' && nullableTypes.has(type);
}
