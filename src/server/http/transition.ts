import { checkTransition, type StateMachine } from '../../domain/state-machine';
import { errors } from './errors';

/**
 * Refuses a status move its machine does not allow: 409 `invalid_transition` naming the
 * allowed next statuses, or 422 `field_required` naming the field the move needs.
 */
export function assertTransition<S extends string, R, C>(
  machine: StateMachine<S, R, C>,
  from: S,
  to: S,
  record: R,
  change: C,
): void {
  const check = checkTransition(machine, from, to, record, change);
  if (check.ok) return;
  if (check.reason === 'field_required') throw errors.transitionFieldRequired(check.field, to);
  throw errors.invalidTransition(
    from,
    to,
    check.allowed,
    check.reason === 'guard' ? `Cannot move from ${from} to ${to}: ${check.rule}` : undefined,
  );
}
