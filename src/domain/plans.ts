import { z } from 'zod';
import { Actor } from './audit';
import { uuid } from './ids';
import { kpiAggregation, kpiCadence, kpiDirection, kpiUnit } from './kpis';
import { type DiffLine, lineDiff } from './line-diff';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf } from './pagination';
import { PeriodLabel } from './periods';
import { defineMachine } from './state-machine';
import { multiLineText, singleLineText } from './text';

/**
 * Joint business plans (decision 040): one plan per partner and fiscal period, agreed with the
 * partner as numbered versions. The plan row holds the version being worked on; each agreed
 * version is kept as a snapshot, and a plan's changes are shown against the last agreed one.
 */

export const planStatuses = ['draft', 'proposed', 'agreed', 'active', 'closed'] as const;
export const planStatus = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof planStatus>;

/** The statuses in which a plan's version is agreed, so locked: changes need a new version. */
export const lockedPlanStatuses = ['agreed', 'active'] as const satisfies readonly PlanStatus[];

/** Whether a plan in `status` takes edits to its summary and objectives directly. */
export function isEditable(status: PlanStatus): boolean {
  return status === 'draft' || status === 'proposed';
}

/** Whether a plan in `status` may open a new draft version (decision 040). */
export function canRevise(status: PlanStatus): boolean {
  return (lockedPlanStatuses as readonly string[]).includes(status);
}

/** What the plan machine's rules read: who agreed for the partner, and on which day. */
export type PlanMoveFields = { agreedBy?: string | null; agreedOn?: string | null };

/**
 * The plan workflow (decision 040). Agreeing records who agreed for the partner and when, and
 * locks the version; an agreed plan goes back to a draft only as a new version (a revision),
 * never by a move, so the agreed version stays as it was agreed.
 */
export const planMachine = defineMachine<PlanStatus, PlanMoveFields, PlanMoveFields>({
  name: 'plan',
  statuses: planStatuses,
  moves: {
    draft: [{ to: 'proposed' }],
    proposed: [{ to: 'agreed', requires: ['agreedBy', 'agreedOn'] }, { to: 'draft' }],
    agreed: [{ to: 'active' }, { to: 'closed' }],
    active: [{ to: 'closed' }],
    closed: [],
  },
});

/** Who owns an objective: our side, the partner's, or both together. */
export const ownerSides = ['us', 'partner', 'both'] as const;
export const ownerSide = z.enum(ownerSides);
export type OwnerSide = z.infer<typeof ownerSide>;

export const maxObjectives = 50;

/** A calendar date, `YYYY-MM-DD`, never shifted by time zones. */
const dateOnly = z.iso.date({ message: messages.date });

export const PlanObjective = z
  .object({
    text: multiLineText({ min: 1, max: 2000 }).describe('What the partners mean to achieve'),
    ownerSide: ownerSide.describe('Which side owns it: `us`, `partner` or `both`'),
    ownerMemberId: uuid
      .nullable()
      .default(null)
      .describe('The member who owns it on our side, if any'),
    ownerContactId: uuid
      .nullable()
      .default(null)
      .describe('The contact of the plan’s partner who owns it on their side, if any'),
  })
  .strict()
  .meta({ id: 'PlanObjective' });
export type PlanObjective = z.infer<typeof PlanObjective>;
export type PlanObjectiveInput = z.input<typeof PlanObjective>;

const summary = multiLineText({ max: 20_000 }).describe(
  'What the partners mean to achieve together in the period (Markdown, shown as text)',
);
const objectives = z
  .array(PlanObjective)
  .max(maxObjectives, messages.maxItems(maxObjectives))
  .describe(`The plan’s objectives in order, ${maxObjectives} at most`);

/** A new plan, status `draft`, version 1. */
export const PlanCreate = z
  .object({
    partnerId: uuid,
    period: PeriodLabel,
    summary: summary.default(''),
    objectives: objectives.default([]),
    templateId: uuid
      .optional()
      .describe(
        'A plan template (decision 045): the plan starts with its summary, objectives and KPIs instead of `summary` and `objectives`. A partner type’s default template is never applied unasked.',
      ),
    kpiTargets: z
      .array(z.number().nullable())
      .max(50)
      .optional()
      .describe(
        'With `templateId`: the target of the template’s KPI at the same position, in stored units (kpis.ts); null or left out takes the template’s default target, which a KPI without one needs here',
      ),
  })
  .strict()
  .meta({ id: 'PlanCreate' });
export type PlanCreate = z.infer<typeof PlanCreate>;
export type PlanCreateInput = z.input<typeof PlanCreate>;

/**
 * A new draft plan for the same partner from an earlier one: its summary, objectives and KPIs
 * (definitions and owners, not values), with new targets where given.
 */
