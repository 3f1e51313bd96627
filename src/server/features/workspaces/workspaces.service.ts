import { type ContactCadence, cadenceForTiers } from '../../../domain/cadence';
import type { HealthWeights } from '../../../domain/health-score';
import type { MemberId, UserId, WorkspaceId } from '../../../domain/ids';
import type { ResponseDays } from '../../../domain/issues';
import { messages } from '../../../domain/messages';
import { formatPeriod, periodAt } from '../../../domain/periods';
import type { RenewalReminderDays } from '../../../domain/renewal-reminders';
import { canonicalTimeZone } from '../../../domain/time-zones';
import { newWorkspaceInput } from '../../../domain/workspaces';
import { type Scope, type SystemActor, systemScope } from '../../access/scope';
import type { ServiceContext, TxContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/auth.password';
import { createUser, userByEmail } from '../auth/auth.users';
import { addDefaultRequirements } from '../compliance/compliance.service';
import { workspaceCalendarChanged } from '../kpis/kpis.service';
import { addMember } from '../members/members.service';
import { refreshLastTouch } from '../partners/cadence';
import { addDefaultTeams } from '../teams/teams.service';
import {
  anyWorkspaceExists,
  findWorkspace,
  insertWorkspace,
  lockWorkspace,
  updateWorkspace as updateWorkspaceRow,
} from './workspaces.queries';

export type NewWorkspace = {
  name: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
};

/**
 * Writes the workspace, its first admin and the audit event, in the caller's transaction when
 * there is one. The event names the admin (setup) or the system actor that made it (the CLI).
 */
export function insertWorkspaceWithAdmin(
  ctx: ServiceContext,
  input: Omit<NewWorkspace, 'adminPassword'>,
  passwordHash: string,
  by: SystemActor | 'admin' = 'admin',
): Promise<{ workspaceId: WorkspaceId; userId: UserId }> {
  return withTransaction(ctx, async (tx, ctx) => {
    if (await userByEmail(ctx, input.adminEmail))
      throw errors.conflict('email_taken', 'An account with this email already exists');
    const workspaceId = newId<WorkspaceId>();
    const userId = newId<UserId>();
    const memberId = newId<MemberId>();
    await insertWorkspace(tx, { id: workspaceId, name: input.name });
    await createUser(ctx, {
      id: userId,
      name: input.adminName,
      email: input.adminEmail,
      passwordHash,
    });
    const scope: Scope =
      by === 'admin'
        ? { kind: 'member', workspaceId, role: 'admin', userId, memberId, apiKeyId: null }
        : systemScope(workspaceId, by);
    await addMember(ctx, scope, { id: memberId, userId, role: 'admin' });
    await addDefaultTeams(ctx, scope);
    await addDefaultRequirements(ctx, scope);
    await recordAudit(tx, ctx, scope, {
      action: 'workspace.created',
      entityType: 'workspace',
      entityId: workspaceId,
      after: { name: input.name, admin: { userId, email: input.adminEmail } },
    });
    return { workspaceId, userId };
  });
}

/** Whether any workspace exists yet: setup is open only while none does. */
export async function anyWorkspace(ctx: ServiceContext): Promise<boolean> {
  return anyWorkspaceExists(dbOf(ctx));
}

/** Validates the input the way the API does; the CLI gets the same rules. */
function parseNewWorkspace(input: NewWorkspace): NewWorkspace {
  const parsed = newWorkspaceInput.safeParse(input);
  if (!parsed.success) {
    throw errors.validation(
      parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.') || 'input',
        code: i.code,
        message: i.message,
      })),
    );
  }
  return parsed.data;
}

/** A new workspace with its first admin (the CLI's `tandem workspace create`). */
export async function createWorkspace(
  ctx: ServiceContext,
  input: NewWorkspace,
): Promise<{ workspaceId: WorkspaceId; userId: UserId }> {
  const valid = parseNewWorkspace(input);
  const passwordHash = await hashPassword(valid.adminPassword);
  return insertWorkspaceWithAdmin(ctx, valid, passwordHash, 'cli');
}

type WorkspaceRow = NonNullable<Awaited<ReturnType<typeof findWorkspace>>>;

/** The settings an admin changes, as the audit event records them. */
function settingsOf(row: WorkspaceRow) {
  return {
    name: row.name,
    tiers: row.tiers,
    issueResponseDays: row.issueResponseDays,
    contactCadenceDays: row.contactCadenceDays,
    healthWeights: row.healthWeights,
    fiscalYearStartMonth: row.fiscalYearStartMonth,
    timeZone: row.timeZone,
    renewalReminderDays: row.renewalReminderDays,
  };
}

