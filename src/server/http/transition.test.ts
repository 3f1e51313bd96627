import { describe, expect, it } from 'vitest';
import { defineMachine } from '../../domain/state-machine';
import { AppError } from './errors';
import { problemOf } from './problem';
import { assertTransition } from './transition';

type Doc = { notes?: string | null };
const machine = defineMachine<'draft' | 'final' | 'void', Doc, Doc>({
  name: 'doc',
  statuses: ['draft', 'final', 'void'],
  moves: {
    draft: [{ to: 'final', requires: ['notes'] }, { to: 'void' }],
    final: [{ to: 'void', guard: { rule: 'a final document stays', test: () => false } }],
    void: [],
  },
});

function refusal(run: () => void) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return problemOf(error);
    throw error;
  }
  throw new Error('not refused');
}

describe('refused moves', () => {
  it('answer 409 invalid_transition naming the allowed statuses', () => {
    expect(refusal(() => assertTransition(machine, 'void', 'draft', {}, {}))).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      type: 'urn:tandem:problem:invalid_transition',
      from: 'void',
      to: 'draft',
      allowed: [],
    });
    expect(refusal(() => assertTransition(machine, 'final', 'void', {}, {}))).toMatchObject({
      status: 409,
      detail: expect.stringContaining('a final document stays'),
      allowed: [],
    });
  });

  it('answer 422 field_required naming the field a move needs', () => {
    expect(refusal(() => assertTransition(machine, 'draft', 'final', {}, {}))).toMatchObject({
      status: 422,
      code: 'field_required',
      errors: [{ field: 'notes', code: 'required' }],
    });
  });

  it('let an allowed move through', () => {
    expect(() => assertTransition(machine, 'draft', 'final', {}, { notes: 'ok' })).not.toThrow();
  });
});
