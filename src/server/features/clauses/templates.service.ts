import { sql } from 'drizzle-orm';
import type {
  AgreementTemplate,
  AgreementTemplateCreate,
  AgreementTemplateListQuery,
  AgreementTemplatePage,
  AgreementTemplateUpdate,
} from '../../../domain/clauses';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { agreementTemplates } from '../../db/schema';
import { dbOf, withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { checkIfMatch } from '../../http/etag';
import { type ListSpec, pageFrom, planList, sortsOf, text } from '../../http/list';
import { newId } from '../../ids';
import { recordAudit } from '../audit/audit.service';
import {
  type ClauseRow,
  findClauses,
  findTemplate,
  findTemplateClauseIds,
  insertTemplateRow,
  listTemplateRows,
  replaceTemplateClauses,
  type TemplateRow,
  updateTemplateRow,
} from './clauses.queries';
import { archivedFilter } from './clauses.service';
import { toTemplate } from './clauses.view';

const templateList: ListSpec<'name' | '-name', AgreementTemplateListQuery> = {
  sorts: sortsOf(agreementTemplates.id, { name: [text(agreementTemplates.name)] }),
  filters: {
    archived: archivedFilter(agreementTemplates.archivedAt),
    agreementType: (value) => sql`${agreementTemplates.agreementType} = ${value}`,
  },
};

/** Templates with their clauses in order (archived clauses too: templates keep naming them). */
async function presentTemplates(db: Db | Tx, scope: Scope, rows: TemplateRow[]) {
  const links = await findTemplateClauseIds(
    db,
    scope,
    rows.map((row) => row.id),
  );
  const clauses = new Map(
    (await findClauses(db, scope, [...new Set(links.map((l) => l.clauseId))])).map((c) => [
      c.id,
      c,
    ]),
  );
  return rows.map((row) => {
    const own = links.filter((l) => l.templateId === row.id);
    return toTemplate(
      row,
      own.flatMap((l) => clauses.get(l.clauseId) ?? []),
    );
  });
}

/** A template's clause rows, in order. */
export async function templateClauses(db: Db | Tx, scope: Scope, templateId: string) {
  const links = await findTemplateClauseIds(db, scope, [templateId]);
  const rows = new Map(
    (
      await findClauses(
        db,
        scope,
        links.map((l) => l.clauseId),
      )
    ).map((c) => [c.id, c]),
  );
  return links.flatMap((l) => rows.get(l.clauseId) ?? []);
}

async function presentTemplate(db: Db | Tx, scope: Scope, row: TemplateRow) {
  const [template] = await presentTemplates(db, scope, [row]);
  if (!template) throw new Error('a template presented as nothing');
  return template;
}

export async function listTemplates(
  ctx: ServiceContext,
  scope: Scope,
  query: AgreementTemplateListQuery,
): Promise<AgreementTemplatePage> {
  const plan = planList(ctx.config.secret, templateList, 'name', query);
  const db = dbOf(ctx);
  const page = pageFrom(ctx.config.secret, plan, await listTemplateRows(db, scope, plan), (r) => r);
  return { items: await presentTemplates(db, scope, page.items), nextCursor: page.nextCursor };
}

export async function visibleTemplate(db: Db | Tx, scope: Scope, id: string, forUpdate = false) {
  const row = await findTemplate(db, scope, id, { forUpdate });
  if (!row) throw errors.notFound('agreement template');
  return row;
}

export async function getTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
): Promise<AgreementTemplate> {
  const db = dbOf(ctx);
  return presentTemplate(db, scope, await visibleTemplate(db, scope, id));
}

/**
 * The clauses a body names, checked: each once, each of the caller's workspace (422 naming
 * `clauseIds.N`), none archived unless the template already held it (409 `clause_archived`).
 */
