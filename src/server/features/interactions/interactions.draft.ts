import type { InteractionDraft, InteractionFile } from '../../../domain/interactions';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberRefs } from '../members/members.service';
import { partnerRef } from '../partners/partners.service';
import { readInteractionFile } from './interactions.parse';

/**
 * A draft interaction from a dropped `.eml` or `.ics`: its addresses matched to contacts of
 * THIS partner and to members of the workspace, the rest listed. Nothing is saved; the person
 * confirms with the normal create.
 */
export async function draftInteraction(
  ctx: ServiceContext,
  scope: Scope,
  partnerId: string,
  file: InteractionFile,
): Promise<InteractionDraft> {
  const db = dbOf(ctx);
  const partner = await partnerRef(db, scope, partnerId);
  if (!partner) throw errors.notFound('partner');
  const read = await readInteractionFile(file.fileName, Buffer.from(file.content, 'base64'));
  const emails = read.addresses;
  const contacts = await partnerContactRefs(db, scope, partner.id, { emails });
  const members = await memberRefs(db, scope, { emails });
  const known = new Set([
    ...contacts.flatMap((c) => (c.email ? [c.email.toLowerCase()] : [])),
    ...members.map((m) => m.email.toLowerCase()),
  ]);
  return {
    partnerId: partner.id,
    kind: read.kind,
    occurredAt: read.occurredAt?.toISOString() ?? null,
    timeZone: read.timeZone,
    durationMinutes: read.durationMinutes,
    summary: read.summary,
    members,
    contacts,
    unmatched: emails.filter((email) => !known.has(email)),
  };
}
