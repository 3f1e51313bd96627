import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedNext, checkTransition, defineMachine, type Move } from './state-machine';

type Ticket = { notes?: string | null; approved?: boolean };
const ticket = defineMachine<'new' | 'active' | 'done' | 'dropped', Ticket, Ticket>({
  name: 'ticket',
  statuses: ['new', 'active', 'done', 'dropped'],
  moves: {
    new: [{ to: 'active' }, { to: 'dropped' }],
    active: [
      { to: 'done', requires: ['notes'] },
      {
        to: 'dropped',
        guard: { rule: 'needs approval', test: (r, c) => !!(c.approved ?? r.approved) },
      },
    ],
    done: [{ to: 'active' }],
    dropped: [],
  },
});

describe('a state machine', () => {
  it('lists the moves from a status in table order', () => {
    expect(allowedNext(ticket, 'new')).toEqual(['active', 'dropped']);
    expect(allowedNext(ticket, 'dropped')).toEqual([]);
  });

  it('leaves out moves whose guard fails for the record, but not those that need a field', () => {
    expect(allowedNext(ticket, 'active', {})).toEqual(['done']);
    expect(allowedNext(ticket, 'active', { approved: true })).toEqual(['done', 'dropped']);
  });

  it('refuses a move the table lacks, naming the allowed ones', () => {
    expect(checkTransition(ticket, 'new', 'done', {}, {})).toEqual({
      ok: false,
      reason: 'not_allowed',
      from: 'new',
      to: 'done',
      allowed: ['active', 'dropped'],
    });
    expect(checkTransition(ticket, 'new', 'new', {}, {})).toMatchObject({ reason: 'not_allowed' });
  });

  it('needs a required field from the change or the record, not blank', () => {
    expect(checkTransition(ticket, 'active', 'done', {}, {})).toMatchObject({
      reason: 'field_required',
      field: 'notes',
    });
    expect(checkTransition(ticket, 'active', 'done', {}, { notes: '  ' })).toMatchObject({
      reason: 'field_required',
    });
    expect(checkTransition(ticket, 'active', 'done', {}, { notes: 'Fixed' })).toEqual({ ok: true });
    expect(checkTransition(ticket, 'active', 'done', { notes: 'Held' }, {})).toEqual({ ok: true });
    // Clearing the field in the same change counts over what the record holds.
    expect(
      checkTransition(ticket, 'active', 'done', { notes: 'Held' }, { notes: null }),
    ).toMatchObject({ reason: 'field_required' });
  });

  it('refuses a move whose guard fails, with its rule', () => {
    expect(checkTransition(ticket, 'active', 'dropped', {}, {})).toMatchObject({
      reason: 'guard',
      rule: 'needs approval',
    });
    expect(checkTransition(ticket, 'active', 'dropped', {}, { approved: true })).toEqual({
      ok: true,
    });
  });

  it('rejects a table with an unknown target, a self move or a repeated move', () => {
    const bad = (moves: Record<'a' | 'b', Move<'a' | 'b', unknown, unknown>[]>) => () =>
      defineMachine({ name: 'bad', statuses: ['a', 'b'], moves });
    expect(bad({ a: [{ to: 'c' as 'a' }], b: [] })).toThrow(/unknown/);
    expect(bad({ a: [{ to: 'a' }], b: [] })).toThrow(/itself/);
    expect(bad({ a: [{ to: 'b' }, { to: 'b' }], b: [] })).toThrow(/twice/);
  });
});

const statuses = ['s0', 's1', 's2', 's3', 's4'] as const;
type S = (typeof statuses)[number];
type Rec = { flag: boolean; notes: string | null };

/** Random tables: each status moves to a subset of the others, some moves guarded or needing notes. */
const anyMachine = fc
  .array(
    fc.array(
      fc.record({
        to: fc.constantFrom(...statuses),
        kind: fc.constantFrom('plain', 'requires', 'guard'),
      }),
      { maxLength: 6 },
    ),
    { minLength: statuses.length, maxLength: statuses.length },
  )
  .map((rows) =>
    defineMachine<S, Rec, Partial<Rec>>({
      name: 'random',
      statuses,
      moves: Object.fromEntries(
        statuses.map((from, i) => {
          const seen = new Set<string>();
          const moves = (rows[i] ?? [])
            .filter((m) => m.to !== from && !seen.has(m.to) && seen.add(m.to))
            .map(
              (m): Move<S, Rec, Partial<Rec>> =>
                m.kind === 'requires'
                  ? { to: m.to, requires: ['notes'] }
                  : m.kind === 'guard'
                    ? { to: m.to, guard: { rule: 'flag', test: (r, c) => c.flag ?? r.flag } }
                    : { to: m.to },
            );
          return [from, moves];
        }),
      ) as Record<S, Move<S, Rec, Partial<Rec>>[]>,
    }),
  );
const anyStatus = fc.constantFrom(...statuses);
const anyRecord = fc.record({ flag: fc.boolean(), notes: fc.option(fc.string(), { nil: null }) });
const anyChange = fc.record(
  { flag: fc.boolean(), notes: fc.option(fc.string(), { nil: null }) },
  { requiredKeys: [] },
);

describe('any state machine', () => {
  it('accepts a move only if the table lists it, and every refusal names the allowed moves', () => {
    fc.assert(
      fc.property(anyMachine, anyStatus, anyStatus, anyRecord, anyChange, (m, from, to, r, c) => {
        const check = checkTransition(m, from, to, r, c);
        const listed = allowedNext(m, from);
        if (check.ok) expect(listed).toContain(to);
        else expect(check.allowed).toEqual(allowedNext(m, from, r));
        if (!listed.includes(to)) expect(check).toMatchObject({ ok: false, reason: 'not_allowed' });
      }),
    );
  });

  it('never offers a status moving to itself, and offers with a record a subset of the table', () => {
    fc.assert(
      fc.property(anyMachine, anyStatus, anyRecord, (m, from, r) => {
        const listed = allowedNext(m, from);
        expect(listed).not.toContain(from);
        for (const to of allowedNext(m, from, r)) expect(listed).toContain(to);
      }),
    );
  });

  it('accepts every offered move once its required fields are given', () => {
    fc.assert(
      fc.property(anyMachine, anyStatus, anyRecord, (m, from, r) => {
        for (const to of allowedNext(m, from, r))
          expect(checkTransition(m, from, to, r, { notes: 'Done' })).toEqual({ ok: true });
      }),
    );
  });
});
