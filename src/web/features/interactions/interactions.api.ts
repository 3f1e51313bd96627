import { queryOptions } from '@tanstack/react-query';
import { api, etagOf, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Interaction = components['schemas']['Interaction'];
export type InteractionCreateBody = components['schemas']['InteractionCreate'];
export type InteractionUpdateBody = components['schemas']['InteractionUpdate'];
export type InteractionDraft = components['schemas']['InteractionDraft'];
export type InteractionRecord = { interaction: Interaction; etag: string };

export const interactionQuery = (id: string) =>
  queryOptions({
    queryKey: ['interaction', id],
    queryFn: async ({ signal }): Promise<InteractionRecord> => {
      const result = await api.GET('/api/v1/interactions/{id}', {
        params: { path: { id } },
        signal,
      });
      const interaction = unwrap(result);
      return { interaction, etag: etagOf(result.response) || `"${interaction.version}"` };
    },
  });

export async function createInteraction(body: InteractionCreateBody) {
  return unwrap(await api.POST('/api/v1/interactions', { body }));
}

export async function updateInteraction(id: string, etag: string, body: InteractionUpdateBody) {
  return unwrap(
    await api.PATCH('/api/v1/interactions/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
      body,
    }),
  );
}

export async function deleteInteraction(id: string, etag: string) {
  return unwrap(
    await api.DELETE('/api/v1/interactions/{id}', {
      params: { path: { id }, header: { 'if-match': etag } },
    }),
  );
}

/** The file as base64, read in the browser: the server reads it into a draft and saves nothing. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export async function parseInteractionFile(partnerId: string, file: File) {
  return unwrap(
    await api.POST('/api/v1/partners/{id}/interactions/parse', {
      params: { path: { id: partnerId } },
      body: { fileName: file.name, content: await base64Of(file) },
    }),
  );
}

/** Makes a task of each next step (all of them), linked to the interaction, in one request. */
export async function createInteractionTasks(id: string, assigneeId: string | null) {
  return unwrap(
    await api.POST('/api/v1/interactions/{id}/tasks', {
      params: { path: { id } },
      body: { assigneeId },
    }),
  );
}
