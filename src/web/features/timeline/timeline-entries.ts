import type { AgreementStatus } from '../../../domain/agreements';
import type { PlanStatus } from '../../../domain/plans';
import { agreementStatusLabels } from '../agreements/agreement-labels';
import { periodName, planStatusLabels } from '../plans/plan-labels';
import type { TimelineEntry, TimelineKind } from './timeline.api';

const words = (value: unknown) => (typeof value === 'string' ? value.replace(/_/g, ' ') : 'none');

/** One line a person reads for an entry: what happened, in plain words. */
export function describeEntry(entry: TimelineEntry, memberName: (id: string) => string): string {
  const s = entry.summary;
  switch (entry.kind) {
    case 'interaction': {
      const kind = words(s.kind);
      const title = typeof s.title === 'string' && s.title !== '' ? `: ${s.title}` : '';
      return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}${title}`;
    }
    case 'stage_change':
      return `Stage changed from ${words(s.from)} to ${words(s.to)}`;
    case 'owner_change': {
      const name = (v: unknown) => (typeof v === 'string' ? memberName(v) : 'no one');
      return `Owner changed from ${name(s.from)} to ${name(s.to)}`;
    }
    case 'issue': {
      const title = typeof s.title === 'string' ? s.title : 'an issue';
      if (s.event === 'status_changed') return `Issue ${title}: ${words(s.from)} → ${words(s.to)}`;
      return `Issue raised: ${title}`;
    }
    case 'task': {
      const title = typeof s.title === 'string' ? s.title : 'a task';
      return s.event === 'completed' ? `Task done: ${title}` : `Task added: ${title}`;
    }
    case 'comment': {
      const on = typeof s.on === 'string' ? ` on ${s.on}` : '';
      const excerpt = typeof s.excerpt === 'string' && s.excerpt !== '' ? `: ${s.excerpt}` : '';
      return `Comment${on}${excerpt}`;
    }
    case 'plan': {
      const plan = typeof s.period === 'string' ? `${periodName(s.period)} plan` : 'Plan';
      const status = (v: unknown) =>
        typeof v === 'string' && v in planStatusLabels
          ? planStatusLabels[v as PlanStatus].toLowerCase()
          : words(v);
      if (s.event === 'created') return `${plan} started`;
      if (s.event === 'revised') return `${plan}: version ${s.versionNumber} started`;
      if (s.event === 'agreed') {
        const by = typeof s.agreedBy === 'string' ? ` by ${s.agreedBy}` : '';
        return `${plan}: version ${s.versionNumber} agreed${by}`;
      }
      return `${plan}: ${status(s.from)} → ${status(s.to)}`;
    }
    case 'agreement': {
      const title = typeof s.title === 'string' ? s.title : 'an agreement';
      const status = (v: unknown) =>
        typeof v === 'string' && v in agreementStatusLabels
          ? agreementStatusLabels[v as AgreementStatus].toLowerCase()
          : words(v);
      if (s.event === 'created') return `Agreement started: ${title}`;
      if (s.event === 'auto_renewed')
        return `Agreement ${title} renewed itself until ${words(s.to)}`;
      if (typeof s.event === 'string' && s.event.startsWith('obligation_')) {
        const what = typeof s.obligation === 'string' ? s.obligation : 'an obligation';
        const verb = {
          obligation_added: 'added',
          obligation_done: 'done',
          obligation_waived: 'waived',
          obligation_task: `made a task${typeof s.occursOn === 'string' ? ` for ${words(s.occursOn)}` : ''}`,
        }[s.event];
        return `Agreement ${title}: obligation ${verb ?? words(s.event.slice(11))}: ${what}`;
      }
      return `Agreement ${title}: ${status(s.from)} → ${status(s.to)}`;
    }
    default: {
      const title = typeof s.title === 'string' ? s.title : '';
      return `${words(entry.kind)}${title ? `: ${title}` : ''}`;
    }
  }
}

export const timelineKindLabels: Record<TimelineKind, string> = {
  interaction: 'Interactions',
  task: 'Tasks',
  issue: 'Issues',
  comment: 'Comments',
  stage_change: 'Stage changes',
  owner_change: 'Owner changes',
  plan: 'Plans',
  agreement: 'Agreements',
};
