import { describe, expect, it } from 'vitest';
import {
  AgreementCreate,
  type AgreementStatus,
  agreementMachine,
  agreementStatuses,
  manualMoves,
  reservedFor,
  termsProblems,
} from './agreements';
import { allowedNext, checkTransition } from './state-machine';

/** Every move the machine allows, as `from>to`; every other pair of statuses is refused. */
const allowed = new Set([
  'draft>in_negotiation',
  'in_negotiation>pending_signature',
  'in_negotiation>draft',
  'pending_signature>active',
  'pending_signature>in_negotiation',
  'active>expiring',
  'active>terminated',
  'active>renewed',
  'expiring>expired',
  'expiring>terminated',
  'expiring>renewed',
]);

/** Moves another part of Tandem makes, and whether an admin may make them by hand. */
const reserved: Record<string, { owner: string; admins: boolean }> = {
  'pending_signature>active': { owner: 'signatures', admins: true },
  'active>expiring': { owner: 'renewal_sweep', admins: false },
  'expiring>expired': { owner: 'renewal_sweep', admins: false },
  'active>renewed': { owner: 'renewal_decision', admins: false },
  'expiring>renewed': { owner: 'renewal_decision', admins: false },
};

const pairs = agreementStatuses.flatMap((from) =>
  agreementStatuses.filter((to) => to !== from).map((to) => [from, to] as const),
);

describe('the agreement machine', () => {
  it.each(pairs)('%s → %s is allowed exactly when the table lists it', (from, to) => {
    const check = checkTransition(agreementMachine, from, to, {}, {});
    if (allowed.has(`${from}>${to}`)) expect(check).toEqual({ ok: true });
    else
      expect(check).toEqual({
        ok: false,
        reason: 'not_allowed',
        from,
        to,
        allowed: allowedNext(agreementMachine, from),
      });
  });

  it('covers every allowed move in the expected list, and no status moves to itself', () => {
    const listed = agreementStatuses.flatMap((from) =>
      allowedNext(agreementMachine, from).map((to) => `${from}>${to}`),
    );
    expect(new Set(listed)).toEqual(allowed);
    for (const status of agreementStatuses)
      expect(checkTransition(agreementMachine, status, status, {}, {}).ok).toBe(false);
  });

  it('ends in expired, terminated and renewed', () => {
    for (const status of ['expired', 'terminated', 'renewed'] as AgreementStatus[])
      expect(allowedNext(agreementMachine, status)).toEqual([]);
  });

  it.each([...allowed])(
    '%s is reserved for another part of Tandem exactly as decision 048 says',
    (pair) => {
      const [from, to] = pair.split('>') as [AgreementStatus, AgreementStatus];
      const rule = reserved[pair];
      for (const role of ['admin', 'manager', 'member', 'viewer', null] as const) {
        const owner = reservedFor(from, to, role);
        if (!rule) expect(owner, String(role)).toBeNull();
        else if (rule.admins && role === 'admin') expect(owner).toBeNull();
        else expect(owner, String(role)).toBe(rule.owner);
      }
    },
  );

  it('offers people only the moves they may make by hand', () => {
    expect(manualMoves('draft', 'member')).toEqual(['in_negotiation']);
    expect(manualMoves('in_negotiation', 'member')).toEqual(['pending_signature', 'draft']);
    expect(manualMoves('pending_signature', 'member')).toEqual(['in_negotiation']);
    expect(manualMoves('pending_signature', 'admin')).toEqual(['active', 'in_negotiation']);
    expect(manualMoves('active', 'admin')).toEqual(['terminated']);
    expect(manualMoves('expiring', 'manager')).toEqual(['terminated']);
    expect(manualMoves('expired', 'admin')).toEqual([]);
  });
});

describe('the terms', () => {
  const base = {
    effectiveOn: null,
    endOn: null,
    autoRenew: false,
    renewalTermMonths: null,
    value: null,
    currency: null,
  };

  it('refuse an end before the effective date, naming endOn; the same day is fine', () => {
    expect(termsProblems({ ...base, effectiveOn: '2027-01-01', endOn: '2026-12-31' })).toEqual([
      expect.objectContaining({ field: 'endOn', code: 'end_before_effective' }),
    ]);
    expect(termsProblems({ ...base, effectiveOn: '2027-01-01', endOn: '2027-01-01' })).toEqual([]);
  });

  it('need a currency with a value and a value with a currency', () => {
    expect(termsProblems({ ...base, value: 100 }).map((p) => p.field)).toEqual(['currency']);
    expect(termsProblems({ ...base, currency: 'EUR' }).map((p) => p.field)).toEqual(['value']);
    expect(termsProblems({ ...base, value: 0, currency: 'EUR' })).toEqual([]);
  });

  it('need a renewal term when the agreement renews by itself', () => {
    expect(termsProblems({ ...base, autoRenew: true }).map((p) => p.field)).toEqual([
      'renewalTermMonths',
    ]);
    expect(termsProblems({ ...base, autoRenew: true, renewalTermMonths: 12 })).toEqual([]);
  });

  it('read a currency in lower case, refuse an unknown one and a fractional amount', () => {
    const partnerId = '01930000-0000-7000-8000-000000000001';
    const made = AgreementCreate.parse({
      partnerId,
      type: 'nda',
      title: 'NDA',
      value: 5,
      currency: 'eur',
    });
    expect(made.currency).toBe('EUR');
    expect(
      AgreementCreate.safeParse({ partnerId, type: 'nda', title: 'x', currency: 'XXQ' }).success,
    ).toBe(false);
    expect(
      AgreementCreate.safeParse({ partnerId, type: 'nda', title: 'x', value: 1.5 }).success,
    ).toBe(false);
    expect(AgreementCreate.safeParse({ partnerId, type: 'lease', title: 'x' }).success).toBe(false);
  });
});
