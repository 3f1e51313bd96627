import { and, eq, getTableColumns, inArray, type SQL } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import { insertInBatches } from '../../db/batches';
import type { Db, Tx } from '../../db/client';
import { contacts } from '../../db/schema';
import type { ListPlan } from '../../http/list';

export type ContactRow = typeof contacts.$inferSelect;
export type NewContactRow = typeof contacts.$inferInsert;

/** What the caller may see: their workspace, and for a partner user only their partner's. */
function visible(scope: Scope): SQL {
  const inWorkspace = eq(contacts.workspaceId, scope.workspaceId);
  if (scope.kind === 'partner')
    return and(inWorkspace, eq(contacts.partnerId, scope.partnerId)) as SQL;
  return inWorkspace;
}

export async function findContact(
  db: Db | Tx,
  scope: Scope,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContactRow | undefined> {
  const query = db
    .select()
    .from(contacts)
    .where(and(visible(scope), eq(contacts.id, id)));
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** Contacts in bulk, batched under the parameter limit. */
export function insertContactsInBatches(
  tx: Tx,
  scope: Scope,
  rows: NewContactRow[],
  onBatch: (written: number) => void,
) {
  const inScope = rows.map((c) => ({ ...c, workspaceId: scope.workspaceId }));
  return insertInBatches(tx, contacts, inScope, onBatch);
}

export async function insertContactRow(tx: Tx, row: NewContactRow): Promise<ContactRow> {
  const [inserted] = await tx.insert(contacts).values(row).returning();
  if (!inserted) throw new Error('contact insert returned no row');
  return inserted;
}

export async function updateContactRow(
  tx: Tx,
  scope: Scope,
  id: string,
  set: Partial<NewContactRow>,
): Promise<ContactRow> {
  const [updated] = await tx
    .update(contacts)
    .set(set)
    .where(and(visible(scope), eq(contacts.id, id)))
    .returning();
  if (!updated) throw new Error('contact update matched no row');
  return updated;
}

export async function deleteContactRow(tx: Tx, scope: Scope, id: string): Promise<void> {
  await tx.delete(contacts).where(and(visible(scope), eq(contacts.id, id)));
}

/** One page (plus one row, to know whether there is another) of the filtered, sorted list. */
/** One page of the contacts a list plan asks for (`http/list.ts`), within the scope. */
export function listContactRows(db: Db | Tx, scope: Scope, plan: ListPlan) {
  return db
    .select({ ...getTableColumns(contacts), cursor: plan.cursor })
    .from(contacts)
    .where(and(visible(scope), plan.where))
    .orderBy(...plan.orderBy)
    .limit(plan.limit);
}

/** Contacts of one partner among the given ids, or with the given (lower-cased) emails. */
export function findPartnerContacts(
  db: Db | Tx,
  scope: Scope,
  partnerId: string,
  by: { ids: string[] } | { emails: string[] },
) {
  const match = 'ids' in by ? inArray(contacts.id, by.ids) : inArray(contacts.email, by.emails);
  return db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
    })
    .from(contacts)
    .where(and(visible(scope), eq(contacts.partnerId, partnerId), match));
}

/** Names and partners of the given contacts the caller may see (links to them). */
export function findContactLabels(db: Db | Tx, scope: Scope, ids: string[]) {
  return db
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      partnerId: contacts.partnerId,
    })
    .from(contacts)
    .where(and(visible(scope), inArray(contacts.id, ids)));
}