async function usableClauseIds(
  tx: Tx,
  scope: Scope,
  ids: string[],
  alreadyHeld: ReadonlySet<string>,
): Promise<ClauseRow[]> {
  const rows = new Map((await findClauses(tx, scope, ids)).map((row) => [row.id, row]));
  return ids.map((id, index) => {
    const field = `clauseIds.${index}`;
    if (ids.indexOf(id) !== index)
      throw errors.unprocessable('clause_repeated', 'A clause appears once in a template', [
        { field, code: 'clause_repeated', message: messages.clauseRepeated },
      ]);
    const row = rows.get(id);
    if (!row) throw errors.invalidReference(field, 'clause');
    if (row.archivedAt && !alreadyHeld.has(id))
      throw errors.conflict('clause_archived', 'The clause is archived; restore it first', {}, [
        { field, code: 'clause_archived', message: messages.clauseArchived },
      ]);
    return row;
  });
}

export function createTemplate(
  ctx: ServiceContext,
  scope: Scope,
  input: AgreementTemplateCreate,
): Promise<AgreementTemplate> {
  return withTransaction(ctx, async (tx, ctx) => {
    const clauses = await usableClauseIds(tx, scope, input.clauseIds, new Set());
    const now = new Date();
    const row = await insertTemplateRow(tx, {
      id: newId(),
      workspaceId: scope.workspaceId,
      name: input.name,
      agreementType: input.agreementType,
      createdAt: now,
      updatedAt: now,
    });
    await replaceTemplateClauses(tx, scope, row.id, input.clauseIds);
    const template = toTemplate(row, clauses);
    await recordAudit(tx, ctx, scope, {
      action: 'agreement_template.created',
      entityType: 'agreement_template',
      entityId: row.id,
      after: template,
    });
    return template;
  });
}

function changeTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  options: { required: boolean; action: string },
  change: (
    tx: Tx,
    row: TemplateRow,
    before: AgreementTemplate,
  ) => Promise<{ set: Partial<TemplateRow>; clauseIds?: string[] } | null>,
): Promise<AgreementTemplate> {
  return withTransaction(ctx, async (tx, ctx) => {
    const current = await visibleTemplate(tx, scope, id, true);
    checkIfMatch(ifMatch, current.version, { required: options.required });
    const before = await presentTemplate(tx, scope, current);
    const changed = await change(tx, current, before);
    if (!changed) return before;
    if (changed.clauseIds) await replaceTemplateClauses(tx, scope, id, changed.clauseIds);
    const row = await updateTemplateRow(tx, scope, id, {
      ...changed.set,
      version: current.version + 1,
      updatedAt: new Date(),
    });
    const after = await presentTemplate(tx, scope, row);
    await recordAudit(tx, ctx, scope, {
      action: options.action,
      entityType: 'agreement_template',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export function updateTemplate(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  input: AgreementTemplateUpdate,
): Promise<AgreementTemplate> {
  return changeTemplate(
    ctx,
    scope,
    id,
    ifMatch,
    { required: true, action: 'agreement_template.updated' },
    async (tx, row, before) => {
      const set: Partial<TemplateRow> = {};
      if (input.name !== undefined && input.name !== row.name) set.name = input.name;
      if (input.agreementType !== undefined && input.agreementType !== row.agreementType)
        set.agreementType = input.agreementType;
      const held = before.clauses.map((c) => c.id);
      let clauseIds: string[] | undefined;
      if (input.clauseIds !== undefined && input.clauseIds.join() !== held.join()) {
        await usableClauseIds(tx, scope, input.clauseIds, new Set(held));
        clauseIds = input.clauseIds;
      }
      if (Object.keys(set).length === 0 && !clauseIds) return null;
      return { set, clauseIds };
    },
  );
}

export function setTemplateArchived(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  ifMatch: string | undefined,
  archived: boolean,
): Promise<AgreementTemplate> {
  return changeTemplate(
    ctx,
    scope,
    id,
    ifMatch,
    {
      required: false,
      action: archived ? 'agreement_template.archived' : 'agreement_template.restored',
    },
    async (_tx, row) =>
      (row.archivedAt !== null) === archived
        ? null
        : { set: { archivedAt: archived ? new Date() : null } },
  );
}
