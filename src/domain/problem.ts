import { z } from 'zod';

/** A field at fault in a request, by its path (`domains.1`, `ownerId`). */
export const FieldProblem = z
  .object({ field: z.string(), code: z.string(), message: z.string() })
  .meta({ id: 'FieldProblem' });

/**
 * An RFC 9457 error: every error the API answers, with a stable `code`. Some codes carry more
 * members (`domain_taken` has `partnerId` and `domain`), so other members are allowed.
 */
export const Problem = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().describe('Stable error code: `validation_failed`, `not_found`, …'),
    errors: z.array(FieldProblem).optional(),
  })
  .meta({ id: 'Problem' });

/** The error answers of a route, for its `response` schema: problem+json for every 4xx. */
export const problemResponses = {
  '4xx': {
    description: 'An error (RFC 9457 problem+json with a stable `code`)',
    content: { 'application/problem+json': { schema: Problem } },
  },
} as const;
