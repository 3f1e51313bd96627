import type {
  Interaction,
  InteractionCreate,
  InteractionUpdate,
} from '../../../domain/interactions';
import { dateAt } from '../../../domain/periods';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberRefs } from '../members/members.service';
import { refreshLastTouch } from '../partners/cadence';
import { partnerRef, usablePartnerRef } from '../partners/partners.service';
import {
  recordTimelineEntry,
  removeTimelineEntries,
  updateTimelineEntries,
} from '../timeline/timeline.service';
import {
  countInteractionRows,
  deleteInteractionRow,
  findInteraction,
  findInteractionHeads,
  type InteractionRow,
  insertInteractionRow,
  setParticipantRows,
  updateInteractionRow,
} from './interactions.queries';
import { type People, peopleOf, timelineSummaryOf, toInteraction } from './interactions.view';

/** The index of the first id not among the found records, or -1. */
function firstMissing(ids: string[], found: Array<{ id: string }>): number {
  const known = new Set(found.map((item) => item.id));
  return ids.findIndex((id) => !known.has(id));
}

/**
 * The participants a body names, each checked: a member of this workspace, a contact of THIS
 * partner. Anything else is the 422 naming the entry (`contactIds.1`), whatever the reason.
 */
async function checkParticipants(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  given: { memberIds: string[]; contactIds: string[] },
): Promise<People> {
  const memberIds = [...new Set(given.memberIds)];
  const contactIds = [...new Set(given.contactIds)];
  const members = await memberRefs(db, scope, { ids: memberIds });
  const missingMember = firstMissing(given.memberIds, members);
  if (missingMember >= 0) throw errors.invalidReference(`memberIds.${missingMember}`, 'member');
  const contacts = await partnerContactRefs(db, scope, partnerId, { ids: contactIds });
  const missingContact = firstMissing(given.contactIds, contacts);
  if (missingContact >= 0)
    throw errors.invalidReference(`contactIds.${missingContact}`, 'contact of this partner');
  const byOrder = <T extends { id: string }>(list: T[], ids: string[]) =>
    ids.flatMap((id) => list.filter((item) => item.id === id));
  return { members: byOrder(members, memberIds), contacts: byOrder(contacts, contactIds) };
}

const idsOf = (people: People) => ({
  memberIds: people.members.map((m) => m.id),
  contactIds: people.contacts.map((c) => c.id),
});
const everyone = (people: People) => [
  ...people.members.map((m) => m.id),
  ...people.contacts.map((c) => c.id),
];

export async function createInteraction(
  ctx: ServiceContext,
  scope: Scope,
  input: InteractionCreate,
): Promise<Interaction> {
  return withTransaction(ctx, async (tx, ctx) => {
    const partner = await usablePartnerRef(tx, scope, input.partnerId);
    const people = await checkParticipants(tx, scope, partner.id, input);
    const now = new Date();
    const row = await insertInteractionRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      kind: input.kind,
      occurredAt: new Date(input.occurredAt),
      timeZone: input.timeZone,
      durationMinutes: input.durationMinutes ?? null,
      summary: input.summary,
      outcome: input.outcome || null,
      sentiment: input.sentiment ?? null,
      visibility: input.visibility,
      nextSteps: input.nextSteps,
      createdAt: now,
      updatedAt: now,
    });
    await setParticipantRows(tx, scope, row.id, idsOf(people));
    await refreshLastTouch(tx, scope.workspaceId, [row.partnerId]);
    const interaction = toInteraction(row, partner.name, people);
    await recordTimelineEntry(tx, scope, {
      kind: 'interaction',
      subject: { type: 'interaction', id: row.id },
      partnerId: row.partnerId,
      occurredAt: row.occurredAt,
      people: everyone(people),
      summary: timelineSummaryOf(row),
      visibility: interaction.visibility,
    });
    await recordAudit(tx, ctx, scope, {
      action: 'interaction.created',
      entityType: 'interaction',
      entityId: row.id,
      partnerId: row.partnerId,
      after: interaction,
    });
    return interaction;
  });
}

