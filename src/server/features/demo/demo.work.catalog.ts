import type { InteractionKind, Sentiment } from '../../../domain/interactions';
import type { IssueKind, IssueSeverity } from '../../../domain/issues';
import type { Weighted } from './demo.catalog';

/**
 * Word lists for the demo's relationship work: interactions, issues, tasks and comments. Written
 * as a partnership manager would, so the timeline and the at-risk view read like a real week.
 */

/** The time zone a partner's people work in, by country (the one entered with the interaction). */
export const zoneByCountry: Record<string, string> = {
  US: 'America/New_York',
  GB: 'Europe/London',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  CA: 'America/Toronto',
  IN: 'Asia/Kolkata',
  NL: 'Europe/Amsterdam',
  AU: 'Australia/Sydney',
  SE: 'Europe/Stockholm',
  ES: 'Europe/Madrid',
  JP: 'Asia/Tokyo',
  BR: 'America/Sao_Paulo',
  SG: 'Asia/Singapore',
  IE: 'Europe/Dublin',
  CH: 'Europe/Zurich',
  IT: 'Europe/Rome',
  DK: 'Europe/Copenhagen',
};

/** Which teams each demo member works in (by the default team names), by email's local part. */
export const teamsOfMember: Record<string, string[]> = {
  'alex.morgan': ['Sales', 'Operations'],
  'priya.raman': ['Sales', 'Marketing'],
  'jonas.weber': ['Product', 'Operations'],
  'sofia.costa': ['Legal', 'Finance'],
  'liam.chen': ['Finance'],
};

export const interactionKindWeights: Weighted<InteractionKind> = [
  { weight: 30, value: 'meeting' },
  { weight: 28, value: 'call' },
  { weight: 24, value: 'email' },
  { weight: 6, value: 'event' },
  { weight: 12, value: 'note' },
];

/** Minutes an interaction of each kind usually takes; none for emails and notes. */
export const durations: Record<InteractionKind, number[] | null> = {
  meeting: [30, 45, 60, 60, 90],
  call: [15, 20, 30, 30, 45],
  email: null,
  event: [120, 180, 240, 480],
  note: null,
};

export const interactionTitles: Record<InteractionKind, string[]> = {
  meeting: [
    'Quarterly business review',
    'Joint account planning',
    'Pipeline review',
    'Integration roadmap session',
    'Co-marketing planning',
    'Executive sync',
    'Renewal discussion',
  ],
  call: [
    'Weekly partner sync',
    'Deal registration check-in',
    'Pricing questions',
    'Technical deep dive',
    'Follow-up on open items',
    'Forecast call',
  ],
  email: [
    'Shared the updated partner playbook',
    'Sent the co-sell proposal',
    'Followed up on the MDF request',
    'Answered questions on API limits',
    'Sent the contract redlines',
    'Confirmed the joint webinar date',
  ],
  event: ['Partner summit', 'Joint webinar', 'Trade show booth', 'Customer roundtable'],
  note: [
    'Heard from the account team',
    'Observations after the review',
    'Competitive signal',
    'Relationship note',
  ],
};

export const interactionBodies: Record<Sentiment, string[]> = {
  positive: [
    'They want to **expand the joint pipeline** and asked for two more enterprise introductions.',
    'Good energy: the new integration is live with three shared customers.',
    'Their sales team finished the certification ahead of plan.',
    'They proposed a joint case study with one of the shared customers.',
  ],
  neutral: [
    'Walked through the open items; nothing blocking, nothing new either.',
    'They are reorganizing the partner team and will come back with new owners.',
    'Reviewed the forecast. Numbers flat against last quarter.',
    'Questions on the pricing tiers; answers to follow by email.',
  ],
  negative: [
    'They are **frustrated with lead quality** and are reconsidering the referral terms.',
    'The integration broke again after our release; their customers noticed.',
    'They raised the delayed rebate payout a third time.',
    'Their sponsor hinted they are evaluating a competing program.',
  ],
};

export const outcomes: Record<Sentiment, string[]> = {
  positive: [
    'Agreed to co-sell on two enterprise accounts',
    'Joint business plan signed off',
    'They will co-host the next webinar',
    'Integration certified for the marketplace',
  ],
  neutral: [
    'No decision yet; revisit next month',
    'Waiting for their legal review',
    'Agreed to keep the current terms for now',
  ],
  negative: [
    'Escalated internally; they expect an answer this week',
    'They paused new deal registrations',
    'Renewal at risk until the payout is fixed',
  ],
};

export const nextSteps = [
  'Send the recap',
  'Share the updated pricing sheet',
  'Book the next review',
  'Loop in legal on the contract',
  'Draft the joint business plan',
  'Schedule a technical workshop',
  'Update the deal registration',
  'Introduce their team to product',
];

export type IssueTemplate = { kind: IssueKind; title: string; team: string };

export const issueTemplates: IssueTemplate[] = [
  { kind: 'channel_conflict', title: 'Two resellers quoted the same account', team: 'Sales' },
  { kind: 'channel_conflict', title: 'Direct team undercut them on a renewal', team: 'Sales' },
  { kind: 'delivery', title: 'Onboarding milestones slipping', team: 'Operations' },
  { kind: 'delivery', title: 'Integration broke after the API upgrade', team: 'Product' },
  { kind: 'commercial', title: 'Rebate payout delayed', team: 'Finance' },
  { kind: 'commercial', title: 'Disputed discount tier', team: 'Finance' },
  { kind: 'legal', title: 'Data processing agreement not signed', team: 'Legal' },
  { kind: 'legal', title: 'Trademark misuse on their website', team: 'Legal' },
  { kind: 'relationship', title: 'Executive sponsor left the company', team: 'Sales' },
  { kind: 'relationship', title: 'Unhappy with the lead quality', team: 'Marketing' },
  { kind: 'other', title: 'Marketplace listing out of date', team: 'Marketing' },
];

export const issueDescriptions = [
  'Raised by their partner manager on the last call. See the timeline for the details.',
  'Customer-facing: two shared accounts are affected.\n\n- Confirm the scope\n- Agree a fix date',
  'Recurring: came up in the previous quarter as well.',
];

export const resolutionNotes = [
  'Agreed a one-off credit and a fixed payout date; confirmed in writing.',
  'Account ownership settled by the deal registration date; both teams informed.',
  'Fix released and verified with their engineers.',
  'Signed version received and filed.',
  'New sponsor named; intro meeting held.',
];

export const issueSeverityWeights: Weighted<IssueSeverity> = [
  { weight: 30, value: 'low' },
  { weight: 40, value: 'medium' },
  { weight: 22, value: 'high' },
  { weight: 8, value: 'critical' },
];

export const taskTitles = [
  'Prepare the quarterly business review deck',
  'Renew the reseller agreement',
  'Update the partner tier after the review',
  'Send the co-marketing brief',
  'Collect the certification results',
  'Review the joint pipeline',
  'Confirm the MDF budget',
  'Check the marketplace listing',
];

/** Comment bodies; `@` names the member mentioned, filled in when the comment is made. */
export const commentBodies = [
  '@{name} can you take the pricing question before Friday?',
  'Looping in @{name}: this needs a legal read.',
  '@{name} FYI, they asked about the roadmap again.',
  'Spoke to their CFO, the payout date holds. @{name} please confirm on our side.',
  'Good progress. @{name} let us use this one in the partner newsletter.',
];
