import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultHealthWeights,
  type HealthComponent,
  type HealthInputs,
  type HealthIssueSeverity,
  type HealthScore,
  HealthWeights,
  healthComponents,
  healthIssueSeverities,
  healthScore,
  normalizeWeights,
} from './health-score';

const calm: HealthInputs = {
  daysSinceLastInteraction: 5,
  cadenceDays: 30,
  interactionsLast90: 6,
  interactionsPrevious90: 6,
  sentiment: { positive: 0, neutral: 0, negative: 0 },
  openIssues: [],
  tasks: { onTime: 0, late: 0, overdue: 0 },
};

const pick = (result: HealthScore, key: HealthComponent) => {
  const found = result.components.find((c) => c.key === key);
  if (!found) throw new Error(`no component ${key}`);
  return found;
};
const component = (input: HealthInputs, key: HealthComponent) => pick(healthScore(input), key);
const worseSeverity = (s: HealthIssueSeverity): HealthIssueSeverity =>
  healthIssueSeverities[healthIssueSeverities.indexOf(s) + 1] ?? 'critical';

const small = fc.nat({ max: 400 });
const issue = fc.record({ severity: fc.constantFrom(...healthIssueSeverities), ageDays: small });
const inputs: fc.Arbitrary<HealthInputs> = fc.record({
  daysSinceLastInteraction: fc.option(small, { nil: null }),
  cadenceDays: fc.integer({ min: 1, max: 365 }),
  interactionsLast90: small,
  interactionsPrevious90: small,
  sentiment: fc.record({ positive: small, neutral: small, negative: small }),
  openIssues: fc.array(issue, { maxLength: 12 }),
  tasks: fc.record({ onTime: small, late: small, overdue: small }),
});
const weights: fc.Arbitrary<HealthWeights> = fc
  .record({
    engagement: fc.integer({ min: 0, max: 100 }),
    momentum: fc.integer({ min: 0, max: 100 }),
    sentiment: fc.integer({ min: 0, max: 100 }),
    issues: fc.integer({ min: 0, max: 100 }),
    followThrough: fc.integer({ min: 0, max: 100 }),
  })
  .filter((w) => healthComponents.some((k) => w[k] > 0));

describe('healthScore examples', () => {
  it('is high for a partner contacted on time with nothing wrong', () => {
    const result = healthScore({ ...calm, sentiment: { positive: 50, neutral: 0, negative: 0 } });
    expect(result.score).toBe(92);
    expect(result.components.map((c) => c.key)).toEqual([...healthComponents]);
    expect(component(calm, 'engagement')).toMatchObject({
      score: 100,
      reason: 'Last interaction 5 days ago, cadence 30 days: on schedule',
    });
  });

  it('loses engagement linearly past the cadence and reaches 0 at three cadences', () => {
    expect(component({ ...calm, daysSinceLastInteraction: 60 }, 'engagement')).toMatchObject({
      score: 50,
      reason: 'Last interaction 60 days ago, cadence 30 days: 30 days overdue',
    });
    expect(component({ ...calm, daysSinceLastInteraction: 90 }, 'engagement').score).toBe(0);
    expect(component({ ...calm, daysSinceLastInteraction: null }, 'engagement')).toMatchObject({
      score: 0,
      reason: 'No interaction logged yet',
    });
  });

  it('explains momentum, sentiment, issues and follow-through', () => {
    const input: HealthInputs = {
      ...calm,
      interactionsLast90: 2,
      interactionsPrevious90: 8,
      sentiment: { positive: 1, neutral: 2, negative: 3 },
      openIssues: [
        { severity: 'critical', ageDays: 0 },
        { severity: 'low', ageDays: 90 },
      ],
      tasks: { onTime: 3, late: 1, overdue: 2 },
    };
    expect(component(input, 'momentum')).toMatchObject({
      score: 25,
      reason: '2 interactions in the last 90 days against 8 in the 90 before: down',
    });
    expect(component(input, 'sentiment')).toMatchObject({
      score: 38,
      reason: 'Recent interactions: 1 positive, 2 neutral, 3 negative',
    });
    expect(component(input, 'issues')).toMatchObject({
      score: 40,
      reason: '2 open issues (1 critical, 1 low), oldest 90 days',
    });
    expect(component(input, 'followThrough')).toMatchObject({
      score: 44,
      reason: '3 done on time, 1 done late, 2 overdue',
    });
  });

  it('reads nonsense counts as zero instead of breaking the bounds', () => {
    const result = healthScore({
      ...calm,
      daysSinceLastInteraction: Number.NaN,
      cadenceDays: -4,
      interactionsLast90: Number.POSITIVE_INFINITY,
      sentiment: { positive: -3, neutral: 1.5, negative: Number.NaN },
      openIssues: [{ severity: 'high', ageDays: -10 }],
      tasks: { onTime: -1, late: -1, overdue: -1 },
    });
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
  });
});

