import {
  isScheduleProblem,
  type ReportSchedule,
  type ReportSubscriptionCreate,
  scheduleOf,
} from '../../../domain/report-subscriptions';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberAddresses } from '../members/members.service';
import { planOf, type ReportPlan } from './report-subscriptions.view';

/** What a subscription request asks, checked before anything is written: 422 naming the field. */

export const filtersNotAllowed = () =>
  errors.unprocessable('filters_not_allowed', 'A scorecard takes no filters', [
    {
      field: 'filters',
      code: 'filters_not_allowed',
      message: 'Only the portfolio report is filtered',
    },
  ]);

export function scheduleFrom(fields: Parameters<typeof scheduleOf>[0]): ReportSchedule {
  const schedule = scheduleOf(fields);
  if (isScheduleProblem(schedule)) {
    const { field, message } = schedule;
    throw errors.unprocessable('invalid_schedule', `${field}: ${message}`, [
      { field, code: 'invalid_schedule', message },
    ]);
  }
  return schedule;
}

/** A scorecard's plan (required, the caller's, no filters); the portfolio report names none. */
export async function checkedPlan(
  ctx: ServiceContext,
  scope: Scope,
  input: ReportSubscriptionCreate,
): Promise<ReportPlan> {
  if (input.kind !== 'scorecard') {
    if (input.planId)
      throw errors.unprocessable('plan_not_allowed', 'The portfolio report names no plan', [
        { field: 'planId', code: 'plan_not_allowed', message: 'Only a scorecard names a plan' },
      ]);
    return null;
  }
  if (!input.planId)
    throw errors.unprocessable('plan_required', 'A scorecard names its plan', [
      { field: 'planId', code: 'required', message: 'Choose the plan' },
    ]);
  const plan = await planOf(ctx, scope, input.planId);
  if (!plan) throw errors.invalidReference('planId', 'plan');
  if (input.filters && Object.keys(input.filters).length > 0) throw filtersNotAllowed();
  return plan;
}

/**
 * The recipients a request names, checked in the caller's scope: members of the workspace, and
 * contacts of the scorecard's partner only. Out of scope or nowhere, the answer is one 422
 * naming the field.
 */
export async function checkedRecipients(
  ctx: ServiceContext,
  scope: Scope,
  plan: ReportPlan,
  input: { memberIds: string[]; contactIds: string[] },
  fields: { members: (i: number) => string; contacts: (i: number) => string },
) {
  const db = dbOf(ctx);
  const problems: FieldError[] = [];
  const members = await memberAddresses(db, scope, input.memberIds);
  input.memberIds.forEach((id, i) => {
    if (!members.has(id)) {
      problems.push({
        field: fields.members(i),
        code: 'invalid_reference',
        message: 'Not a member of this workspace',
      });
    }
  });
  if (input.contactIds.length > 0 && !plan) {
    problems.push({
      field: fields.contacts(0),
      code: 'contact_not_allowed',
      message: "Only a scorecard goes to contacts, those of the plan's partner",
    });
  } else if (plan) {
    const found = new Set(
      (await partnerContactRefs(db, scope, plan.partnerId, { ids: input.contactIds })).map(
        (c) => c.id,
      ),
    );
    input.contactIds.forEach((id, i) => {
      if (!found.has(id)) {
        problems.push({
          field: fields.contacts(i),
          code: 'invalid_reference',
          message: `Not a contact of ${plan.partnerName}`,
        });
      }
    });
  }
  if (problems.length > 0) {
    throw errors.unprocessable(
      problems[0]?.code === 'contact_not_allowed' ? 'contact_not_allowed' : 'invalid_reference',
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      problems,
    );
  }
}
