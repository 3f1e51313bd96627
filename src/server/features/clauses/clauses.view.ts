import type { AgreementTemplate, Clause } from '../../../domain/clauses';
import { inspectText } from '../../../domain/contract-text';
import type { ClauseRow, TemplateRow } from './clauses.queries';

/** The variables a clause uses anywhere: title, text, then its fallback positions. */
export function clauseVariables(row: Pick<ClauseRow, 'title' | 'body' | 'fallbackPositions'>) {
  const names = [row.title, row.body, ...row.fallbackPositions].flatMap(
    (text) => inspectText(text).variables,
  );
  return [...new Set(names)];
}

/** A clause row as the API shows it (and as audit events record it). */
export function toClause(row: ClauseRow): Clause {
  return {
    id: row.id,
    title: row.title,
    text: row.body,
    category: row.category,
    fallbackPositions: row.fallbackPositions,
    variables: clauseVariables(row),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A template row with its clauses, in order, as the API shows it. */
export function toTemplate(row: TemplateRow, clauses: ClauseRow[]): AgreementTemplate {
  return {
    id: row.id,
    name: row.name,
    agreementType: row.agreementType as AgreementTemplate['agreementType'],
    clauses: clauses.map((clause) => ({
      id: clause.id,
      title: clause.title,
      category: clause.category,
      archived: clause.archivedAt !== null,
    })),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