describe('HealthWeights', () => {
  it('accepts the defaults and refuses all-zero, negative, fractional or unknown weights', () => {
    expect(HealthWeights.parse(defaultHealthWeights)).toEqual(defaultHealthWeights);
    const zero = { engagement: 0, momentum: 0, sentiment: 0, issues: 0, followThrough: 0 };
    expect(HealthWeights.safeParse(zero).success).toBe(false);
    expect(HealthWeights.safeParse({ ...defaultHealthWeights, issues: -1 }).success).toBe(false);
    expect(HealthWeights.safeParse({ ...defaultHealthWeights, issues: 1.5 }).success).toBe(false);
    expect(HealthWeights.safeParse({ ...defaultHealthWeights, issues: 101 }).success).toBe(false);
    expect(HealthWeights.safeParse({ ...defaultHealthWeights, extra: 1 }).success).toBe(false);
  });
});

describe('healthScore properties', () => {
  const runs = { numRuns: 300 };

  it('is a whole number from 0 to 100, and so is every component', () => {
    fc.assert(
      fc.property(inputs, weights, (input, w) => {
        const result = healthScore(input, w);
        for (const value of [result.score, ...result.components.map((c) => c.score)]) {
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(100);
        }
        for (const c of result.components) expect(c.reason.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });

  it('normalises weights: shares add up to 1 and scaling all weights changes nothing', () => {
    fc.assert(
      fc.property(inputs, weights, fc.integer({ min: 2, max: 5 }), (input, w, k) => {
        const shares = normalizeWeights(w);
        const sum = healthComponents.reduce((s, key) => s + shares[key], 0);
        expect(sum).toBeCloseTo(1, 10);
        const scaled = Object.fromEntries(
          healthComponents.map((key) => [key, w[key] * k]),
        ) as HealthWeights;
        expect(healthScore(input, scaled).score).toBe(healthScore(input, w).score);
      }),
      runs,
    );
  });

  it('lies between its lowest and highest component', () => {
    fc.assert(
      fc.property(inputs, weights, (input, w) => {
        const result = healthScore(input, w);
        const used = result.components.filter((c) => c.weight > 0).map((c) => c.score);
        expect(result.score).toBeGreaterThanOrEqual(Math.min(...used) - 1);
        expect(result.score).toBeLessThanOrEqual(Math.max(...used) + 1);
      }),
      runs,
    );
  });

  /** `worse` describes a change that must never raise `key` nor the total score. */
  const neverRaises = (
    key: HealthComponent,
    worse: (input: HealthInputs, n: number) => HealthInputs,
  ) =>
    fc.assert(
      fc.property(inputs, weights, fc.integer({ min: 1, max: 50 }), (input, w, n) => {
        const before = healthScore(input, w);
        const after = healthScore(worse(input, n), w);
        const of = (r: typeof before) => pick(r, key).score;
        expect(of(after)).toBeLessThanOrEqual(of(before));
        expect(after.score).toBeLessThanOrEqual(before.score);
      }),
      runs,
    );

  it('more days since contact never raises engagement', () => {
    neverRaises('engagement', (i, n) => ({
      ...i,
      daysSinceLastInteraction:
        i.daysSinceLastInteraction === null ? null : i.daysSinceLastInteraction + n,
    }));
    neverRaises('engagement', (i) => ({ ...i, daysSinceLastInteraction: null }));
  });

  it('a shorter cadence never raises engagement', () => {
    neverRaises('engagement', (i, n) => ({ ...i, cadenceDays: Math.max(1, i.cadenceDays - n) }));
  });

  it('fewer recent or more earlier interactions never raise momentum', () => {
    neverRaises('momentum', (i, n) => ({
      ...i,
      interactionsLast90: Math.max(0, i.interactionsLast90 - n),
    }));
    neverRaises('momentum', (i, n) => ({
      ...i,
      interactionsPrevious90: i.interactionsPrevious90 + n,
    }));
  });

  it('more negative or fewer positive interactions never raise sentiment', () => {
    neverRaises('sentiment', (i, n) => ({
      ...i,
      sentiment: { ...i.sentiment, negative: i.sentiment.negative + n },
    }));
    neverRaises('sentiment', (i, n) => ({
      ...i,
      sentiment: { ...i.sentiment, positive: Math.max(0, i.sentiment.positive - n) },
    }));
  });

  it('another open issue, an older one or a more severe one never raises the issues component', () => {
    neverRaises('issues', (i, n) => ({
      ...i,
      openIssues: [...i.openIssues, { severity: 'critical', ageDays: n }],
    }));
    neverRaises('issues', (i, n) => ({
      ...i,
      openIssues: i.openIssues.map((o) => ({ ...o, ageDays: o.ageDays + n })),
    }));
    neverRaises('issues', (i) => ({
      ...i,
      openIssues: i.openIssues.map((o) => ({
        ...o,
        severity: worseSeverity(o.severity),
      })),
    }));
  });

  it('more late or overdue tasks, or fewer on time, never raise follow-through', () => {
    neverRaises('followThrough', (i, n) => ({
      ...i,
      tasks: { ...i.tasks, late: i.tasks.late + n },
    }));
    neverRaises('followThrough', (i, n) => ({
      ...i,
      tasks: { ...i.tasks, overdue: i.tasks.overdue + n },
    }));
    neverRaises('followThrough', (i, n) => ({
      ...i,
      tasks: { ...i.tasks, onTime: Math.max(0, i.tasks.onTime - n) },
    }));
  });
});
