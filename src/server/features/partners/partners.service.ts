import type { PartnerId } from '../../../domain/ids';
import { messages } from '../../../domain/messages';
import type { PartnerCreate, PartnerRecord, PartnerUpdate } from '../../../domain/partners';
import { searchText } from '../../../domain/search-text';
import { can } from '../../access/permissions';
import { callerMemberId, type Scope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit, recordAudits, recordAuditsOf } from '../audit/audit.service';
import { recordTimelineEntriesOf, recordTimelineEntry } from '../timeline/timeline.service';
import { refreshLastTouch, workspaceCadence } from './cadence';
import {
  countPartners,
  deleteDomains,
  findDomainHolder,
  findPartner,
  findPartnerNames,
  findPartnerRef,
  insertDomains,
  insertPartnerRow,
  insertPartnersInBatches,
  memberExists,
  ownedPartnersAsOwnerChangeSql,
  type PartnerRow,
  releaseOwnedPartnersSql,
  updatePartnerRow,
  workspaceTiers,
} from './partners.queries';
import { isUniqueViolation, toPartner, toPartnerRecord } from './partners.view';

async function checkTier(db: Db | Tx, scope: Scope, tier: string | null | undefined) {
  if (tier === undefined || tier === null) return;
  const tiers = await workspaceTiers(db, scope);
  if (!tiers.includes(tier))
    throw errors.unprocessable('invalid_tier', `The workspace's tiers are: ${tiers.join(', ')}`, [
      { field: 'tier', code: 'invalid_tier', message: messages.notWorkspaceTier },
    ]);
}

/**
 * The owner a caller asks for: a member of this workspace, and a hand-over their role may make
 * (`partner.assign_owner` on the partner as it is and as it will be).
 */
async function checkOwner(
  db: Db | Tx,
  scope: Scope,
  ownerId: string | null,
  currentOwnerId: string | null,
) {
  if (ownerId !== null && !(await memberExists(db, scope, ownerId)))
    throw errors.invalidReference('ownerId', 'member');
  const mayAssign = (owner: string | null) =>
    can(scope, 'partner.assign_owner', { ownerId: owner });
  if (!mayAssign(currentOwnerId) || !mayAssign(ownerId))
    throw errors.forbidden('Your role may not give a partner to someone else', [
      { field: 'ownerId', code: 'forbidden', message: messages.onlyYourselfAsOwner },
    ]);
  return ownerId;
}

/**
 * A unique violation on partner_domains means another partner holds a domain (perhaps since
 * a moment ago, by a concurrent request): answer 409 with that partner's id.
 */
async function domainConflictOr(
  ctx: ServiceContext,
  scope: Scope,
  error: unknown,
  domains: string[],
  partnerId: string | null,
): Promise<unknown> {
  if (!isUniqueViolation(error)) return error;
  const holder = await findDomainHolder(dbOf(ctx), scope, domains, partnerId);
  const index = holder ? domains.indexOf(holder.domain) : 0;
  return errors.conflict(
    'domain_taken',
    holder
      ? `The domain ${holder.domain} belongs to another partner`
      : 'A domain belongs to another partner',
    holder ? { partnerId: holder.partnerId, domain: holder.domain } : {},
    [{ field: `domains.${index}`, code: 'domain_taken', message: messages.domainTaken }],
  );
}

/** Stage and owner changes are what a partner's timeline shows of its own edits. */
async function recordPartnerMoves(tx: Tx, scope: Scope, before: PartnerRow, after: PartnerRow) {
  const subject = { type: 'partner', id: after.id };
  if (before.stage !== after.stage)
    await recordTimelineEntry(tx, scope, {
      kind: 'stage_change',
      subject,
      partnerId: after.id,
      summary: { from: before.stage, to: after.stage },
    });
  if (before.ownerId !== after.ownerId)
    await recordTimelineEntry(tx, scope, {
      kind: 'owner_change',
      subject,
      partnerId: after.id,
      people: [before.ownerId, after.ownerId].filter((id): id is string => id !== null),
      summary: { from: before.ownerId, to: after.ownerId },
    });
}

