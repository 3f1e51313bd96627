import { z } from 'zod';
import {
  KpiCreate,
  kpiAggregation,
  kpiCadence,
  kpiDirection,
  kpiUnit,
  maxKpisPerPlan,
} from './kpis';
import { messages } from './messages';
import { partnerType } from './partners';
import { PlanCreate, PlanSnapshot } from './plans';
import { singleLineText } from './text';

/**
 * Plan templates (issue 9, decision 045): a summary, objectives and KPI definitions a new plan
 * starts from, per partner type. The pieces are the plan's and the KPI's own schemas, so a
 * template holds nothing a plan would refuse; a KPI's target may be left for each plan to set.
 */

const name = singleLineText({ min: 1, max: 200 }).describe('What the template is for');

/** A KPI as a template defines it: a plan's KPI without values, owners or, maybe, a target. */
export const TemplateKpi = KpiCreate.pick({
  name: true,
  unit: true,
  currency: true,
  baseline: true,
  direction: true,
  cadence: true,
  aggregation: true,
})
  .extend({
    target: KpiCreate.shape.target
      .nullable()
      .default(null)
      .describe('The default target in stored units (kpis.ts); null leaves it to each plan'),
  })
  .strict()
  .meta({ id: 'TemplateKpi' });
export type TemplateKpi = z.infer<typeof TemplateKpi>;
export type TemplateKpiInput = z.input<typeof TemplateKpi>;

const kpis = z
  .array(TemplateKpi)
  .max(maxKpisPerPlan, messages.maxItems(maxKpisPerPlan))
  .describe(`The KPIs a plan made from it starts with, in order, ${maxKpisPerPlan} at most`);

const isDefault = z
  .boolean()
  .describe(
    'Whether the new-plan form offers it first for partners of its type; one default per type, and making one the default takes it from the other',
  );

export const PlanTemplateCreate = z
  .object({
    name,
    partnerType: partnerType.describe('The partner type it is made for'),
    isDefault: isDefault.default(false),
    summary: PlanCreate.shape.summary,
    objectives: PlanCreate.shape.objectives.describe(
      'The objectives a plan starts with; an owner on our side may be named, the partner’s side not (a template has no partner)',
    ),
    kpis: kpis.default([]),
  })
  .strict()
  .meta({ id: 'PlanTemplateCreate' });
export type PlanTemplateCreate = z.infer<typeof PlanTemplateCreate>;
export type PlanTemplateCreateInput = z.input<typeof PlanTemplateCreate>;

/** A change to a template; `objectives` and `kpis`, when sent, replace all of them. */
export const PlanTemplateUpdate = z
  .object({
    name: name.optional(),
    partnerType: partnerType.optional(),
    isDefault: isDefault.optional(),
    summary: PlanCreate.shape.summary.unwrap().optional(),
    objectives: PlanCreate.shape.objectives.unwrap().optional(),
    kpis: kpis.optional(),
    archived: z
      .boolean()
      .optional()
      .describe('Archiving takes it out of the new-plan form (and ends it being the default)'),
  })
  .strict()
  .meta({ id: 'PlanTemplateUpdate' });
export type PlanTemplateUpdate = z.infer<typeof PlanTemplateUpdate>;
export type PlanTemplateUpdateInput = z.input<typeof PlanTemplateUpdate>;

const timestamp = z.iso.datetime();

export const PlanTemplate = z
  .object({
    id: z.uuid(),
    name: z.string(),
    partnerType,
    isDefault: z.boolean(),
    summary: z.string(),
    objectives: PlanSnapshot.shape.objectives,
    kpis: z.array(
      z.object({
        name: z.string(),
        unit: kpiUnit,
        currency: z.string().nullable(),
        target: z.number().nullable(),
        baseline: z.number().nullable(),
        direction: kpiDirection,
        cadence: kpiCadence,
        aggregation: kpiAggregation,
      }),
    ),
    archivedAt: timestamp.nullable().describe('When it was archived; null while in use'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'PlanTemplate' });
export type PlanTemplate = z.infer<typeof PlanTemplate>;

export const PlanTemplateList = z
  .object({
    items: z.array(PlanTemplate).describe('By partner type, the default first, then name'),
  })
  .meta({ id: 'PlanTemplateList' });
export type PlanTemplateList = z.infer<typeof PlanTemplateList>;

export const PlanTemplateListQuery = z
  .object({
    partnerType: partnerType.optional().describe('Only templates made for this partner type'),
    archived: z
      .enum(['false', 'true', 'any'])
      .default('false')
      .describe('`false` (default): templates in use; `true`: archived ones; `any`: both'),
  })
  .strict();
export type PlanTemplateListQuery = z.infer<typeof PlanTemplateListQuery>;

/** A workspace keeps this many templates at most, archived ones included. */
export const maxPlanTemplates = 200;
