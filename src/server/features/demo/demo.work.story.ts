import type { Faker } from '@faker-js/faker';
import type { Sentiment } from '../../../domain/interactions';
import type { ResponseDays } from '../../../domain/issues';
import type { MemberRole } from '../../../domain/roles';
import type { MemberActor } from '../timeline/timeline.service';
import type { ContactRow, PartnerRow } from './demo.generate';

export type DemoMember = MemberActor & { email: string; role: MemberRole };

/**
 * How a partnership has gone over the last six months: the story its interactions, issues and
 * tasks tell, so the health score and the at-risk view have something true to show.
 */
export type Trend = 'steady' | 'warming' | 'cooling' | 'at_risk' | 'quiet' | 'new';

export const DAY = 24 * 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;
/** The months of activity the demo covers. */
export const WINDOW_DAYS = 182;

/** What every partner's story draws on: the workspace's people and teams, one seeded faker. */
export type WorkspaceCast = {
  faker: Faker;
  now: Date;
  today: string;
  members: DemoMember[];
  editors: DemoMember[];
  teamByName: Map<string, string>;
  teamsOf: Map<string, string[]>;
  memberById: Map<string, DemoMember>;
  responseDays: ResponseDays;
  /** A moment `days` before now. */
  ago: (days: number) => Date;
  /** The editors in a team. */
  editorIn: (teamId: string | null) => DemoMember[];
  pick: <T>(list: T[]) => T;
};

/** One partner's story: its trend, age, people and who usually leads the work. */
export type PartnerStory = {
  partner: PartnerRow;
  trend: Trend;
  ageDays: number;
  people: ContactRow[];
  owner: DemoMember | undefined;
  /** The owner most of the time, else any editor. */
  lead: () => DemoMember;
};

/** The story of a partner, from its lifecycle stage (and a draw for active ones). */
export function trendOf(faker: Faker, stage: string): Trend {
  if (stage === 'at_risk') return 'at_risk';
  if (stage === 'inactive' || stage === 'ended') return 'quiet';
  if (stage === 'prospect') return 'new';
  if (stage === 'onboarding') return 'warming';
  return faker.helpers.weightedArrayElement([
    { weight: 50, value: 'steady' as const },
    { weight: 25, value: 'warming' as const },
    { weight: 25, value: 'cooling' as const },
  ]);
}

/** Days before now an interaction of the story falls on; `u` is uniform in [0, 1). */
export function daysAgoFor(trend: Trend, u: number): number {
  switch (trend) {
    case 'steady':
      return 1 + u * (WINDOW_DAYS - 1);
    case 'warming':
      return 1 + (WINDOW_DAYS - 1) * u ** 2.5;
    case 'cooling':
      return 30 + (WINDOW_DAYS - 30) * (1 - u * u);
    case 'at_risk':
      return 50 + (WINDOW_DAYS - 50) * (1 - u * u);
    case 'quiet':
      return 110 + (WINDOW_DAYS - 110) * u;
    case 'new':
      return 1 + 39 * u;
  }
}

/** How the people felt, given the story and how recent it is (`recency` 1 today, 0 six months ago). */
export function sentimentFor(faker: Faker, trend: Trend, recency: number): Sentiment {
  const [positive, negative] =
    trend === 'warming'
      ? [0.3 + 0.6 * recency, 0.1 * (1 - recency)]
      : trend === 'cooling'
        ? [0.5 - 0.4 * recency, 0.1 + 0.5 * recency]
        : trend === 'at_risk'
          ? [0.3 * (1 - recency), 0.2 + 0.7 * recency]
          : trend === 'quiet'
            ? [0.2, 0.2]
            : trend === 'new'
              ? [0.5, 0]
              : [0.5, 0.1];
  const u = faker.number.float();
  return u < positive ? 'positive' : u < positive + negative ? 'negative' : 'neutral';
}
