import { and, asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { agreements, agreementVersions } from '../../db/schema';

export type VersionRow = typeof agreementVersions.$inferSelect;
export type NewVersionRow = typeof agreementVersions.$inferInsert;

/** Every column but the body, and the body's length: lists never carry the texts. */
const { body: _body, ...summaryColumns } = getTableColumns(agreementVersions);
export type VersionSummaryRow = Omit<VersionRow, 'body'> & { length: number };

const ofAgreement = (scope: Scope, agreementId: string) =>
  and(
    eq(agreementVersions.workspaceId, scope.workspaceId),
    eq(agreementVersions.agreementId, agreementId),
  );

/** The versions of an agreement the caller has already been shown, oldest first. */
export function findVersionSummaries(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
): Promise<VersionSummaryRow[]> {
  return db
    .select({ ...summaryColumns, length: sql<number>`char_length(${agreementVersions.body})` })
    .from(agreementVersions)
    .where(ofAgreement(scope, agreementId))
    .orderBy(asc(agreementVersions.number));
}

export async function findVersion(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  number: number,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(ofAgreement(scope, agreementId), eq(agreementVersions.number, number)));
  return row;
}

export async function findVersionById(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
  id: string,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(ofAgreement(scope, agreementId), eq(agreementVersions.id, id)));
  return row;
}

export async function findLatestVersion(
  db: Db | Tx,
  scope: Scope,
  agreementId: string,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(ofAgreement(scope, agreementId))
    .orderBy(desc(agreementVersions.number))
    .limit(1);
  return row;
}

export async function insertVersionRow(tx: Tx, row: NewVersionRow): Promise<VersionRow> {
  const [inserted] = await tx.insert(agreementVersions).values(row).returning();
  if (!inserted) throw new Error('version insert returned no row');
  return inserted;
}

/** Changes one version that is not frozen; answers nothing when it is (or is gone). */
export async function updateVersionRow(
  tx: Tx,
  scope: Scope,
  agreementId: string,
  number: number,
  set: Partial<NewVersionRow>,
): Promise<VersionRow | undefined> {
  const [updated] = await tx
    .update(agreementVersions)
    .set(set)
    .where(
      and(
        ofAgreement(scope, agreementId),
        eq(agreementVersions.number, number),
        isNull(agreementVersions.frozenAt),
      ),
    )
    .returning();
  return updated;
}

/** A member leaves: the versions they made keep their name, the link to them goes. */
export async function releaseVersionMember(tx: Tx, workspaceId: string, memberId: string) {
  await tx
    .update(agreementVersions)
    .set({ createdBy: null })
    .where(
      and(
        eq(agreementVersions.workspaceId, workspaceId),
        eq(agreementVersions.createdBy, memberId),
      ),
    );
}

/**
 * The given versions with their agreement's title and partner, for links to them. Partner
 * users see no version until the portal shows what is sent for signature (decision 050).
 */
export function findVersionHeads(db: Db | Tx, scope: Scope, ids: string[]) {
  if (scope.kind === 'partner') return Promise.resolve([]);
  return db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      agreementId: agreementVersions.agreementId,
      partnerId: agreementVersions.partnerId,
      title: agreements.title,
    })
    .from(agreementVersions)
    .innerJoin(
      agreements,
      and(
        eq(agreements.workspaceId, agreementVersions.workspaceId),
        eq(agreements.id, agreementVersions.agreementId),
      ),
    )
    .where(
      and(eq(agreementVersions.workspaceId, scope.workspaceId), inArray(agreementVersions.id, ids)),
    );
}
