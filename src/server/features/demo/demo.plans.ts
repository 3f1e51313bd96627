import type { Faker } from '@faker-js/faker';
import type { KpiCreate } from '../../../domain/kpis';
import {
  dateAt,
  type FiscalSettings,
  formatPeriod,
  type MeasurementKind,
  type Period,
  periodAt,
  periodRange,
  previousPeriod,
  subPeriods,
} from '../../../domain/periods';
import type { PlanObjective, PlanStatus } from '../../../domain/plans';
import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import {
  type MeasurementInput,
  planForMeasurements,
  recordMeasurements,
} from '../kpis/kpis.measurements';
import { refreshWorkspaceKpis } from '../kpis/kpis.refresh';
import { createKpi } from '../kpis/kpis.service';
import { createPlan, transitionPlan } from '../plans/plans.service';
import { DEMO_SEED } from './demo.catalog';
import type { ContactRow, PartnerRow } from './demo.generate';

/** How a partner is doing against its plan: the share of its targets it reaches. */
export type Standing = 'on_track' | 'at_risk' | 'off_track';

export type DemoKpi = { definition: KpiCreate; measurements: Array<[string, number]> };

export type DemoPlan = {
  partnerId: string;
  period: string;
  /** The status the plan ends in; the loader walks it there through the plan machine. */
  status: PlanStatus;
  summary: string;
  objectives: PlanObjective[];
  agreedBy: string | null;
  agreedOn: string | null;
  kpis: DemoKpi[];
};

export type PlanOptions = {
  partners: PartnerRow[];
  contacts: ContactRow[];
  settings: FiscalSettings;
  now: Date;
};

/** A KPI the demo plans choose from: its definition for a yearly target of `size` (0 to 1). */
type KpiTemplate = {
  name: string;
  make: (size: number, currency: string) => Omit<KpiCreate, 'ownerMemberId' | 'ownerContactId'>;
};

const round = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

/** Revenue always comes first; the others are drawn, so plans mix units, directions and aggregations. */
const revenue: KpiTemplate = {
  name: 'Partner-sourced revenue',
  make: (size, currency) => ({
    name: 'Partner-sourced revenue',
    unit: 'currency',
    currency,
    target: round(120_000 + size * 2_280_000, 10_000) * 100,
    baseline: null,
    direction: 'higher',
    cadence: 'monthly',
    aggregation: 'sum',
    source: 'manual',
  }),
};

const otherKpis: KpiTemplate[] = [
  {
    name: 'Deals closed',
    make: (size) => ({
      name: 'Deals closed',
      unit: 'count',
      currency: null,
      target: round(12 + size * 108, 6),
      baseline: null,
      direction: 'higher',
      cadence: 'monthly',
      aggregation: 'sum',
      source: 'manual',
    }),
  },
  {
    name: 'Win rate',
    make: (size) => {
      const target = round(2500 + size * 2000, 100);
      return {
        name: 'Win rate',
        unit: 'percent',
        currency: null,
        target,
        baseline: target - 600,
        direction: 'higher',
        cadence: 'quarterly',
        aggregation: 'average',
        source: 'manual',
      };
    },
  },
  {
    name: 'First response time',
    make: (size) => {
      const target = round((24 - size * 20) * 3600, 1800);
      return {
        name: 'First response time',
        unit: 'duration',
        currency: null,
        target,
        baseline: Math.round(target * 1.6),
        direction: 'lower',
        cadence: 'monthly',
        aggregation: 'average',
        source: 'manual',
      };
    },
  },
  {
    name: 'Certified engineers',
    make: (size) => {
      const target = round(6 + size * 24, 1);
      return {
        name: 'Certified engineers',
        unit: 'count',
        currency: null,
        target,
        baseline: Math.floor(target / 3),
        direction: 'higher',
        cadence: 'quarterly',
        aggregation: 'last',
        source: 'manual',
      };
    },
  },
];

export const summaries = [
  'Grow co-sell pipeline in our shared accounts and make the partnership a reliable revenue line.',
  'Deepen the integration, certify more of their engineers and win together in new segments.',
  'Turn referrals into a steady flow of qualified deals with faster responses on both sides.',
  'Expand into two new regions with joint campaigns and a shared enablement plan.',
];