export const PlanCopy = z
  .object({
    period: PeriodLabel.optional().describe(
      'The new plan’s period; the next one after the plan’s own (FY2027 → FY2028) when left out',
    ),
    targets: z
      .array(
        z
          .object({
            kpiId: uuid.describe('A KPI of the plan copied'),
            target: z.number().describe('Its target in the new plan, in stored units (kpis.ts)'),
          })
          .strict(),
      )
      .max(50)
      .default([])
      .describe('New targets; a KPI left out keeps its target'),
  })
  .strict()
  .meta({ id: 'PlanCopy' });
export type PlanCopy = z.infer<typeof PlanCopy>;
export type PlanCopyInput = z.input<typeof PlanCopy>;

/** A change to a draft or proposed plan: `objectives`, when sent, replace all of them. */
export const PlanUpdate = z
  .object({ summary: summary.optional(), objectives: objectives.optional() })
  .strict()
  .meta({ id: 'PlanUpdate' });
export type PlanUpdate = z.infer<typeof PlanUpdate>;
export type PlanUpdateInput = z.input<typeof PlanUpdate>;

/** A move to another status; agreeing needs who agreed for the partner and on which day. */
export const PlanTransition = z
  .object({
    to: planStatus,
    agreedBy: singleLineText({ min: 1, max: 200 })
      .optional()
      .describe('The partner’s person who agreed the plan; required to agree'),
    agreedOn: dateOnly.optional().describe('The day they agreed it, YYYY-MM-DD; required to agree'),
  })
  .strict()
  .meta({ id: 'PlanTransition' });
export type PlanTransition = z.infer<typeof PlanTransition>;
export type PlanTransitionInput = z.input<typeof PlanTransition>;

/** A plan version's content as agreed: the fields a revision may change. */
export const PlanSnapshot = z
  .object({
    summary: z.string(),
    objectives: z.array(
      z.object({
        text: z.string(),
        ownerSide,
        ownerMemberId: z.uuid().nullable(),
        ownerContactId: z.uuid().nullable(),
      }),
    ),
    kpis: z
      .array(
        z.object({
          name: z.string(),
          unit: kpiUnit,
          currency: z.string().nullable(),
          target: z.number().describe('In the unit’s stored whole numbers (kpis.ts)'),
          baseline: z.number().nullable(),
          direction: kpiDirection,
          cadence: kpiCadence,
          aggregation: kpiAggregation,
        }),
      )
      .describe('The plan’s KPIs in order, as agreed: an agreed target cannot change unseen'),
  })
  .meta({ id: 'PlanSnapshot' });
export type PlanSnapshot = z.infer<typeof PlanSnapshot>;

const timestamp = z.iso.datetime();

/** Who agreed a version for the partner, when, and which member recorded it. */
export const PlanAgreement = z
  .object({
    versionNumber: z.number().int(),
    agreedBy: z.string(),
    agreedOn: z.string().describe('YYYY-MM-DD'),
    agreedAt: timestamp.describe('When the agreement was recorded'),
    recordedById: z.uuid().nullable().describe('The member who recorded it'),
  })
  .meta({ id: 'PlanAgreement' });
export type PlanAgreement = z.infer<typeof PlanAgreement>;

