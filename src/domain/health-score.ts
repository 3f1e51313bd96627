import { z } from 'zod';
import { messages } from './messages';

/**
 * The relationship health score: a pure function of plain counts, so the daily snapshot job,
 * the partner page and the tests all compute the same number. The formula is in
 * `docs/health-score.md`; change both together.
 */

export const healthComponents = [
  'engagement',
  'momentum',
  'sentiment',
  'issues',
  'followThrough',
] as const;
export type HealthComponent = (typeof healthComponents)[number];

/** Issue severities from mildest to worst, with how many points one open issue costs. */
export const healthIssueSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type HealthIssueSeverity = (typeof healthIssueSeverities)[number];
export const issuePenalty: Record<HealthIssueSeverity, number> = {
  low: 5,
  medium: 10,
  high: 25,
  critical: 50,
};
/** An open issue costs up to twice its penalty as it ages, reaching double at this many days. */
export const issueAgeCapDays = 90;
/** Contact later than the cadence loses engagement linearly, reaching 0 at this many cadences. */
export const engagementZeroAtCadences = 3;
/** Pseudo-counts that keep one interaction or one task from swinging a component to an extreme. */
export const momentumPrior = 2;
export const sentimentPrior = 2;
export const followThroughPrior = 1;

/** Everything the score needs about one partner, as plain numbers. */
export interface HealthInputs {
  /** Whole days since the last interaction; `null` when there has never been one. */
  daysSinceLastInteraction: number | null;
  /** The expected contact cadence in days (the partner's override or its tier's). */
  cadenceDays: number;
  /** Interactions in the last 90 days, and in the 90 days before those. */
  interactionsLast90: number;
  interactionsPrevious90: number;
  /** Sentiment of the recent interactions (the last 90 days). */
  sentiment: { positive: number; neutral: number; negative: number };
  /** Each open issue, with its severity and age in days. */
  openIssues: ReadonlyArray<{ severity: HealthIssueSeverity; ageDays: number }>;
  /** Tasks done by their due date, done after it, and still open past it. */
  tasks: { onTime: number; late: number; overdue: number };
}

const weight = z
  .number({ error: messages.invalid })
  .int(messages.wholeNumber)
  .min(0, messages.minNumber(0))
  .max(100, messages.maxNumber(100));

/** The workspace setting: a relative weight per component; at least one must be above 0. */
export const HealthWeights = z
  .object({
    engagement: weight,
    momentum: weight,
    sentiment: weight,
    issues: weight,
    followThrough: weight,
  })
  .strict()
  .refine((w) => healthComponents.some((key) => w[key] > 0), {
    message: 'Give at least one component a weight above 0',
  })
  .meta({ id: 'HealthWeights' });
export type HealthWeights = z.infer<typeof HealthWeights>;

export const defaultHealthWeights: HealthWeights = {
  engagement: 30,
  momentum: 15,
  sentiment: 20,
  issues: 20,
  followThrough: 15,
};

export interface HealthComponentScore {
  key: HealthComponent;
  /** The weight's share of all weights, 0–1; the shares add up to 1. */
  weight: number;
  /** 0–100, whole. */
  score: number;
  reason: string;
}

export interface HealthScore {
  /** 0–100, whole: the weighted mean of the components' scores. */
  score: number;
  components: HealthComponentScore[];
}

