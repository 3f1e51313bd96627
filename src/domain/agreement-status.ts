import { z } from 'zod';
import type { Role } from './roles';
import { allowedNext, defineMachine } from './state-machine';

/**
 * The agreement's status machine (decision 048): the statuses, the moves between them, which
 * moves belong to another part of Tandem rather than a person, and what each status allows.
 */

export const agreementStatuses = [
  'draft',
  'in_negotiation',
  'pending_signature',
  'active',
  'expiring',
  'expired',
  'terminated',
  'renewed',
] as const;
export const agreementStatus = z.enum(agreementStatuses);
export type AgreementStatus = z.infer<typeof agreementStatus>;

/**
 * The agreement workflow. Negotiation may go back to a draft and a pending signature back to
 * negotiation (the text changes again); an agreement in force ends by termination, by running
 * out (expiring, then expired) or by being renewed into its next term.
 */
export const agreementMachine = defineMachine<AgreementStatus>({
  name: 'agreement',
  statuses: agreementStatuses,
  moves: {
    draft: [{ to: 'in_negotiation' }],
    in_negotiation: [{ to: 'pending_signature' }, { to: 'draft' }],
    pending_signature: [{ to: 'active' }, { to: 'in_negotiation' }],
    active: [{ to: 'expiring' }, { to: 'terminated' }, { to: 'renewed' }],
    expiring: [{ to: 'expired' }, { to: 'terminated' }, { to: 'renewed' }],
    expired: [],
    terminated: [],
    renewed: [],
  },
});

/** The parts of Tandem that own a move: the people's buttons never make these. */
export const moveOwners = ['signatures', 'renewal_sweep', 'renewal_decision'] as const;
export type MoveOwner = (typeof moveOwners)[number];

/**
 * Moves that another part of Tandem makes, not a button (decision 048): the signatures make an
 * agreement active when everyone has signed, the daily sweep moves it to expiring and expired by
 * its dates, and a renewal decision renews it. Through the API they are refused (409
 * `transition_reserved`), except that an admin may record an agreement signed outside Tandem.
 */
export const reservedMoves: Readonly<
  Record<string, { owner: MoveOwner; admins: boolean } | undefined>
> = {
  'pending_signature>active': { owner: 'signatures', admins: true },
  'active>expiring': { owner: 'renewal_sweep', admins: false },
  'expiring>expired': { owner: 'renewal_sweep', admins: false },
  'active>renewed': { owner: 'renewal_decision', admins: false },
  'expiring>renewed': { owner: 'renewal_decision', admins: false },
};

/** Who owns a move when a person may not make it, or null when `role` may make it by hand. */
export function reservedFor(
  from: AgreementStatus,
  to: AgreementStatus,
  role: Role | null,
): MoveOwner | null {
  const reserved = reservedMoves[`${from}>${to}`];
  if (!reserved) return null;
  return reserved.admins && role === 'admin' ? null : reserved.owner;
}

/** The moves a person with `role` may make by hand from `status`: the web app's buttons. */
export function manualMoves(status: AgreementStatus, role: Role | null): AgreementStatus[] {
  return allowedNext(agreementMachine, status).filter((to) => !reservedFor(status, to, role));
}

/** Whether an agreement's terms (dates, value, parties, signers) may still change. */
export function termsEditable(status: AgreementStatus): boolean {
  return status === 'draft' || status === 'in_negotiation';
}

/** Whether an agreement has ended: nothing about it changes any more. */
export function isClosed(status: AgreementStatus): boolean {
  return status === 'expired' || status === 'terminated' || status === 'renewed';
}

/** A move to another status. */
export const AgreementTransition = z
  .object({ to: agreementStatus })
  .strict()
  .meta({ id: 'AgreementTransition' });
export type AgreementTransition = z.infer<typeof AgreementTransition>;