export const Plan = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    period: z.string().describe('The fiscal period, such as FY2027 or FY2027-Q2'),
    status: planStatus,
    summary: z.string(),
    objectives: PlanSnapshot.shape.objectives,
    versionNumber: z.number().int().describe('The plan version being worked on: 1, 2, …'),
    agreedVersionNumber: z
      .number()
      .int()
      .nullable()
      .describe('The last agreed version, null until the first agreement'),
    agreement: PlanAgreement.nullable().describe('The last agreed version’s agreement'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const PlanPage = pageOf(Plan).meta({ id: 'PlanPage' });
export type PlanPage = z.infer<typeof PlanPage>;

export const PlanVersion = PlanAgreement.extend({ snapshot: PlanSnapshot }).meta({
  id: 'PlanVersion',
});
export type PlanVersion = z.infer<typeof PlanVersion>;

export const PlanVersionList = z
  .object({ items: z.array(PlanVersion).describe('Agreed versions, newest first') })
  .meta({ id: 'PlanVersionList' });
export type PlanVersionList = z.infer<typeof PlanVersionList>;

export const planSorts = ['createdAt', '-createdAt', 'period', '-period'] as const;
export const planSort = z.enum(planSorts);
export type PlanSort = z.infer<typeof planSort>;

/** The plans list's query; filters take several values and match any. */
export const PlanListQuery = z
  .object({
    partnerId: multiParam(uuid),
    period: multiParam(PeriodLabel),
    status: multiParam(planStatus),
    sort: planSort.default('-createdAt'),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type PlanListQuery = z.infer<typeof PlanListQuery>;

/** One audit event of a plan: each edit, move, agreement and new version, with who made it. */
export const PlanHistoryEvent = z
  .object({
    id: z.uuid(),
    action: z
      .string()
      .describe(
        '`plan.created`, `plan.updated`, `plan.status_changed`, `plan.agreed`, `plan.revised`…',
      ),
    actor: Actor,
    before: z.unknown().describe('The plan before the change (null on create)'),
    after: z.unknown().describe('The plan after the change'),
    createdAt: timestamp,
  })
  .meta({ id: 'PlanHistoryEvent' });
export type PlanHistoryEvent = z.infer<typeof PlanHistoryEvent>;

export const PlanHistoryPage = pageOf(PlanHistoryEvent).meta({ id: 'PlanHistoryPage' });
export type PlanHistoryPage = z.infer<typeof PlanHistoryPage>;

export const PlanHistoryQuery = z.object({ limit: limitParam, cursor: cursorParam }).strict();
export type PlanHistoryQuery = z.infer<typeof PlanHistoryQuery>;

/** One field that differs between two versions of a plan. */
export const PlanChange = z
  .object({
    field: z.string().describe('The field, as a path: `summary`, `objectives.2.text`…'),
    change: z.enum(['added', 'removed', 'changed']),
    before: z.string().nullable(),
    after: z.string().nullable(),
    lines: z
      .array(z.object({ op: z.enum(['equal', 'removed', 'added']), text: z.string() }))
      .nullable()
      .describe('For text fields, a line diff from before to after'),
  })
  .meta({ id: 'PlanChange' });
export type PlanChange = z.infer<typeof PlanChange>;

export const PlanChanges = z
  .object({
    againstVersionNumber: z
      .number()
      .int()
      .nullable()
      .describe('The agreed version compared with; null before the first agreement'),
    versionNumber: z.number().int().describe('The version being worked on'),
    changes: z.array(PlanChange),
  })
  .meta({ id: 'PlanChanges' });
export type PlanChanges = z.infer<typeof PlanChanges>;

const textFields = new Set(['summary', 'text']);

function changeOf(
  field: string,
  before: string | null,
  after: string | null,
  isText: boolean,
): PlanChange | null {
  if (before === after) return null;
  const change = before === null ? 'added' : after === null ? 'removed' : 'changed';
  const lines: DiffLine[] | null = isText ? lineDiff(before ?? '', after ?? '') : null;
  return { field, change, before, after, lines };
}

const kpiFields = [
  'name',
  'unit',
  'currency',
  'target',
  'baseline',
  'direction',
  'cadence',
  'aggregation',
] as const;

/** A snapshot field as the changes show it: numbers as their digits, null as null. */
const shown = (value: string | number | null): string | null =>
  value === null ? null : String(value);

/**
 * What changed from one version of a plan to another, field by field: the summary, then each
 * objective by position (its text with a line diff, its owner side and owner people), then each
 * KPI by position (`kpis.1.target`; targets in stored units). Snapshots agreed before plans had
 * KPIs have none.
 */
export function planChanges(before: PlanSnapshot, after: PlanSnapshot): PlanChange[] {
  const changes: (PlanChange | null)[] = [changeOf('summary', before.summary, after.summary, true)];
  const count = Math.max(before.objectives.length, after.objectives.length);
  for (let index = 0; index < count; index++) {
    const old = before.objectives[index];
    const now = after.objectives[index];
    for (const key of ['text', 'ownerSide', 'ownerMemberId', 'ownerContactId'] as const) {
      // A whole objective added or removed shows as each of its fields added or removed.
      const from = old ? old[key] : null;
      const to = now ? now[key] : null;
      if (old && now && from === to) continue;
      if (!old && to === null) continue;
      if (!now && from === null) continue;
      changes.push(changeOf(`objectives.${index}.${key}`, from, to, textFields.has(key)) ?? null);
    }
  }
  const beforeKpis = before.kpis ?? [];
  const afterKpis = after.kpis ?? [];
  for (let index = 0; index < Math.max(beforeKpis.length, afterKpis.length); index++) {
    const old = beforeKpis[index];
    const now = afterKpis[index];
    for (const key of kpiFields) {
      const from = old ? shown(old[key]) : null;
      const to = now ? shown(now[key]) : null;
      if (old && now && from === to) continue;
      if (!old && to === null) continue;
      if (!now && from === null) continue;
      changes.push(changeOf(`kpis.${index}.${key}`, from, to, false));
    }
  }
  return changes.filter((change): change is PlanChange => change !== null);
}