export async function createPartner(
  ctx: ServiceContext,
  scope: Scope,
  input: PartnerCreate,
): Promise<PartnerRecord> {
  try {
    return await withTransaction(ctx, async (tx, ctx) => {
      await checkTier(tx, scope, input.tier);
      const ownerId =
        input.ownerId === undefined
          ? callerMemberId(scope)
          : await checkOwner(tx, scope, input.ownerId, null);
      const now = new Date();
      const row = await insertPartnerRow(tx, {
        id: newId<PartnerId>(),
        workspaceId: scope.workspaceId,
        name: input.name,
        domains: input.domains,
        website: input.website ?? null,
        type: input.type,
        tier: input.tier ?? null,
        stage: input.stage,
        ownerId,
        industry: input.industry || null,
        country: input.country ?? null,
        size: input.size ?? null,
        tags: input.tags,
        description: input.description || null,
        contactCadenceDays: input.contactCadenceDays ?? null,
        searchText: searchText(input.name, ...input.domains),
        createdAt: now,
        updatedAt: now,
      });
      await insertDomains(tx, scope, row.id, input.domains);
      const partner = toPartner(row);
      await recordAudit(tx, ctx, scope, {
        action: 'partner.created',
        entityType: 'partner',
        entityId: row.id,
        partnerId: row.id,
        after: partner,
      });
      return toPartnerRecord(row, await workspaceCadence(tx, scope.workspaceId));
    });
  } catch (error) {
    throw await domainConflictOr(ctx, scope, error, input.domains, null);
  }
}

export async function getPartner(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<PartnerRecord> {
  const db = dbOf(ctx);
  const row = await findPartner(db, scope, id);
  if (!row) throw errors.notFound('partner');
  return toPartnerRecord(row, await workspaceCadence(db, scope.workspaceId));
}

export async function updatePartner(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: PartnerUpdate,
): Promise<PartnerRecord> {
  try {
    return await withTransaction(ctx, async (tx, ctx) => {
      const current = await findPartner(tx, scope, id, { forUpdate: true });
      if (!current) throw errors.notFound('partner');
      checkIfMatch(ifMatch, current.version, { required: true });
      const cadence = await workspaceCadence(tx, scope.workspaceId);
      const set = patchOf<PartnerRow>(input);
      if (changedIn(set, current).length === 0) return toPartnerRecord(current, cadence);
      if (set.tier !== undefined && set.tier !== current.tier) await checkTier(tx, scope, set.tier);
      if (set.ownerId !== undefined && set.ownerId !== current.ownerId)
        await checkOwner(tx, scope, set.ownerId, current.ownerId);
      if (set.domains) {
        const next = set.domains;
        await deleteDomains(
          tx,
          scope,
          id,
          current.domains.filter((d) => !next.includes(d)),
        );
        await insertDomains(
          tx,
          scope,
          id,
          next.filter((d) => !current.domains.includes(d)),
        );
      }
      let row = await updatePartnerRow(tx, scope, id, {
        ...set,
        searchText: searchText(set.name ?? current.name, ...(set.domains ?? current.domains)),
        version: current.version + 1,
        updatedAt: new Date(),
      });
      // A new tier or override moves when the next touch is due.
      if (row.tier !== current.tier || row.contactCadenceDays !== current.contactCadenceDays) {
        await refreshLastTouch(tx, scope.workspaceId, [id]);
        row = (await findPartner(tx, scope, id)) ?? row;
      }
      const partner = toPartner(row);
      await recordPartnerMoves(tx, scope, current, row);
      await recordAudit(tx, ctx, scope, {
        action: 'partner.updated',
        entityType: 'partner',
        entityId: id,
        partnerId: id,
        before: toPartner(current),
        after: partner,
      });
      return toPartnerRecord(row, cadence);
    });
  } catch (error) {
    throw await domainConflictOr(ctx, scope, error, input.domains ?? [], id);
  }
}

/**
 * Archives (DELETE) or restores a partner. It keeps its domains, contacts and history either
 * way; doing it twice changes nothing the second time. `If-Match` is checked when sent.
 */
export async function setPartnerArchived(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  archived: boolean,
): Promise<PartnerRecord> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await findPartner(tx, scope, id, { forUpdate: true });
    if (!current) throw errors.notFound('partner');
    checkIfMatch(ifMatch, current.version, { required: false });
    const cadence = await workspaceCadence(tx, scope.workspaceId);
    if ((current.archivedAt !== null) === archived) return toPartnerRecord(current, cadence);
    const now = new Date();
    const row = await updatePartnerRow(tx, scope, id, {
      archivedAt: archived ? now : null,
      version: current.version + 1,
      updatedAt: now,
    });
    const partner = toPartner(row);
    await recordAudit(tx, ctx, scope, {
      action: archived ? 'partner.archived' : 'partner.restored',
      entityType: 'partner',
      entityId: id,
      partnerId: id,
      before: toPartner(current),
      after: partner,
    });
    return toPartnerRecord(row, cadence);
  });
}

