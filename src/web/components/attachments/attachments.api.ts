import { queryOptions } from '@tanstack/react-query';
import { ApiError, api, type Problem, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Attachment = components['schemas']['Attachment'];

/** What files are attached to: a version of an agreement's text, or an obligation. */
export type AttachmentSubject =
  | { type: 'agreement_version'; agreementId: string; number: number }
  | { type: 'obligation'; agreementId: string; obligationId: string };

const base = (subject: AttachmentSubject) =>
  subject.type === 'agreement_version'
    ? `/api/v1/agreements/${subject.agreementId}/versions/${subject.number}/attachments`
    : `/api/v1/agreements/${subject.agreementId}/obligations/${subject.obligationId}/attachments`;

export const attachmentsKey = (subject: AttachmentSubject) => [
  'agreement',
  subject.agreementId,
  'attachments',
  subject.type === 'agreement_version' ? `v${subject.number}` : subject.obligationId,
];

export const attachmentsQuery = (subject: AttachmentSubject) =>
  queryOptions({
    queryKey: attachmentsKey(subject),
    queryFn: async () =>
      subject.type === 'agreement_version'
        ? unwrap(
            await api.GET('/api/v1/agreements/{id}/versions/{number}/attachments', {
              params: { path: { id: subject.agreementId, number: subject.number } },
            }),
          )
        : unwrap(
            await api.GET('/api/v1/agreements/{id}/obligations/{obligationId}/attachments', {
              params: { path: { id: subject.agreementId, obligationId: subject.obligationId } },
            }),
          ),
  });

export const attachmentHref = (attachment: Pick<Attachment, 'agreementId' | 'id'>) =>
  `/api/v1/agreements/${attachment.agreementId}/attachments/${attachment.id}`;

/**
 * Uploads one file as a form upload, telling the share sent as it goes. XMLHttpRequest rather
 * than fetch, since only it reports upload progress.
 */
export function uploadAttachment(
  subject: AttachmentSubject,
  file: File,
  onProgress: (share: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', base(subject));
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = parse(request.responseText);
      if (request.status === 201) resolve(body as Attachment);
      else reject(new ApiError(request.status, (body ?? {}) as Problem));
    };
    request.onerror = () =>
      reject(new ApiError(0, { detail: 'The upload did not reach the server; try again' }));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function removeAttachment(attachment: Pick<Attachment, 'agreementId' | 'id'>) {
  unwrap(
    await api.DELETE('/api/v1/agreements/{id}/attachments/{attachmentId}', {
      params: { path: { id: attachment.agreementId, attachmentId: attachment.id } },
    }),
  );
}
