import type { Actor } from '../../../domain/audit';
import { describePlanEvent } from '../plans/plan-history';
import { periodName } from '../plans/plan-labels';
import { countryName, formatDateTime, humanize } from './partner-labels';

/** What kind of thing happened: it picks the icon. */
export type HistoryKind =
  | 'partner_created'
  | 'partner_updated'
  | 'partner_archived'
  | 'partner_restored'
  | 'contact_created'
  | 'contact_updated'
  | 'contact_moved'
  | 'contact_deleted'
  | 'invitation_created'
  | 'invitation_accepted'
  | 'invitation_revoked'
  | 'partner_user_updated'
  | 'partner_user_removed'
  | 'other';

/** One changed field as the forms name it; `before` is null when the record was new. */
export type HistoryLine = {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  /** Long free text: shown as the new text alone, clamped. */
  long: boolean;
};

export type HistoryEntry = { kind: HistoryKind; title: string; lines: HistoryLine[] };

type Fields = Record<string, unknown>;

export type HistoryEventInput = {
  action: string;
  entityType: string;
  before: unknown;
  after: unknown;
};

/** The labels of the partner and contact forms, so history speaks like the screens. */
const labels: Record<string, Record<string, string>> = {
  partner: {
    name: 'Name',
    type: 'Type',
    stage: 'Stage',
    tier: 'Tier',
    ownerId: 'Owner',
    domains: 'Domains',
    website: 'Website',
    industry: 'Industry',
    country: 'Country',
    size: 'Size (employees)',
    tags: 'Tags',
    description: 'Description',
    contactCadenceDays: 'Contact cadence (days)',
    archivedAt: 'Archived',
  },
  contact: {
    firstName: 'First name',
    lastName: 'Last name',
    title: 'Job title',
    role: 'Role in the partnership',
    email: 'Email',
    phone: 'Phone',
    partnerId: 'Partner',
    notes: 'Notes',
  },
  invitation: { role: 'Role' },
  partner_user: { role: 'Role' },
  issue: {
    title: 'Title',
    status: 'Status',
    severity: 'Severity',
    kind: 'Kind',
    ownerId: 'Owner',
    teamName: 'Team',
    dueOn: 'Due',
    visibility: 'Visibility',
    partnerId: 'Partner',
    description: 'Description',
    resolutionNotes: 'Resolution notes',
  },
};

const longFields = new Set(['description', 'notes', 'resolutionNotes']);

/** Values that are keys of a fixed list and read as their label. */
const labelled = new Set([
  'type',
  'stage',
  'tier',
  'role',
  'status',
  'severity',
  'kind',
  'visibility',
]);

const kinds: Record<string, HistoryKind> = {
  'partner.created': 'partner_created',
  'partner.updated': 'partner_updated',
  'partner.archived': 'partner_archived',
  'partner.restored': 'partner_restored',
  'contact.created': 'contact_created',
  'contact.updated': 'contact_updated',
  'contact.moved_away': 'contact_moved',
  'contact.deleted': 'contact_deleted',
  'invitation.created': 'invitation_created',
  'invitation.accepted': 'invitation_accepted',
  'invitation.revoked': 'invitation_revoked',
  'partner_user.updated': 'partner_user_updated',
  'partner_user.removed': 'partner_user_removed',
};

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function fieldsOf(value: unknown): Fields | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Fields)
    : null;
}

function personName(record: Fields | null): string | null {
  if (!record) return null;
  const parts = [record.firstName, record.lastName].filter(
    (part): part is string => typeof part === 'string' && part.length > 0,
  );
  return parts.length > 0 ? parts.join(' ') : null;
}

