import { type Contact, ContactListQuery } from '../../domain/contacts';
import { type Interaction, InteractionListQuery } from '../../domain/interactions';
import { type Issue, IssueListQuery } from '../../domain/issues';
import { type Partner, PartnerListQuery } from '../../domain/partners';
import { type Plan, PlanListQuery } from '../../domain/plans';
import { type Task, TaskListQuery } from '../../domain/tasks';
import { type TimelineEntry, TimelineQuery } from '../../domain/timeline';
import { dbOf } from '../db/unit-of-work';
import { listContacts } from '../features/contacts/contacts.list';
import type { ZodApp } from '../features/index';
import { listInteractions } from '../features/interactions/interactions.list';
import { listIssues } from '../features/issues/issues.list';
import { memberNames } from '../features/members/members.service';
import { listPartners } from '../features/partners/partners.list';
import { listPlans } from '../features/plans/plans.list';
import { listTasks } from '../features/tasks/tasks.list';
import { listTimeline } from '../features/timeline/timeline.list';
import { agreementExportRoute, renewalExportRoute } from './agreements';
import { measurementExportRoute } from './measurements';
import { registerListExport } from './route';
import type { ExportColumn } from './writers';

/** Several values in one cell, as a reader would list them. */
const joined = (values: readonly string[]) => values.join('; ');

const stamps = <T extends { createdAt: string; updatedAt: string }>(): ExportColumn<T>[] => [
  { header: 'Created at', value: (row) => row.createdAt, width: 24 },
  { header: 'Updated at', value: (row) => row.updatedAt, width: 24 },
];

type PartnerExportRow = Partner & { ownerName: string | null };

const partnerColumns: ExportColumn<PartnerExportRow>[] = [
  { header: 'ID', value: (p) => p.id, width: 38 },
  { header: 'Name', value: (p) => p.name, width: 32 },
  { header: 'Type', value: (p) => p.type },
  { header: 'Tier', value: (p) => p.tier },
  { header: 'Stage', value: (p) => p.stage },
  { header: 'Owner', value: (p) => p.ownerName, width: 24 },
  { header: 'Industry', value: (p) => p.industry },
  { header: 'Country', value: (p) => p.country },
  { header: 'Size', value: (p) => p.size },
  { header: 'Domains', value: (p) => joined(p.domains), width: 28 },
  { header: 'Website', value: (p) => p.website, width: 28 },
  { header: 'Tags', value: (p) => joined(p.tags), width: 24 },
  { header: 'Health score', value: (p) => p.healthScore },
  { header: 'Contact cadence (days)', value: (p) => p.contactCadenceDays },
  { header: 'Last touch at', value: (p) => p.lastTouchAt, width: 24 },
  { header: 'Next touch due', value: (p) => p.nextTouchDue, width: 24 },
  { header: 'Description', value: (p) => p.description, width: 40 },
  { header: 'Archived at', value: (p) => p.archivedAt, width: 24 },
  ...stamps<PartnerExportRow>(),
];

const contactColumns: ExportColumn<Contact>[] = [
  { header: 'ID', value: (c) => c.id, width: 38 },
  { header: 'First name', value: (c) => c.firstName },
  { header: 'Last name', value: (c) => c.lastName },
  { header: 'Partner', value: (c) => c.partnerName, width: 32 },
  { header: 'Partner ID', value: (c) => c.partnerId, width: 38 },
  { header: 'Title', value: (c) => c.title, width: 24 },
  { header: 'Email', value: (c) => c.email, width: 28 },
  { header: 'Phone', value: (c) => c.phone },
  { header: 'Role', value: (c) => c.role },
  { header: 'Notes', value: (c) => c.notes, width: 40 },
  ...stamps<Contact>(),
];

