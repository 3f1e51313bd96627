import type { Interaction, InteractionKind, Sentiment } from '../../../domain/interactions';
import type { TimelineSummary, Visibility } from '../../../domain/timeline';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { type ContactRef, partnerContactRefs } from '../contacts/contacts.service';
import { type MemberRef, memberRefs } from '../members/members.service';
import { findParticipantRows, type InteractionRow } from './interactions.queries';

export type People = { members: MemberRef[]; contacts: ContactRef[] };

/** An interaction as the API shows it (and as audit events record it). */
export function toInteraction(
  row: InteractionRow,
  partnerName: string,
  people: People,
): Interaction {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    kind: row.kind as InteractionKind,
    occurredAt: row.occurredAt.toISOString(),
    timeZone: row.timeZone,
    durationMinutes: row.durationMinutes,
    summary: row.summary,
    outcome: row.outcome,
    sentiment: row.sentiment as Sentiment | null,
    visibility: row.visibility as Visibility,
    nextSteps: row.nextSteps,
    members: people.members,
    contacts: people.contacts,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The participants of each interaction, with names, in the order they were added. */
export async function peopleOf(
  db: Db | Tx,
  scope: Scope,
  rows: InteractionRow[],
): Promise<Map<string, People>> {
  const participants = await findParticipantRows(
    db,
    scope,
    rows.map((row) => row.id),
  );
  const memberIds = [...new Set(participants.flatMap((p) => (p.memberId ? [p.memberId] : [])))];
  const members = new Map((await memberRefs(db, scope, { ids: memberIds })).map((m) => [m.id, m]));
  const contacts = new Map<string, ContactRef>();
  const partnerOf = new Map(rows.map((row) => [row.id, row.partnerId]));
  const byPartner = new Map<string, string[]>();
  for (const p of participants) {
    if (!p.contactId) continue;
    const partnerId = partnerOf.get(p.interactionId) ?? '';
    byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), p.contactId]);
  }
  for (const [partnerId, ids] of byPartner)
    for (const c of await partnerContactRefs(db, scope, partnerId, { ids })) contacts.set(c.id, c);
  const out = new Map<string, People>(rows.map((row) => [row.id, { members: [], contacts: [] }]));
  for (const p of participants) {
    const people = out.get(p.interactionId);
    const member = p.memberId ? members.get(p.memberId) : undefined;
    const contact = p.contactId ? contacts.get(p.contactId) : undefined;
    if (member) people?.members.push(member);
    if (contact) people?.contacts.push(contact);
  }
  return out;
}

/** What the timeline shows of an interaction: its kind, a first line, the sentiment. */
export function timelineSummaryOf(row: InteractionRow): TimelineSummary {
  const line = row.summary.split('\n').find((l) => l.trim() !== '') ?? '';
  // A heading, quote or list marker is Markdown syntax, not words of the title.
  const firstLine = line.replace(/^\s*(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)/, '').trim();
  return {
    kind: row.kind,
    title: firstLine.length > 140 ? `${firstLine.slice(0, 139)}…` : firstLine,
    sentiment: row.sentiment,
    durationMinutes: row.durationMinutes,
  };
}