export const objectiveTexts = [
  'Run two joint campaigns each quarter',
  'Certify the partner’s solution engineers on the current release',
  'Hold a quarterly business review with both executive sponsors',
  'Publish the integration on the marketplace',
  'Agree a joint account list for the top 50 targets',
  'Answer every partner deal registration within one business day',
];

export const currencyOf = (country: string | null) =>
  ['DE', 'FR', 'NL', 'ES', 'IE', 'IT'].includes(country ?? '')
    ? 'EUR'
    : country === 'GB'
      ? 'GBP'
      : 'USD';

/** The month or quarter labels of `year` whose values are in by `today` (the period has ended). */
function periodsSoFar(
  year: Period,
  kind: MeasurementKind,
  settings: FiscalSettings,
  today: string,
) {
  return subPeriods(year, kind).filter((p) => periodRange(p, settings).endExclusive <= today);
}

/**
 * One KPI's values over its periods: the plan's targets reached at `level` (1 is on target), with
 * noise, and for a slipping partner a level that falls through the year, so its trend points down.
 */
function valuesOf(
  faker: Faker,
  kpi: KpiCreate,
  periods: string[],
  perYear: number,
  level: number,
  slope: number,
): Array<[string, number]> {
  return periods.map((period, i) => {
    const f = Math.max(
      0.05,
      level + slope * (i / perYear) + faker.number.float({ min: -0.04, max: 0.04 }),
    );
    const start = kpi.baseline ?? 0;
    let value: number;
    if (kpi.aggregation === 'sum')
      value = (kpi.target / perYear) * f * (0.9 + 0.2 * faker.number.float());
    else if (kpi.aggregation === 'last')
      value = start + (kpi.target - start) * f * ((i + 1) / perYear);
    else value = start + (kpi.target - start) * f;
    return [period, Math.max(0, Math.round(value))];
  });
}

/**
 * The demo's joint business plans (issue 9): last fiscal year's, closed, for partners with a past,
 * and this year's in every status, each with two to five KPIs and their values so far. Partners
 * at risk slip this year after an on-target last year; most others are on track, some behind.
 * Drawn from their own seeded faker, so the same partners always give the same plans.
 */
export async function generateDemoPlans(options: PlanOptions): Promise<DemoPlan[]> {
  const { base, en, Faker } = await import('@faker-js/faker');
  const faker = new Faker({ locale: [en, base] });
  faker.seed(DEMO_SEED + 2);
  const { settings, now } = options;
  const today = dateAt(now.getTime(), settings.timeZone);
  const thisYear = periodAt(now.getTime(), 'year', settings);
  const lastYear = previousPeriod(thisYear);
  const contactsOf = new Map<string, ContactRow[]>();
  for (const c of options.contacts)
    contactsOf.set(c.partnerId, [...(contactsOf.get(c.partnerId) ?? []), c]);

  const plans: DemoPlan[] = [];
  for (const partner of options.partners) {
    if (partner.archivedAt) continue;
    const contacts = contactsOf.get(partner.id) ?? [];
    const sponsor = contacts[0] ? `${contacts[0].firstName} ${contacts[0].lastName}` : null;
    const standing: Standing =
      partner.stage === 'at_risk'
        ? 'off_track'
        : faker.helpers.weightedArrayElement([
            { weight: 84, value: 'on_track' as const },
            { weight: 12, value: 'at_risk' as const },
            { weight: 4, value: 'off_track' as const },
          ]);
    const size = faker.number.float();
    const currency = currencyOf(partner.country);
    const count = faker.number.int({ min: 1, max: 4 });
    const templates = [revenue, ...faker.helpers.arrayElements(otherKpis, count)];
    const definitions = templates.map((t) => ({
      ...t.make(size, currency),
      ownerMemberId: partner.ownerId ?? null,
      ownerContactId: contacts[0]?.id ?? null,
    }));
    const plan = (year: Period, status: PlanStatus, level: number, slope: number): DemoPlan => {
      const start = periodRange(year, settings).start;
      const agreed = status !== 'draft' && status !== 'proposed';
      const measured = status === 'agreed' || status === 'active' || status === 'closed';
      return {
        partnerId: partner.id,
        period: formatPeriod(year),
        status,
        summary: faker.helpers.arrayElement(summaries),
        objectives: faker.helpers.arrayElements(objectiveTexts, { min: 1, max: 3 }).map((text) => ({
          text,
          ownerSide: faker.helpers.arrayElement(['us', 'partner', 'both'] as const),
          ownerMemberId: null,
          ownerContactId: null,
        })),
        agreedBy: agreed ? (sponsor ?? 'Partner sponsor') : null,
        // Agreed in the year's first weeks, or a few weeks before the year began.
        agreedOn: agreed
          ? new Date(
              Date.parse(`${start}T00:00:00Z`) +
                faker.number.int({ min: -30, max: 20 }) * 86_400_000,
            )
              .toISOString()
              .slice(0, 10)
          : null,
        kpis: definitions.map((definition) => {
          const kind = definition.cadence === 'monthly' ? 'month' : 'quarter';
          const periods = measured
            ? periodsSoFar(year, kind, settings, today).map(formatPeriod)
            : [];
          const perYear = kind === 'month' ? 12 : 4;
          return {
            definition,
            measurements: valuesOf(faker, definition, periods, perYear, level, slope),
          };
        }),
      };
    };

    // How this year goes: most partners at or above target, some behind, a few far behind.
    const level = { on_track: 1.08 + 0.12 * size, at_risk: 0.87, off_track: 0.62 }[standing];
    const slope = partner.stage === 'at_risk' ? -0.35 : 0;
    const hasPast = ['active', 'at_risk', 'inactive', 'ended'].includes(partner.stage);
    if (hasPast) plans.push(plan(lastYear, 'closed', partner.stage === 'at_risk' ? 1.0 : level, 0));
    if (partner.stage === 'prospect') {
      if (faker.number.float() < 0.6) plans.push(plan(thisYear, 'draft', level, 0));
    } else if (partner.stage === 'onboarding') {
      plans.push(plan(thisYear, faker.number.float() < 0.5 ? 'proposed' : 'agreed', level, 0));
    } else if (partner.stage === 'active') {
      plans.push(plan(thisYear, faker.number.float() < 0.85 ? 'active' : 'agreed', level, slope));
    } else if (partner.stage === 'at_risk') {
      plans.push(plan(thisYear, 'active', 0.85, slope));
    }
  }
  return plans;
}

