import { z } from 'zod';
import { memberRole } from './roles';
import { singleLineText } from './text';

export const createApiKeyBody = z
  .object({ name: singleLineText({ min: 1, max: 100 }), role: memberRole })
  .strict();

export const apiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    role: memberRole,
    prefix: z.string(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiKey' });

export const createdApiKey = apiKey
  .extend({ key: z.string().describe('The secret; shown this once, never again') })
  .meta({ id: 'CreatedApiKey' });

export const apiKeyList = z
  .object({ items: z.array(apiKey), nextCursor: z.string().nullable() })
  .meta({ id: 'ApiKeyList' });
