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
    return serialize(data);
  };
};

function compile(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-07',
    unrepresentable: 'any',
    reused: 'inline',
  });
  return fastJson(json as Parameters<typeof fastJson>[0]);
}
