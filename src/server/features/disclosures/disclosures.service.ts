import { eq } from 'drizzle-orm';
import type {
  Disclosure,
  DisclosureListQuery,
  DisclosurePage,
  DisclosureRecordType,
  DisclosureView,
} from '../../../domain/disclosures';
import type { PartnerScope, Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { disclosures } from '../../db/schema';
import { dbOf } from '../../db/unit-of-work';
import { byIdList, pageFrom, planList } from '../../http/list';
import { partnerNames } from '../partners/partners.service';
import {
  type DisclosureRow,
  insertDisclosureRows,
  insertLinkDisclosureRow,
  listDisclosureRows,
} from './disclosures.queries';

/**
 * Logs what a portal answer is about to show its partner user, one row per record, in one
 * statement. It runs before the answer is sent: if the log cannot be written, nothing is shown.
 */
export async function recordDisclosures(
  ctx: ServiceContext,
  scope: PartnerScope,
  recordType: DisclosureRecordType,
  view: DisclosureView,
  records: Array<{ id: string; version: number }>,
): Promise<void> {
  if (records.length === 0) return;
  const written = await insertDisclosureRows(dbOf(ctx), scope, {
    recordType,
    view,
    requestId: ctx.requestId,
    records: records.map((r) => ({ id: r.id, version: r.version })),
  });
  if (written !== records.length)
    throw new Error(`disclosure log wrote ${written} of ${records.length} rows`);
}

/**
 * Logs the agreement a signing link is showing its signer, a contact of the partner who is not
 * necessarily a partner user (decision 063); like a portal answer, before it is sent.
 */
export async function recordLinkDisclosure(
  ctx: ServiceContext,
  scope: Scope,
  shown: {
    partnerId: string;
    contactId: string | null;
    personName: string;
    personEmail: string;
    agreement: { id: string; version: number };
  },
): Promise<void> {
  const { agreement, ...person } = shown;
  await insertLinkDisclosureRow(dbOf(ctx), scope, {
    ...person,
    recordId: agreement.id,
    recordVersion: agreement.version,
    requestId: ctx.requestId,
  });
}

/** Newest first (ids are UUIDv7); each filter follows its own index. */
const disclosureList = byIdList<DisclosureListQuery>(disclosures.id, {
  partnerId: (id) => eq(disclosures.partnerId, id),
  recordId: (id) => eq(disclosures.recordId, id),
  partnerUserId: (id) => eq(disclosures.partnerUserId, id),
});

function toDisclosure(row: DisclosureRow, partnerName: string): Disclosure {
  return {
    id: row.id,
    partnerId: row.partnerId,
    partnerName,
    partnerUserId: row.partnerUserId,
    contactId: row.contactId,
    personName: row.personName,
    personEmail: row.personEmail,
    recordType: row.recordType as DisclosureRecordType,
    recordId: row.recordId,
    recordVersion: row.recordVersion,
    view: row.view as DisclosureView,
    shownAt: row.shownAt.toISOString(),
  };
}

export async function listDisclosures(
  ctx: ServiceContext,
  scope: Scope,
  query: DisclosureListQuery,
): Promise<DisclosurePage> {
  const db = dbOf(ctx);
  const plan = planList(ctx.config.secret, disclosureList, '-id', query);
  const page = pageFrom(
    ctx.config.secret,
    plan,
    await listDisclosureRows(db, scope, plan),
    (r) => r,
  );
  const names = await partnerNames(
    db,
    scope,
    page.items.map((row) => row.partnerId),
  );
  return {
    items: page.items.map((row) => toDisclosure(row, names.get(row.partnerId) ?? '')),
    nextCursor: page.nextCursor,
  };
}
