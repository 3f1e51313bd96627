import type { InteractionTasksCreate } from '../../../domain/interactions';
import type { Task } from '../../../domain/tasks';
import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { withTransaction } from '../../db/unit-of-work';
import { errors } from '../../http/errors';
import { createTask } from '../tasks/tasks.service';
import { getInteraction } from './interactions.service';

const maxTitle = 300;

/**
 * Makes tasks of an interaction's next steps in one transaction (all or none): each titled by its
 * step, at the interaction's partner, linked to the interaction, internal.
 */
export async function tasksFromNextSteps(
  ctx: ServiceContext,
  scope: Scope,
  id: string,
  input: InteractionTasksCreate,
): Promise<{ items: Task[] }> {
  return withTransaction(ctx, async (_tx, ctx) => {
    const interaction = await getInteraction(ctx, scope, id);
    const positions = input.steps ?? interaction.nextSteps.map((_, i) => i);
    const missing = positions.findIndex((i) => i >= interaction.nextSteps.length);
    if (missing >= 0)
      throw errors.unprocessable('no_such_step', 'The interaction has no such next step', [
        { field: `steps.${missing}`, code: 'no_such_step', message: 'No such next step' },
      ]);
    if (positions.length === 0)
      throw errors.unprocessable('no_next_steps', 'The interaction has no next steps', [
        { field: 'steps', code: 'no_next_steps', message: 'No next steps to make tasks of' },
      ]);
    const items: Task[] = [];
    for (const position of [...new Set(positions)]) {
      const step = interaction.nextSteps[position] ?? '';
      items.push(
        await createTask(ctx, scope, {
          title: step.length > maxTitle ? `${step.slice(0, maxTitle - 1)}…` : step,
          assigneeId: input.assigneeId ?? null,
          dueDate: input.dueDate ?? null,
          priority: 'normal',
          visibility: 'internal',
          partnerId: interaction.partnerId,
          subjectType: 'interaction',
          subjectId: interaction.id,
        }),
      );
    }
    return { items };
  });
}