const interactionColumns: ExportColumn<Interaction>[] = [
  { header: 'ID', value: (i) => i.id, width: 38 },
  { header: 'Occurred at', value: (i) => i.occurredAt, width: 24 },
  { header: 'Time zone', value: (i) => i.timeZone },
  { header: 'Kind', value: (i) => i.kind },
  { header: 'Partner', value: (i) => i.partnerName, width: 32 },
  { header: 'Partner ID', value: (i) => i.partnerId, width: 38 },
  { header: 'Summary', value: (i) => i.summary, width: 40 },
  { header: 'Outcome', value: (i) => i.outcome, width: 32 },
  { header: 'Sentiment', value: (i) => i.sentiment },
  { header: 'Duration (minutes)', value: (i) => i.durationMinutes },
  { header: 'Members', value: (i) => joined(i.members.map((m) => m.name)), width: 28 },
  { header: 'Contacts', value: (i) => joined(i.contacts.map((c) => c.name)), width: 28 },
  { header: 'Next steps', value: (i) => joined(i.nextSteps), width: 40 },
  { header: 'Visibility', value: (i) => i.visibility },
  ...stamps<Interaction>(),
];

const issueColumns: ExportColumn<Issue>[] = [
  { header: 'ID', value: (i) => i.id, width: 38 },
  { header: 'Title', value: (i) => i.title, width: 40 },
  { header: 'Partner', value: (i) => i.partnerName, width: 32 },
  { header: 'Partner ID', value: (i) => i.partnerId, width: 38 },
  { header: 'Kind', value: (i) => i.kind },
  { header: 'Severity', value: (i) => i.severity },
  { header: 'Status', value: (i) => i.status },
  { header: 'Owner', value: (i) => i.ownerName, width: 24 },
  { header: 'Team', value: (i) => i.teamName },
  { header: 'Due on', value: (i) => i.dueOn },
  { header: 'Overdue', value: (i) => i.overdue },
  { header: 'Resolved at', value: (i) => i.resolvedAt, width: 24 },
  { header: 'Resolution notes', value: (i) => i.resolutionNotes, width: 40 },
  { header: 'Description', value: (i) => i.description, width: 40 },
  { header: 'Visibility', value: (i) => i.visibility },
  ...stamps<Issue>(),
];

const taskColumns: ExportColumn<Task>[] = [
  { header: 'ID', value: (t) => t.id, width: 38 },
  { header: 'Title', value: (t) => t.title, width: 40 },
  { header: 'Status', value: (t) => t.status },
  { header: 'Priority', value: (t) => t.priority },
  { header: 'Due date', value: (t) => t.dueDate },
  { header: 'Overdue', value: (t) => t.overdue },
  { header: 'Assignee', value: (t) => t.assignee?.name ?? null, width: 24 },
  { header: 'Team', value: (t) => t.team?.name ?? null },
  { header: 'Partner', value: (t) => t.partner?.name ?? null, width: 32 },
  {
    header: 'Linked record',
    value: (t) => (t.link ? `${t.link.subjectType}: ${t.link.label ?? t.link.subjectId}` : null),
    width: 32,
  },
  { header: 'Description', value: (t) => t.description, width: 40 },
  { header: 'Visibility', value: (t) => t.visibility },
  { header: 'Completed at', value: (t) => t.completedAt, width: 24 },
  ...stamps<Task>(),
];

const planColumns: ExportColumn<Plan>[] = [
  { header: 'ID', value: (p) => p.id, width: 38 },
  { header: 'Partner', value: (p) => p.partnerName, width: 32 },
  { header: 'Partner ID', value: (p) => p.partnerId, width: 38 },
  { header: 'Period', value: (p) => p.period },
  { header: 'Status', value: (p) => p.status },
  { header: 'Version', value: (p) => p.versionNumber },
  { header: 'Agreed version', value: (p) => p.agreedVersionNumber },
  { header: 'Agreed by', value: (p) => p.agreement?.agreedBy ?? null, width: 24 },
  { header: 'Agreed on', value: (p) => p.agreement?.agreedOn ?? null },
  { header: 'Summary', value: (p) => p.summary, width: 40 },
  { header: 'Objectives', value: (p) => p.objectives.length },
  {
    header: 'Objective texts',
    value: (p) => p.objectives.map((o) => o.text).join('\n'),
    width: 40,
  },
  ...stamps<Plan>(),
];

