import type { Contact, ContactCreate, ContactUpdate } from '../../../domain/contacts';
import type { ContactId } from '../../../domain/ids';
import { searchText } from '../../../domain/search-text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { changedIn, patchOf } from '../../db/patch';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { releaseContactAgreements } from '../agreements/agreements.service';
import { recordAudit, recordAudits } from '../audit/audit.service';
import { partnerRef, usablePartnerRef } from '../partners/partners.service';
import { releaseContactPlans } from '../plans/plans.service';
import {
  type ContactRow,
  deleteContactRow,
  findContact,
  findContactLabels,
  findPartnerContacts,
  insertContactRow,
  insertContactsInBatches,
  type NewContactRow,
  updateContactRow,
} from './contacts.queries';
import { toContact } from './contacts.view';

function contactSearchText(row: Pick<NewContactRow, 'firstName' | 'lastName' | 'email'>) {
  return searchText(row.firstName, row.lastName, row.email);
}

export async function createContact(
  ctx: ServiceContext,
  scope: Scope,
  input: ContactCreate,
): Promise<Contact> {
  return withTransaction(ctx, async (tx, ctx) => {
    const partner = await usablePartnerRef(tx, scope, input.partnerId);
    const now = new Date();
    const fields = {
      firstName: input.firstName,
      lastName: input.lastName,
      title: input.title || null,
      email: input.email || null,
      phone: input.phone || null,
      role: input.role,
      notes: input.notes || null,
    };
    const row = await insertContactRow(tx, {
      id: newId<ContactId>(),
      workspaceId: scope.workspaceId,
      partnerId: partner.id,
      ...fields,
      searchText: contactSearchText(fields),
      createdAt: now,
      updatedAt: now,
    });
    const contact = toContact(row, partner.name);
    await recordAudit(tx, ctx, scope, {
      action: 'contact.created',
      entityType: 'contact',
      entityId: row.id,
      partnerId: row.partnerId,
      after: contact,
    });
    return contact;
  });
}

/** The contact and its partner's name, or 404 when the caller may not see it. */
async function visibleContact(
  db: Tx | ServiceContext['database']['db'],
  scope: Scope,
  id: string,
  forUpdate = false,
): Promise<{ row: ContactRow; partnerName: string }> {
  const row = await findContact(db, scope, id, { forUpdate });
  const partner = row ? await partnerRef(db, scope, row.partnerId) : null;
  if (!row || !partner) throw errors.notFound('contact');
  return { row, partnerName: partner.name };
}

export async function getContact(ctx: ServiceContext, scope: Scope, id: string): Promise<Contact> {
  const { row, partnerName } = await visibleContact(dbOf(ctx), scope, id);
  return toContact(row, partnerName);
}

export async function updateContact(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: ContactUpdate,
): Promise<Contact> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleContact(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: true });
    const set = patchOf<ContactRow>(input);
    if (changedIn(set, current.row).length === 0)
      return toContact(current.row, current.partnerName);
    let partnerName = current.partnerName;
    if (set.partnerId !== undefined && set.partnerId !== current.row.partnerId)
      partnerName = (await usablePartnerRef(tx, scope, set.partnerId)).name;
    const next = { ...current.row, ...set };
    const row = await updateContactRow(tx, scope, id, {
      ...set,
      searchText: contactSearchText(next),
      version: current.row.version + 1,
      updatedAt: new Date(),
    });
    const contact = toContact(row, partnerName);
    const change = {
      entityType: 'contact',
      entityId: id,
      before: toContact(current.row, current.partnerName),
      after: contact,
    };
    const moved = current.row.partnerId !== row.partnerId;
    await recordAudits(tx, ctx, scope, [
      { ...change, action: 'contact.updated', partnerId: row.partnerId },
      // A contact who moves to another partner leaves a trace in the old partner's history too.
      ...(moved
        ? [{ ...change, action: 'contact.moved_away', partnerId: current.row.partnerId }]
        : []),
    ]);
    return contact;
  });
}

/** Deletes a contact for real; its audit event keeps the deleted record in `before`. */
export async function deleteContact(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
): Promise<void> {
  await withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleContact(tx, scope, id, true);
    checkIfMatch(ifMatch, current.row.version, { required: false });
    // Plan objectives the contact owns keep their text and lose the owner (agreed versions keep it).
    await releaseContactPlans(tx, scope, id);
    await releaseContactAgreements(tx, scope, id);
    await deleteContactRow(tx, scope, id);
    await recordAudit(tx, ctx, scope, {
      action: 'contact.deleted',
      entityType: 'contact',
      entityId: id,
      partnerId: current.row.partnerId,
      before: toContact(current.row, current.partnerName),
    });
  });
}

/**
 * Contacts made in bulk, complete and valid, of partners imported in the same unit of work (the
 * demo loader). Like the rows of a CRM import they record no event each: the import is the event.
 */
export async function importContacts(
  ctx: ServiceContext,
  scope: Scope,
  rows: NewContactRow[],
  onBatch: (written: number) => void = () => {},
) {
  await withTransaction(ctx, (tx) => insertContactsInBatches(tx, scope, rows, onBatch));
}

export type ContactRef = { id: string; name: string; email: string | null };

/**
 * Contacts of one partner a record points to (participants), by id or by email address
 * (contact emails are stored lower-cased); a contact of another partner is not in the answer.
 */
export async function partnerContactRefs(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  by: { ids: string[] } | { emails: string[] },
): Promise<ContactRef[]> {
  const values = 'ids' in by ? by.ids : by.emails;
  if (values.length === 0) return [];
  const rows = await findPartnerContacts(db, scope, partnerId, by);
  return rows.map((row) => ({
    id: row.id,
    name: `${row.firstName} ${row.lastName}`,
    email: row.email,
  }));
}

/** What a link to each of the given contacts shows (`links/`): their name and partner. */
export async function contactLinks(db: Db | Tx, scope: Scope, ids: string[]) {
  if (ids.length === 0) return new Map<string, { label: string; partnerId: string | null }>();
  const rows = await findContactLabels(db, scope, ids);
  return new Map(
    rows.map((row) => [
      row.id,
      { label: `${row.firstName} ${row.lastName}`, partnerId: row.partnerId as string | null },
    ]),
  );
}
