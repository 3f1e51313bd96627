/**
 * State machines (DESIGN §11): a table of the moves allowed from each status, each with the
 * rules that guard it. The server refuses every other move and the web app offers only these,
 * both reading the same table, so what a button offers is exactly what the API accepts.
 */

/** A condition on the record and the requested change that a move needs besides its fields. */
export type Guard<R, C> = {
  /** Why the move is refused when the condition fails, as a person would say it. */
  rule: string;
  test: (record: R, change: C) => boolean;
};

/** One allowed move: its target and what it needs. */
export type Move<S extends string, R, C> = {
  to: S;
  /**
   * Fields the move needs, non-blank, from the change or already on the record (a
   * resolution's notes); the web app shows them in the form that makes the move.
   */
  requires?: readonly (keyof C & keyof R & string)[];
  guard?: Guard<R, C>;
};

export type StateMachine<S extends string, R = unknown, C = unknown> = {
  /** The kind of record, for messages and audit (`issue`, `task`). */
  name: string;
  statuses: readonly S[];
  moves: { readonly [K in S]: readonly Move<S, R, C>[] };
};

/**
 * A machine whose table is checked once when it is built: every target is one of its
 * statuses, no status moves to itself and no move is listed twice.
 */
export function defineMachine<S extends string, R = unknown, C = unknown>(
  machine: StateMachine<S, R, C>,
): StateMachine<S, R, C> {
  const known = new Set<string>(machine.statuses);
  for (const from of machine.statuses) {
    const seen = new Set<string>();
    for (const move of machine.moves[from] ?? []) {
      if (!known.has(move.to)) throw new Error(`${machine.name}: ${from} → unknown ${move.to}`);
      if (move.to === from) throw new Error(`${machine.name}: ${from} moves to itself`);
      if (seen.has(move.to)) throw new Error(`${machine.name}: ${from} → ${move.to} twice`);
      seen.add(move.to);
    }
  }
  return machine;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && !value.trim());
}

/**
 * The statuses a record may move to from `status`, in table order. Given the record, moves
 * whose guard already fails for it (with no change yet) are left out; required fields are
 * not, since the form that makes the move asks for them.
 */
export function allowedNext<S extends string, R, C>(
  machine: StateMachine<S, R, C>,
  status: S,
  record?: R,
): S[] {
  const moves = machine.moves[status] ?? [];
  return moves
    .filter((move) => record === undefined || !move.guard || move.guard.test(record, {} as C))
    .map((move) => move.to);
}

/** The move from one status to another, if the table has it. */
export function moveBetween<S extends string, R, C>(
  machine: StateMachine<S, R, C>,
  from: S,
  to: S,
): Move<S, R, C> | undefined {
  return (machine.moves[from] ?? []).find((move) => move.to === to);
}

/** Why a move is refused; `allowed` is always the statuses the record may move to instead. */
export type TransitionRefusal<S extends string> =
  | { ok: false; reason: 'not_allowed'; from: S; to: S; allowed: S[] }
  | { ok: false; reason: 'field_required'; from: S; to: S; field: string; allowed: S[] }
  | { ok: false; reason: 'guard'; from: S; to: S; rule: string; allowed: S[] };

export type TransitionCheck<S extends string> = { ok: true } | TransitionRefusal<S>;

/**
 * Whether `record` may move from `from` to `to` with `change`: the move must be in the table,
 * its required fields present (in the change or on the record) and its guard pass.
 */
export function checkTransition<S extends string, R, C>(
  machine: StateMachine<S, R, C>,
  from: S,
  to: S,
  record: R,
  change: C,
): TransitionCheck<S> {
  const allowed = allowedNext(machine, from, record);
  const move = moveBetween(machine, from, to);
  if (!move) return { ok: false, reason: 'not_allowed', from, to, allowed };
  for (const field of move.requires ?? []) {
    const given = (change as Record<string, unknown> | undefined)?.[field];
    const held = (record as Record<string, unknown> | undefined)?.[field];
    // A field the change names (even to clear it) counts over the one the record holds.
    if (isBlank(given === undefined ? held : given))
      return { ok: false, reason: 'field_required', from, to, field, allowed };
  }
  if (move.guard && !move.guard.test(record, change))
    return { ok: false, reason: 'guard', from, to, rule: move.guard.rule, allowed };
  return { ok: true };
}
