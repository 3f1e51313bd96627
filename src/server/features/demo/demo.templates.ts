import type { PartnerType } from '../../../domain/partners';
import type { PlanTemplate, TemplateKpi } from '../../../domain/plan-templates';
import type { Scope } from '../../access/scope';
import type { TxContext } from '../../context';
import { planTemplates } from '../../db/schema';
import { newId } from '../../ids';
import { recordAudits } from '../audit/audit.service';
import { toPlanTemplate } from '../plan-templates/plan-templates.service';

type DemoTemplate = Pick<PlanTemplate, 'name' | 'summary' | 'objectives'> & { kpis: TemplateKpi[] };

const objective = (text: string, ownerSide: 'us' | 'partner' | 'both') => ({
  text,
  ownerSide,
  ownerMemberId: null,
  ownerContactId: null,
});

const kpi = (name: string, over: Partial<TemplateKpi> = {}): TemplateKpi => ({
  name,
  unit: 'count',
  currency: null,
  target: null,
  baseline: null,
  direction: 'higher',
  cadence: 'quarterly',
  aggregation: 'sum',
  ...over,
});

const revenue = kpi('Partner-sourced revenue', {
  unit: 'currency',
  currency: 'EUR',
  target: 50_000_000,
  cadence: 'monthly',
});

/** One small template per partner type, the default of its type (decision 045). */
const catalog: Record<PartnerType, DemoTemplate> = {
  technology: {
    name: 'Technology partner plan',
    summary: 'Build, certify and co-sell an integration with the partner’s product.',
    objectives: [
      objective('Ship and certify the integration', 'both'),
      objective('Train the partner’s engineers', 'us'),
    ],
    kpis: [revenue, kpi('Certified engineers', { aggregation: 'last', target: 10 })],
  },
  reseller: {
    name: 'Reseller plan',
    summary: 'Grow resale revenue with enablement, joint pipeline reviews and deal registration.',
    objectives: [
      objective('Enable the sales team', 'us'),
      objective('Review pipeline monthly', 'both'),
    ],
    kpis: [revenue, kpi('Deals closed')],
  },
  referral: {
    name: 'Referral plan',
    summary: 'Turn the partner’s introductions into qualified opportunities.',
    objectives: [objective('Agree the referral process and fees', 'both')],
    kpis: [kpi('Qualified referrals', { target: 40 })],
  },
  strategic_alliance: {
    name: 'Strategic alliance plan',
    summary: 'Align roadmaps and executive sponsorship for a joint offer.',
    objectives: [
      objective('Hold a quarterly executive review', 'both'),
      objective('Launch the joint offer', 'both'),
    ],
    kpis: [revenue, kpi('Joint customers', { aggregation: 'last' })],
  },
  co_marketing: {
    name: 'Co-marketing plan',
    summary: 'Run joint campaigns and events that generate shared pipeline.',
    objectives: [objective('Run two joint campaigns', 'both')],
    kpis: [kpi('Marketing-qualified leads', { cadence: 'monthly', target: 600 })],
  },
  supplier: {
    name: 'Supplier plan',
    summary: 'Keep supply reliable and costs predictable.',
    objectives: [objective('Agree service levels', 'partner')],
    kpis: [
      kpi('Average response time', {
        unit: 'duration',
        direction: 'lower',
        aggregation: 'average',
        cadence: 'monthly',
        target: 4 * 3600,
      }),
    ],
  },
  distributor: {
    name: 'Distributor plan',
    summary: 'Extend reach through the distributor’s resellers.',
    objectives: [objective('Recruit new resellers in the region', 'partner')],
    kpis: [revenue, kpi('Active resellers', { aggregation: 'last' })],
  },
  other: {
    name: 'Partnership plan',
    summary: 'What the partners mean to achieve together this period.',
    objectives: [objective('Agree the plan’s goals', 'both')],
    kpis: [],
  },
};

/** The demo's plan templates, one insert and one audit batch for all of them. */
export async function importDemoTemplates(ctx: TxContext, scope: Scope, now: Date) {
  const rows = await ctx.tx
    .insert(planTemplates)
    .values(
      Object.entries(catalog).map(([partnerType, template]) => ({
        id: newId(),
        workspaceId: scope.workspaceId,
        partnerType,
        isDefault: true,
        ...template,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  await recordAudits(
    ctx.tx,
    ctx,
    scope,
    rows.map((row) => ({
      action: 'plan_template.created',
      entityType: 'plan_template',
      entityId: row.id,
      after: toPlanTemplate(row),
      at: now,
    })),
  );
  return rows.length;
}
