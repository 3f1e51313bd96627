import { createHmac } from 'node:crypto';
import type { WorkspaceId } from '../../../domain/ids';
import { sha256, workspaceHint } from '../../tokens';

/**
 * The token of one recipient's unsubscribe link: `<workspace hint>_<HMAC-SHA256 of the
 * recipient's id under the server secret, for this purpose only>`. It is made again whenever a
 * mail is sent, so nothing holds it at rest: the recipient row keeps its SHA-256 to find it by,
 * and job payloads carry only ids. It opens nothing but that one recipient's unsubscribe.
 */
export function unsubscribeToken(secret: string, workspaceId: WorkspaceId, recipientId: string) {
  const mac = createHmac('sha256', secret)
    .update(`tandem-report-unsubscribe\0${workspaceId}\0${recipientId}`)
    .digest('base64url');
  return `${workspaceHint(workspaceId)}_${mac}`;
}

export function unsubscribeTokenHash(
  secret: string,
  workspaceId: WorkspaceId,
  recipientId: string,
) {
  return sha256(unsubscribeToken(secret, workspaceId, recipientId));
}

/** The page a mail links to; the token rides in the fragment, which browsers never send (decision 007). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/unsubscribe#token=${token}`;
}