/** The interaction, its partner's name and its participants, or 404 outside the scope. */
async function visibleInteraction(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findInteraction(db, scope, id, { forUpdate });
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('interaction');
  const people = (await peopleOf(db, scope, [row])).get(row.id) ?? { members: [], contacts: [] };
  return { row, partnerName: partner.name, people };
}

/** How many interactions the caller sees: a partner user, only those shared with them. */
export function countInteractions(ctx: ServiceContext, scope: Scope): Promise<number> {
  return countInteractionRows(dbOf(ctx), scope);
}

export async function getInteraction(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<Interaction> {
  const { row, partnerName, people } = await visibleInteraction(dbOf(ctx), scope, id);
  return toInteraction(row, partnerName, people);
}

export async function updateInteraction(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: InteractionUpdate,
): Promise<Interaction> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleInteraction(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const { memberIds, contactIds, occurredAt, summary, ...fields } = input;
    const set = {
      ...patchOf<InteractionRow>(fields),
      ...(occurredAt !== undefined ? { occurredAt: new Date(occurredAt) } : {}),
      ...(summary !== undefined ? { summary } : {}),
    };
    const wanted = {
      memberIds: memberIds ?? idsOf(current.people).memberIds,
      contactIds: contactIds ?? idsOf(current.people).contactIds,
    };
    const people =
      memberIds || contactIds
        ? await checkParticipants(tx, scope, current.row.partnerId, wanted)
        : current.people;
    const before = toInteraction(current.row, current.partnerName, current.people);
    const peopleChanged = JSON.stringify(idsOf(people)) !== JSON.stringify(idsOf(current.people));
    if (changedIn(set, current.row).length === 0 && !peopleChanged) return before;
    const row = await updateInteractionRow(tx, scope, id, {
      ...set,
      version: current.row.version + 1,
      updatedAt: new Date(),
    });
    if (peopleChanged) await setParticipantRows(tx, scope, id, idsOf(people));
    if (row.occurredAt.getTime() !== current.row.occurredAt.getTime())
      await refreshLastTouch(tx, scope.workspaceId, [row.partnerId]);
    const interaction = toInteraction(row, current.partnerName, people);
    await updateTimelineEntries(
      tx,
      scope,
      { type: 'interaction', id },
      {
        occurredAt: row.occurredAt,
        people: everyone(people),
        summary: timelineSummaryOf(row),
        visibility: interaction.visibility,
      },
    );
    await recordAudit(tx, ctx, scope, {
      action: 'interaction.updated',
      entityType: 'interaction',
      entityId: id,
      partnerId: row.partnerId,
      before,
      after: interaction,
    });
    return interaction;
  });
}

/** Deletes an interaction and its timeline entry; its audit event keeps it in `before`. */
export async function deleteInteraction(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleInteraction(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: false });
    await deleteInteractionRow(tx, scope, id);
    await refreshLastTouch(tx, scope.workspaceId, [current.row.partnerId]);
    await removeTimelineEntries(tx, scope, { type: 'interaction', id });
    await recordAudit(tx, ctx, scope, {
      action: 'interaction.deleted',
      entityType: 'interaction',
      entityId: id,
      partnerId: current.row.partnerId,
      before: toInteraction(current.row, current.partnerName, current.people),
    });
  });
}

/**
 * How a link names an interaction: "Meeting on 2026-05-04", the date where it took place (in its
 * own time zone), as its page shows it.
 */
export function interactionLabel(row: {
  kind: string;
  occurredAt: Date;
  timeZone: string;
}): string {
  const day = dateAt(row.occurredAt.getTime(), row.timeZone);
  return `${row.kind.charAt(0).toUpperCase()}${row.kind.slice(1)} on ${day}`;
}

/** Interactions a link points at, as the link registry resolves them: "Meeting on 2026-05-04". */
export async function interactionLinks(db: Db | Tx, scope: Scope, ids: string[]) {
  const rows = await findInteractionHeads(db, scope, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        label: interactionLabel(row),
        partnerId: row.partnerId as string | null,
      },
    ]),
  );
}