/** A count from outside: negative, fractional or non-finite values are read as the nearest sane count. */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function clampScore(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(100, Math.max(0, value));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function engagement(input: HealthInputs): { score: number; reason: string } {
  const cadence = Math.max(1, count(input.cadenceDays));
  if (input.daysSinceLastInteraction === null) {
    return { score: 0, reason: 'No interaction logged yet' };
  }
  const days = count(input.daysSinceLastInteraction);
  const ratio = days / cadence;
  const score =
    ratio <= 1 ? 100 : (100 * (engagementZeroAtCadences - ratio)) / (engagementZeroAtCadences - 1);
  const lead = `Last interaction ${plural(days, 'day')} ago, cadence ${plural(cadence, 'day')}`;
  if (ratio <= 1) return { score: 100, reason: `${lead}: on schedule` };
  return { score: clampScore(score), reason: `${lead}: ${plural(days - cadence, 'day')} overdue` };
}

function momentum(input: HealthInputs): { score: number; reason: string } {
  const recent = count(input.interactionsLast90);
  const before = count(input.interactionsPrevious90);
  const score = 50 + (50 * (recent - before)) / (recent + before + momentumPrior);
  const trend = recent > before ? 'up' : recent < before ? 'down' : 'steady';
  return {
    score: clampScore(score),
    reason: `${plural(recent, 'interaction')} in the last 90 days against ${before} in the 90 before: ${trend}`,
  };
}

function sentiment(input: HealthInputs): { score: number; reason: string } {
  const positive = count(input.sentiment.positive);
  const neutral = count(input.sentiment.neutral);
  const negative = count(input.sentiment.negative);
  const total = positive + neutral + negative;
  if (total === 0) return { score: 50, reason: 'No recent interaction with a sentiment' };
  const score = 50 + (50 * (positive - negative)) / (total + sentimentPrior);
  return {
    score: clampScore(score),
    reason: `Recent interactions: ${positive} positive, ${neutral} neutral, ${negative} negative`,
  };
}

function issues(input: HealthInputs): { score: number; reason: string } {
  const open = input.openIssues;
  if (open.length === 0) return { score: 100, reason: 'No open issues' };
  let penalty = 0;
  const bySeverity: Record<HealthIssueSeverity, number> = {
    low: 0,
    medium: 0,
    high: 0,
    critical: 0,
  };
  let oldest = 0;
  for (const issue of open) {
    const age = Math.min(count(issue.ageDays), issueAgeCapDays);
    const base = issuePenalty[issue.severity] ?? issuePenalty.critical;
    penalty += base * (1 + age / issueAgeCapDays);
    bySeverity[issue.severity in bySeverity ? issue.severity : 'critical'] += 1;
    oldest = Math.max(oldest, count(issue.ageDays));
  }
  const parts = [...healthIssueSeverities]
    .reverse()
    .filter((s) => bySeverity[s] > 0)
    .map((s) => `${bySeverity[s]} ${s}`);
  return {
    score: clampScore(100 - penalty),
    reason: `${plural(open.length, 'open issue')} (${parts.join(', ')}), oldest ${plural(oldest, 'day')}`,
  };
}

function followThrough(input: HealthInputs): { score: number; reason: string } {
  const onTime = count(input.tasks.onTime);
  const late = count(input.tasks.late);
  const overdue = count(input.tasks.overdue);
  if (onTime + late + overdue === 0) return { score: 100, reason: 'No tasks due yet' };
  // An overdue task counts twice a late one: it is still not done.
  const score =
    (100 * (onTime + followThroughPrior)) / (onTime + late + 2 * overdue + followThroughPrior);
  return {
    score: clampScore(score),
    reason: `${onTime} done on time, ${late} done late, ${overdue} overdue`,
  };
}

const scorers: Record<HealthComponent, (input: HealthInputs) => { score: number; reason: string }> =
  {
    engagement,
    momentum,
    sentiment,
    issues,
    followThrough,
  };

/** Each weight as its share of the total, so any positive weights describe the same mix. */
export function normalizeWeights(weights: HealthWeights): Record<HealthComponent, number> {
  const safe = (w: number) => (Number.isFinite(w) && w > 0 ? w : 0);
  const total = healthComponents.reduce((sum, key) => sum + safe(weights[key]), 0);
  const shares = {} as Record<HealthComponent, number>;
  for (const key of healthComponents) {
    shares[key] = total > 0 ? safe(weights[key]) / total : 1 / healthComponents.length;
  }
  return shares;
}

/** The partner's score, 0–100, with each component's weight share, score and reason. */
export function healthScore(
  input: HealthInputs,
  weights: HealthWeights = defaultHealthWeights,
): HealthScore {
  const shares = normalizeWeights(weights);
  let total = 0;
  const components = healthComponents.map((key) => {
    const { score, reason } = scorers[key](input);
    total += shares[key] * score;
    return { key, weight: shares[key], score: Math.round(score), reason };
  });
  return { score: Math.round(clampScore(total)), components };
}
