import { z } from 'zod';
import { issueKind, issueSeverity, issueStatus } from '../issues';
import { cursorParam, limitParam, multiParam, pageOf } from '../pagination';

/**
 * An issue as a partner user sees it: the problem, where it stands and, once resolved, how it
 * was resolved. Never the owner, team, internal due date or response target (decision 036).
 */
export const PortalIssue = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable().describe('Markdown; render it without raw HTML'),
    kind: issueKind,
    severity: issueSeverity,
    status: issueStatus,
    resolutionNotes: z
      .string()
      .nullable()
      .describe('How it was resolved (Markdown), while it is resolved or closed'),
    resolvedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PortalIssue' });
export type PortalIssue = z.infer<typeof PortalIssue>;

export const PortalIssuePage = pageOf(PortalIssue).meta({ id: 'PortalIssuePage' });
export type PortalIssuePage = z.infer<typeof PortalIssuePage>;

/** Newest first; `status` takes several values (`?status=open&status=escalated`). */
export const PortalIssueListQuery = z
  .object({ status: multiParam(issueStatus), limit: limitParam, cursor: cursorParam })
  .strict();
export type PortalIssueListQuery = z.infer<typeof PortalIssueListQuery>;