/** The fiscal year and quarter of today in the workspace's time zone (decision 037). */
function currentPeriodOf(row: WorkspaceRow) {
  const now = Date.now();
  const settings = { fiscalYearStartMonth: row.fiscalYearStartMonth, timeZone: row.timeZone };
  return {
    year: formatPeriod(periodAt(now, 'year', settings)),
    quarter: formatPeriod(periodAt(now, 'quarter', settings)),
  };
}

function present(row: WorkspaceRow) {
  return {
    id: row.id,
    name: row.name,
    tiers: row.tiers,
    issueResponseDays: row.issueResponseDays,
    contactCadenceDays: row.contactCadenceDays,
    healthWeights: row.healthWeights,
    fiscalYearStartMonth: row.fiscalYearStartMonth,
    timeZone: row.timeZone,
    renewalReminderDays: row.renewalReminderDays,
    currentPeriod: currentPeriodOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getWorkspace(ctx: ServiceContext, scope: Scope) {
  const row = await findWorkspace(dbOf(ctx), scope.workspaceId);
  if (!row) throw errors.notFound('workspace');
  return { workspace: present(row), version: row.version };
}

export async function updateWorkspace(
  ctx: ServiceContext,
  scope: Scope,
  ifMatch: string | undefined,
  changes: {
    name?: string;
    tiers?: string[];
    issueResponseDays?: ResponseDays;
    contactCadenceDays?: ContactCadence;
    healthWeights?: HealthWeights;
    fiscalYearStartMonth?: number;
    timeZone?: string;
    renewalReminderDays?: RenewalReminderDays;
  },
) {
  return withTransaction(ctx, async (tx, ctx) => {
    const before = await lockWorkspace(tx, scope.workspaceId);
    if (!before) throw errors.notFound('workspace');
    checkIfMatch(ifMatch, before.version, { required: true });
    const tiers = changes.tiers ?? before.tiers;
    if (changes.contactCadenceDays) checkCadenceTiers(changes.contactCadenceDays, tiers);
    const cadence =
      changes.contactCadenceDays ??
      (changes.tiers ? cadenceForTiers(before.contactCadenceDays, tiers) : undefined);
    const after = await updateWorkspaceRow(tx, scope.workspaceId, {
      ...changes,
      ...(cadence ? { contactCadenceDays: cadence } : {}),
      ...(changes.timeZone ? { timeZone: canonicalTimeZone(changes.timeZone) } : {}),
    });
    if (!after) throw errors.notFound('workspace');
    // Every partner's due time follows the setting; one set-based pass keeps the cooling list true.
    if (cadence) await refreshLastTouch(tx, scope.workspaceId);
    // KPI progress reads the fiscal year and today's date: the next hourly refresh recomputes it.
    if (
      after.fiscalYearStartMonth !== before.fiscalYearStartMonth ||
      after.timeZone !== before.timeZone
    )
      await workspaceCalendarChanged(tx, scope.workspaceId);
    await recordAudit(tx, ctx, scope, {
      action: 'workspace.updated',
      entityType: 'workspace',
      entityId: scope.workspaceId,
      before: settingsOf(before),
      after: settingsOf(after),
    });
    return { workspace: present(after), version: after.version };
  });
}

/** Cadence days are for the workspace's own tiers: another name is a 422 naming it. */
function checkCadenceTiers(cadence: ContactCadence, tiers: readonly string[]) {
  const unknown = Object.keys(cadence.tiers).find((tier) => !tiers.includes(tier));
  if (unknown !== undefined)
    throw errors.unprocessable('invalid_tier', `The workspace's tiers are: ${tiers.join(', ')}`, [
      {
        field: `contactCadenceDays.tiers.${unknown}`,
        code: 'invalid_tier',
        message: messages.notWorkspaceTier,
      },
    ]);
}

/**
 * What an issue's due date is counted from, in one read: the caller's workspace's response targets
 * (days by severity) and its time zone (whose date is "today").
 */
export async function issueDueSettings(
  db: Db | Tx,
  scope: Scope,
): Promise<{ responseDays: ResponseDays; timeZone: string }> {
  const row = await findWorkspace(db, scope.workspaceId);
  if (!row) throw errors.notFound('workspace');
  return { responseDays: row.issueResponseDays, timeZone: row.timeZone };
}

/** Locks the workspace row for the caller's transaction: work that must not run twice at once. */
export async function lockWorkspaceFor(ctx: TxContext, scope: Scope) {
  if (!(await lockWorkspace(ctx.tx, scope.workspaceId))) throw errors.notFound('workspace');
}

/**
 * What a workspace's health scores are taken with, in one read: its weights, and its time zone,
 * whose date a day's snapshot is filed under (the daily job reads them for each workspace).
 */
export async function healthSettingsOf(
  db: Db | Tx,
  workspaceId: string,
): Promise<{ weights: HealthWeights; timeZone: string }> {
  const row = await findWorkspace(db, workspaceId);
  if (!row) throw errors.notFound('workspace');
  return { weights: row.healthWeights, timeZone: row.timeZone };
}
