import { agreementTypeLabels } from '../../../domain/clauses';
import {
  type DocumentPart,
  fillDocument,
  type TemplateSources,
  templateValuesOf,
} from '../../../domain/contract-text';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { dbOf } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { getPartner, partnerRef } from '../partners/partners.service';
import { getWorkspace } from '../workspaces/workspaces.service';
import { findTemplate } from './clauses.queries';
import { templateClauses } from './templates.service';

type TemplateRow = NonNullable<Awaited<ReturnType<typeof findTemplate>>>;

/**
 * A template's clauses filled into Markdown from the workspace, the partner and the agreement
 * fields given. Every variable that is unknown or has no value is listed at once (422
 * `template_variables`), each named as the field at fault, never left blank (decision 049).
 */
export async function fillTemplate(
  ctx: ServiceContext,
  scope: Scope,
  template: TemplateRow,
  partnerId: string,
  agreement: Omit<TemplateSources['agreement'], 'typeLabel'>,
): Promise<{ text: string; parts: DocumentPart[] }> {
  const db = dbOf(ctx);
  if (!(await partnerRef(db, scope, partnerId)))
    throw errors.invalidReference('partnerId', 'partner');
  const partner = await getPartner(ctx, scope, partnerId);
  const { workspace } = await getWorkspace(ctx, scope);
  const clauses = await templateClauses(db, scope, template.id);
  const values = templateValuesOf({
    workspace: { name: workspace.name },
    partner: {
      name: partner.name,
      domains: partner.domains,
      country: partner.country ?? null,
      industry: partner.industry ?? null,
    },
    agreement: {
      ...agreement,
      typeLabel: agreementTypeLabels[template.agreementType as keyof typeof agreementTypeLabels],
    },
  });
  const parts = clauses.map((c) => ({ id: c.id, title: c.title, text: c.body }));
  const filled = fillDocument(agreement.title || template.name, parts, values);
  if (filled.ok) return { text: filled.text, parts };
  const names = filled.problems.map((p) => p.name ?? 'template');
  throw new AppError(
    422,
    'template_variables',
    'The template cannot be filled',
    `Missing or unknown: ${names.join(', ')}`,
    filled.problems.map((p) => ({
      field: p.name ?? 'template',
      code: p.code,
      message: p.message,
    })),
    {
      variables: filled.problems.map((p) => ({
        name: p.name,
        code: p.code,
        clauseIds: p.clauseIds,
      })),
    },
  );
}

/** A template a new agreement starts from: in the library and the caller's (else 422 naming `templateId`). */
export async function usableTemplate(db: Db | Tx, scope: Scope, id: string) {
  const row = await findTemplate(db, scope, id);
  if (!row || row.archivedAt) throw errors.invalidReference('templateId', 'agreement template');
  return row;
}