/** The plan machine's moves from a new draft to `status`. */
const pathTo: Record<PlanStatus, PlanStatus[]> = {
  draft: [],
  proposed: ['proposed'],
  agreed: ['proposed', 'agreed'],
  active: ['proposed', 'agreed', 'active'],
  closed: ['proposed', 'agreed', 'active', 'closed'],
};

/**
 * Writes the plans through the plans and KPIs services, as people would: the draft with its
 * KPIs, the moves to its status (agreeing records who and when), and the values once agreed,
 * before a past plan closes. Progress is then computed for the demo's `now`.
 */
export async function importDemoPlans(
  ctx: TxContext,
  scope: Scope,
  plans: DemoPlan[],
  now: Date,
  onProgress: (written: number) => void,
): Promise<void> {
  for (const spec of plans) {
    let plan = await createPlan(ctx, scope, {
      partnerId: spec.partnerId,
      period: spec.period,
      summary: spec.summary,
      objectives: spec.objectives,
    });
    for (const kpi of spec.kpis) await createKpi(ctx, scope, plan.id, kpi.definition);
    let written = 0;
    for (const to of pathTo[spec.status]) {
      if (to === 'closed') written += await record(plan.id, spec);
      // KPI writes move the plan's version on; nothing else writes it inside this transaction.
      plan = await transitionPlan(ctx, scope, plan.id, '*', {
        to,
        ...(to === 'agreed'
          ? { agreedBy: spec.agreedBy ?? '', agreedOn: spec.agreedOn ?? '' }
          : {}),
      });
    }
    if (spec.status === 'agreed' || spec.status === 'active')
      written += await record(plan.id, spec);
    onProgress(1 + spec.kpis.length + written);
  }
  await refreshWorkspaceKpis(ctx.tx, scope.workspaceId, now);

  async function record(planId: string, spec: DemoPlan): Promise<number> {
    const { kpiRows } = await planForMeasurements(ctx.tx, scope, planId);
    const items: MeasurementInput[] = spec.kpis.flatMap((kpi, i) => {
      const id = kpiRows[i]?.id ?? '';
      return kpi.measurements.map(([period, value]) => ({ kpiId: id, period, value }));
    });
    if (items.length > 0) await recordMeasurements(ctx, scope, planId, items);
    return items.length;
  }
}
