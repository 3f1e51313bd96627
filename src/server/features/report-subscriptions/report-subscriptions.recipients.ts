import type { WorkspaceId } from '../../../domain/ids';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { dbOf } from '../../db/unit-of-work';
import { errors, type FieldError } from '../../http/errors';
import { newId } from '../../ids';
import { partnerContactRefs } from '../contacts/contacts.service';
import { memberAddresses } from '../members/members.service';
import type { NewRecipientRow } from './report-subscriptions.queries';
import { unsubscribeTokenHash } from './report-subscriptions.tokens';
import type { ReportPlan } from './report-subscriptions.view';

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

/** New recipient rows, each with the hash of its own unsubscribe token. */
export function recipientRows(
  ctx: ServiceContext,
  workspaceId: WorkspaceId,
  subscriptionId: string,
  people: Array<{ memberId?: string; contactId?: string }>,
): NewRecipientRow[] {
  return people.map((person) => {
    const id = newId();
    return {
      id,
      workspaceId,
      subscriptionId,
      memberId: person.memberId ?? null,
      contactId: person.contactId ?? null,
      tokenHash: unsubscribeTokenHash(ctx.config.secret, workspaceId, id),
    };
  });
}