/**
 * The partner a record of another feature points to (a contact's `partnerId`), if the caller
 * may use it: in their workspace, and their own partner for a partner user.
 */
export async function partnerRef(
  db: Db | Tx,
  scope: Scope,
  id: string,
): Promise<{ id: PartnerId; name: string; archived: boolean } | null> {
  const row = await findPartnerRef(db, scope, id);
  return row ? { id: row.id as PartnerId, name: row.name, archived: row.archived } : null;
}

/**
 * A partner a body names to attach something new to (a contact, an invitation): out of scope
 * is 422 naming the field; archived is 409 `partner_archived` until the partner is restored.
 */
export async function usablePartnerRef(db: Db | Tx, scope: Scope, id: string, field = 'partnerId') {
  const partner = await partnerRef(db, scope, id);
  if (!partner) throw errors.invalidReference(field, 'partner');
  if (partner.archived) throw errors.partnerArchived(field);
  return partner;
}

/** Names of the given partners the caller may see, for lists of records that point to them. */
export async function partnerNames(
  db: Db | Tx,
  scope: Scope,
  ids: string[],
): Promise<Map<string, string>> {
  const rows = await findPartnerNames(db, scope, [...new Set(ids)]);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A member leaves: the partners they own become unowned, each with its audit event. */
export async function releaseMemberPartners(
  ctx: TxContext,
  scope: Scope,
  member: { id: string },
): Promise<{ releasedPartners: number }> {
  // Their timelines say the owner left, written before the release hides which partners they were.
  await recordTimelineEntriesOf(
    ctx.tx,
    scope,
    'owner_change',
    ownedPartnersAsOwnerChangeSql(scope.workspaceId, member.id),
  );
  const changed = releaseOwnedPartnersSql(scope.workspaceId, member.id, new Date());
  const releasedPartners = await recordAuditsOf(
    ctx.tx,
    ctx,
    scope,
    { action: 'partner.updated', entityType: 'partner' },
    changed,
  );
  return { releasedPartners };
}

/**
 * Partners made in bulk, complete and valid, with their domains and one `partner.created` event
 * each dated when the partner was made (the demo loader; imports later). Rows land in the scope's
 * workspace whatever they say.
 */
export async function importPartners(
  ctx: ServiceContext,
  scope: Scope,
  rows: { partners: PartnerRow[]; domains: Array<{ partnerId: string; domain: string }> },
  onBatch: (written: number) => void = () => {},
) {
  await withTransaction(ctx, async (tx, ctx) => {
    await insertPartnersInBatches(tx, scope, rows, onBatch);
    const created = rows.partners.map((row) => ({
      action: 'partner.created',
      entityType: 'partner',
      entityId: row.id,
      partnerId: row.id,
      after: toPartner(row),
      at: row.createdAt,
    }));
    await recordAudits(tx, ctx, scope, created, onBatch);
  });
}

/** Whether the workspace has any partner, archived or not. */
export async function hasPartners(ctx: ServiceContext, scope: Scope): Promise<boolean> {
  return (await countPartners(dbOf(ctx), scope, 1)) > 0;
}

/** What a link to each of the given partners shows (`links/`): its name. */
export async function partnerLinks(db: Db | Tx, scope: Scope, ids: string[]) {
  const rows = await findPartnerNames(db, scope, [...new Set(ids)]);
  return new Map(
    rows.map((row) => [row.id, { label: row.name, partnerId: row.id as string | null }]),
  );
}
