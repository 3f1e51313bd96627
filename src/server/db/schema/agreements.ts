import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, createdAt, tenantId, updatedAt, version } from './columns';
import { contacts } from './contacts';
import { partners } from './partners';
import { members, workspaces } from './workspaces';

/**
 * Agreements with partners (decision 048). A parent agreement is of the same workspace and
 * partner, which the foreign key itself holds: (workspace, partner, parent) points at
 * (workspace, partner, id).
 */
export const agreements = pgTable(
  'agreements',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    partnerId: uuid('partner_id').notNull(),
    parentId: uuid('parent_id'),
    type: text('type').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    /** The member who owns it; emptied by the agreements feature when they leave. */
    ownerId: uuid('owner_id'),
    effectiveOn: date('effective_on', { mode: 'string' }),
    endOn: date('end_on', { mode: 'string' }),
    /** The end date, or far in the future when there is none, so the list's keyset needs no NULLs. */
    endSort: date('end_sort', { mode: 'string' })
      .notNull()
      .generatedAlwaysAs(sql`coalesce(end_on, '9999-12-31'::date)`),
    autoRenew: boolean('auto_renew').notNull().default(false),
    renewalTermMonths: integer('renewal_term_months'),
    noticeDays: integer('notice_days'),
    /**
     * The end date as agreed, kept once the daily sweep first rolls an auto-renewing term:
     * renewals count from it so a term ending on the 31st never drifts to the 28th (decision 054).
     */
    endAnchorOn: date('end_anchor_on', { mode: 'string' }),
    /** The agreement whose renewal this one is (decision 054), of the same partner. */
    renewedFromId: uuid('renewed_from_id'),
    /** Minor units of `currency` (DESIGN §11). */
    value: bigint('value', { mode: 'number' }),
    currency: text('currency'),
    governingLaw: text('governing_law'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('agreements_partner_id_idx').on(t.workspaceId, t.partnerId, t.id),
    foreignKey({
      name: 'agreements_partner_fk',
      columns: [t.workspaceId, t.partnerId],
      foreignColumns: [partners.workspaceId, partners.id],
    }),
    foreignKey({
      name: 'agreements_parent_fk',
      columns: [t.workspaceId, t.partnerId, t.parentId],
      foreignColumns: [t.workspaceId, t.partnerId, t.id],
    }),
    foreignKey({
      name: 'agreements_renewed_from_fk',
      columns: [t.workspaceId, t.partnerId, t.renewedFromId],
      foreignColumns: [t.workspaceId, t.partnerId, t.id],
    }),
    foreignKey({
      name: 'agreements_owner_fk',
      columns: [t.workspaceId, t.ownerId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    index('agreements_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('agreements_workspace_title_idx').on(t.workspaceId, t.title, t.id),
    index('agreements_workspace_end_idx').on(t.workspaceId, t.endSort, t.id),
    index('agreements_partner_idx').on(t.workspaceId, t.partnerId, t.createdAt),
    index('agreements_status_idx').on(t.workspaceId, t.status, t.endSort),
    index('agreements_owner_idx').on(t.workspaceId, t.ownerId),
    index('agreements_parent_idx').on(t.workspaceId, t.parentId, t.partnerId),
    index('agreements_renewed_from_idx').on(t.workspaceId, t.renewedFromId, t.partnerId),
    // The daily sweep reads agreements in force by their end date, across workspaces.
    index('agreements_in_force_end_idx')
      .on(t.endOn)
      .where(sql`${t.status} IN ('active', 'expiring')`),
    check('agreements_end_after_effective', sql`${t.endOn} >= ${t.effectiveOn}`),
    check('agreements_value_has_currency', sql`(${t.value} IS NULL) = (${t.currency} IS NULL)`),
    check('agreements_value_not_negative', sql`${t.value} >= 0`),
    check('agreements_not_own_parent', sql`${t.parentId} <> ${t.id}`),
  ],
);

/**
 * Who signs an agreement for each side: members for ours, contacts of the agreement's partner
 * for theirs, each with the role the agreement names. The name is kept as it was when they
 * were added, so a signer who leaves stays readable.
 */
export const agreementSigners = pgTable(
  'agreement_signers',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    side: text('side').notNull(),
    /** Emptied by the agreements feature when the member leaves. */
    memberId: uuid('member_id'),
    /** A contact of the agreement's partner; emptied when the contact is deleted. */
    contactId: uuid('contact_id'),
    name: text('name').notNull(),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      name: 'agreement_signers_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_signers_member_fk',
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
    // That the contact is one of the agreement's partner's is checked when the signer is added.
    foreignKey({
      name: 'agreement_signers_contact_fk',
      columns: [t.workspaceId, t.contactId],
      foreignColumns: [contacts.workspaceId, contacts.id],
    }),
    index('agreement_signers_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
    uniqueIndex('agreement_signers_member_idx').on(t.workspaceId, t.agreementId, t.memberId),
    uniqueIndex('agreement_signers_contact_idx').on(t.workspaceId, t.agreementId, t.contactId),
    index('agreement_signers_member_ref_idx').on(t.workspaceId, t.memberId),
    index('agreement_signers_contact_ref_idx').on(t.workspaceId, t.contactId),
    check(
      'agreement_signers_side',
      sql`(${t.side} = 'us' AND ${t.contactId} IS NULL) OR (${t.side} = 'partner' AND ${t.memberId} IS NULL)`,
    ),
  ],
);

/**
 * The drafts of an agreement's text (decision 050): Markdown, numbered 1..n per agreement. Only
 * the latest changes, and not once frozen: the move to pending_signature sets `frozen_at` and
 * the SHA-256 (hex) of the body's UTF-8 bytes in the same transaction.
 */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    id: tenantId(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    number: integer('number').notNull(),
    body: text('body').notNull(),
    /** The member who made it; emptied when they leave (the name stays). */
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    frozenAt: at('frozen_at'),
    sha256: text('sha256'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('agreement_versions_number_idx').on(t.workspaceId, t.agreementId, t.number),
    foreignKey({
      name: 'agreement_versions_agreement_fk',
      columns: [t.workspaceId, t.partnerId, t.agreementId],
      foreignColumns: [agreements.workspaceId, agreements.partnerId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_versions_member_fk',
      columns: [t.workspaceId, t.createdBy],
      foreignColumns: [members.workspaceId, members.id],
    }),
    // The key the cascade from agreements looks versions up by.
    index('agreement_versions_agreement_idx').on(t.workspaceId, t.agreementId, t.partnerId),
    index('agreement_versions_member_idx').on(t.workspaceId, t.createdBy),
    check('agreement_versions_number_positive', sql`${t.number} >= 1`),
    check('agreement_versions_body_length', sql`char_length(${t.body}) <= 200000`),
    check(
      'agreement_versions_frozen_has_hash',
      sql`(${t.frozenAt} IS NULL) = (${t.sha256} IS NULL)`,
    ),
  ],
);