/** A stored value as the screens show it; null when there is none. */
function formatValue(
  field: string,
  value: unknown,
  record: Fields,
  memberName: (id: string) => string,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length > 0 ? value.map(String).join(', ') : null;
  if (field === 'ownerId' && typeof value === 'string') return memberName(value);
  if (field === 'partnerId') {
    return typeof record.partnerName === 'string' ? record.partnerName : 'another partner';
  }
  if (field === 'country' && typeof value === 'string') return countryName(value);
  if (labelled.has(field) && typeof value === 'string') return humanize(value);
  if (typeof value === 'string' && isoTimestamp.test(value)) return formatDateTime(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function titleOf(
  event: HistoryEventInput,
  kind: HistoryKind,
  before: Fields | null,
  after: Fields | null,
) {
  const who = personName(after) ?? personName(before);
  const email =
    typeof (after ?? before)?.email === 'string' ? String((after ?? before)?.email) : null;
  const name = typeof (after ?? before)?.name === 'string' ? String((after ?? before)?.name) : null;
  switch (kind) {
    case 'partner_created':
      return 'Partner created';
    case 'partner_updated':
      return 'Partner updated';
    case 'partner_archived':
      return 'Partner archived';
    case 'partner_restored':
      return 'Partner restored';
    case 'contact_created':
      return who ? `Contact created: ${who}` : 'Contact created';
    case 'contact_updated':
      return who ? `Contact updated: ${who}` : 'Contact updated';
    case 'contact_moved': {
      const to = typeof after?.partnerName === 'string' ? after.partnerName : 'another partner';
      return `${who ?? 'A contact'} moved to ${to}`;
    }
    case 'contact_deleted':
      return who ? `Contact deleted: ${who}` : 'Contact deleted';
    case 'invitation_created':
      return email ? `Portal invitation for ${email}` : 'Portal invitation';
    case 'invitation_accepted':
      return email ? `${email} joined the portal` : 'Portal invitation accepted';
    case 'invitation_revoked':
      return email ? `Portal invitation for ${email} withdrawn` : 'Portal invitation withdrawn';
    case 'partner_user_updated':
      return 'Partner user’s role changed';
    case 'partner_user_removed':
      return name ? `Partner user removed: ${name}` : 'Partner user removed';
    default: {
      const title = (after ?? before)?.title;
      // An issue's events name the issue, as a partner has several.
      const subject = event.entityType === 'issue' && typeof title === 'string' ? `: ${title}` : '';
      return `${humanize(event.action.replace('.', ' '))}${subject}`;
    }
  }
}

/**
 * An audit event as history shows it: a title, and each changed field with the form's label and
 * formatted values. A new record lists what it was given; archiving and deleting list nothing,
 * as the title says it all.
 */
export function describeEvent(
  event: HistoryEventInput,
  memberName: (id: string) => string,
): HistoryEntry {
  const kind = kinds[event.action] ?? 'other';
  const before = fieldsOf(event.before);
  const after = fieldsOf(event.after);
  if (event.entityType === 'plan') {
    // A partner has a plan per period: the title names it, and says what happened in words.
    const period = (after ?? before)?.period;
    const entry = describePlanEvent(event);
    const name = typeof period === 'string' ? `${periodName(period)} plan` : 'Plan';
    const detail = entry.lines.length > 0 ? ` (${entry.lines.join('; ')})` : '';
    return { kind, title: `${name}: ${entry.title}${detail}`, lines: [] };
  }
  const title = titleOf(event, kind, before, after);
  const named = labels[event.entityType] ?? {};
  if (
    kind === 'partner_archived' ||
    kind === 'partner_restored' ||
    kind === 'contact_deleted' ||
    kind === 'contact_moved' ||
    kind === 'invitation_accepted' ||
    kind === 'invitation_revoked' ||
    kind === 'partner_user_removed'
  ) {
    return { kind, title, lines: [] };
  }
  const lines: HistoryLine[] = [];
  for (const [field, label] of Object.entries(named)) {
    if (field === 'archivedAt') continue;
    const from = before ? formatValue(field, before[field], before, memberName) : null;
    const to = after ? formatValue(field, after[field], after, memberName) : null;
    if (from === to) continue;
    lines.push({ field, label, before: from, after: to, long: longFields.has(field) });
  }
  return { kind, title, lines };
}

/** Who made a change, named for a reader: a person, an API key by its name, or Tandem's own work. */
export function describeActor(actor: Actor): string {
  // The server's words for an actor that is gone ("A deleted API key") already say what it was.
  if (/^A (former|deleted) /.test(actor.name)) return actor.name;
  switch (actor.kind) {
    case 'api_key':
      return `API key “${actor.name}”`;
    case 'partner_user':
      return `${actor.name} (partner user)`;
    default:
      return actor.name;
  }
}