const activityColumns: ExportColumn<TimelineEntry>[] = [
  { header: 'ID', value: (e) => e.id, width: 38 },
  { header: 'Occurred at', value: (e) => e.occurredAt, width: 24 },
  { header: 'Kind', value: (e) => e.kind, width: 20 },
  { header: 'Partner', value: (e) => e.partnerName, width: 32 },
  { header: 'Partner ID', value: (e) => e.partnerId, width: 38 },
  { header: 'Record type', value: (e) => e.subjectType },
  { header: 'Record ID', value: (e) => e.subjectId, width: 38 },
  { header: 'Actor', value: (e) => e.actor.name, width: 24 },
  { header: 'Actor kind', value: (e) => e.actor.kind },
  { header: 'Visibility', value: (e) => e.visibility },
  // The summary's fields differ by kind; as JSON they stay whole and readable.
  { header: 'Summary', value: (e) => JSON.stringify(e.summary), width: 60 },
];

/** Every list's export, beside its list: same permission, filters and sort. */
export async function exportRoutes(app: ZodApp) {
  registerListExport(app, {
    list: 'partners',
    sheet: 'Partners',
    access: 'partner.read',
    tag: 'partners',
    operationId: 'exportPartners',
    what: 'partners',
    listQuery: PartnerListQuery,
    columns: partnerColumns,
    // The list names owners by id; a spreadsheet reader needs their names.
    read: async (ctx, scope, query: PartnerListQuery) => {
      const page = await listPartners(ctx, scope, query);
      const owners = await memberNames(
        dbOf(ctx),
        scope,
        page.items.flatMap((p) => (p.ownerId ? [p.ownerId] : [])),
      );
      return {
        items: page.items.map((p) => ({
          ...p,
          ownerName: p.ownerId ? (owners.get(p.ownerId) ?? null) : null,
        })),
        nextCursor: page.nextCursor,
      };
    },
  });
  registerListExport(app, {
    list: 'contacts',
    sheet: 'Contacts',
    access: 'contact.read',
    tag: 'contacts',
    operationId: 'exportContacts',
    what: 'contacts',
    listQuery: ContactListQuery,
    columns: contactColumns,
    read: (ctx, scope, query: ContactListQuery) => listContacts(ctx, scope, query),
  });
  registerListExport(app, {
    list: 'interactions',
    sheet: 'Interactions',
    access: 'interaction.read',
    tag: 'interactions',
    operationId: 'exportInteractions',
    what: 'interactions',
    listQuery: InteractionListQuery,
    columns: interactionColumns,
    read: (ctx, scope, query: InteractionListQuery) => listInteractions(ctx, scope, query),
  });
  registerListExport(app, {
    list: 'issues',
    sheet: 'Issues',
    access: 'issue.read',
    tag: 'issues',
    operationId: 'exportIssues',
    what: 'issues',
    listQuery: IssueListQuery,
    columns: issueColumns,
    read: (ctx, scope, query: IssueListQuery) => listIssues(ctx, scope, query),
  });
  registerListExport(app, {
    list: 'tasks',
    sheet: 'Tasks',
    access: 'task.read',
    tag: 'tasks',
    operationId: 'exportTasks',
    what: 'tasks',
    listQuery: TaskListQuery,
    columns: taskColumns,
    read: (ctx, scope, query: TaskListQuery) => listTasks(ctx, scope, query),
  });
  registerListExport(app, {
    list: 'plans',
    sheet: 'Plans',
    access: 'plan.read',
    tag: 'plans',
    operationId: 'exportPlans',
    what: 'plans',
    listQuery: PlanListQuery,
    columns: planColumns,
    read: (ctx, scope, query: PlanListQuery) => listPlans(ctx, scope, query),
  });
  registerListExport(app, {
    list: 'timeline',
    sheet: 'Activity',
    access: 'timeline.read',
    tag: 'timeline',
    operationId: 'exportTimeline',
    what: 'workspace activity',
    listQuery: TimelineQuery,
    columns: activityColumns,
    read: (ctx, scope, query: TimelineQuery) => listTimeline(ctx, scope, null, query),
  });
  measurementExportRoute(app);
  agreementExportRoute(app);
  renewalExportRoute(app);
}
