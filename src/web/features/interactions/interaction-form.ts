import type { InteractionKind, Sentiment } from '../../../domain/interactions';
import { instantOfLocalInput, localInputOf } from '../../../domain/time-zones';
import type { Visibility } from '../../../domain/timeline';
import { browserTimeZone } from '../../lib/time-zones';
import type { Interaction, InteractionCreateBody, InteractionDraft } from './interactions.api';

export type InteractionFormValues = {
  kind: string;
  when: string;
  timeZone: string;
  durationMinutes: string;
  summary: string;
  outcome: string;
  sentiment: string;
  visibility: string;
  nextSteps: string;
  memberIds: string[];
  contactIds: string[];
};

/** The form's values for a new interaction, a dropped file's draft, or an existing one. */
export function interactionFormValues(
  from?: Interaction | InteractionDraft,
): InteractionFormValues {
  const timeZone = from?.timeZone ?? browserTimeZone();
  const occurredAt = from?.occurredAt ?? new Date().toISOString();
  const full = from && 'nextSteps' in from ? from : undefined;
  return {
    kind: from?.kind ?? 'meeting',
    when: localInputOf(occurredAt, timeZone),
    timeZone,
    durationMinutes: from?.durationMinutes == null ? '' : String(from.durationMinutes),
    summary: from?.summary ?? '',
    outcome: full?.outcome ?? '',
    sentiment: full?.sentiment ?? '',
    visibility: full?.visibility ?? 'internal',
    nextSteps: full?.nextSteps.join('\n') ?? '',
    memberIds: from?.members.map((m) => m.id) ?? [],
    contactIds: from?.contacts.map((c) => c.id) ?? [],
  };
}

/** The body the form sends (without the partner, which the create adds). */
export function interactionBody(
  values: InteractionFormValues,
): Omit<InteractionCreateBody, 'partnerId'> {
  const duration = values.durationMinutes.trim();
  return {
    kind: values.kind as InteractionKind,
    occurredAt: instantOfLocalInput(values.when, values.timeZone) ?? values.when,
    timeZone: values.timeZone,
    durationMinutes: duration === '' ? null : Number(duration),
    summary: values.summary,
    outcome: values.outcome.trim() === '' ? null : values.outcome,
    sentiment: values.sentiment === '' ? null : (values.sentiment as Sentiment),
    visibility: values.visibility as Visibility,
    nextSteps: values.nextSteps
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    memberIds: values.memberIds,
    contactIds: values.contactIds,
  };
}
