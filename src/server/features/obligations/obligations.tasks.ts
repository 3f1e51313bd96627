import { messages } from '../../../domain/messages';
import {
  isDueOn,
  type ObligationTaskCreate,
  type Schedule,
  taskTitleOf,
} from '../../../domain/obligations';
import type { Task } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { recordAudit } from '../audit/audit.service';
import { createTask } from '../tasks/tasks.service';
import { insertOccurrenceTask, taskOfOccurrence } from './obligations.queries';
import { recordObligationTimeline, visibleObligation } from './obligations.service';

/**
 * Makes a task of one occurrence of an open obligation (decision 058): due that day, for the
 * obligation's owner, about the agreement and its partner. The day must be the obligation's due
 * date or an occurrence of its rule (422 `not_due` naming `occursOn`); one task per occurrence
 * (409 `task_exists`, the obligation locked meanwhile so two at once cannot both pass).
 */
export async function makeOccurrenceTask(
  ctx: ServiceContext,
  scope: Scope,
  agreementId: string,
  id: string,
  input: ObligationTaskCreate,
): Promise<Task> {
  return withTransaction(ctx, async (tx, ctx) => {
    const { agreement, row, obligation } = await visibleObligation(tx, scope, agreementId, id);
    if (row.status !== 'open')
      throw errors.conflict('obligation_closed', messages.obligationClosed, {}, [
        { field: 'occursOn', code: 'obligation_closed', message: messages.obligationClosed },
      ]);
    const schedule: Schedule = { dueOn: row.dueOn, rrule: row.rrule, startsOn: row.startsOn };
    if (!isDueOn(schedule, input.occursOn))
      throw errors.unprocessable('not_due', messages.obligationNotDue, [
        { field: 'occursOn', code: 'not_due', message: messages.obligationNotDue },
      ]);
    if (await taskOfOccurrence(tx, scope, id, input.occursOn))
      throw errors.conflict('task_exists', messages.obligationTaskExists, {}, [
        { field: 'occursOn', code: 'task_exists', message: messages.obligationTaskExists },
      ]);
    const task = await createTask(ctx, scope, {
      title: input.title ?? taskTitleOf(row.description),
      description: row.description,
      assigneeId: row.ownerId,
      dueDate: input.occursOn,
      partnerId: agreement.row.partnerId,
      subjectType: 'agreement',
      subjectId: agreementId,
      priority: 'normal',
      visibility: 'internal',
    });
    await insertOccurrenceTask(tx, {
      workspaceId: scope.workspaceId,
      obligationId: id,
      occursOn: input.occursOn,
      taskId: task.id,
    });
    await recordAudit(tx, ctx, scope, {
      action: 'obligation.task_made',
      entityType: 'obligation',
      entityId: id,
      partnerId: agreement.row.partnerId,
      after: { occursOn: input.occursOn, taskId: task.id },
    });
    await recordObligationTimeline(tx, scope, agreement, obligation, 'obligation_task', {
      occursOn: input.occursOn,
    });
    return task;
  });
}
