import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newPassword, signInBody } from './auth';
import { ContactCreate } from './contacts';
import { messages } from './messages';
import { PartnerCreate, PartnerListQuery } from './partners';

/** The messages of a failed parse, keyed by field path. */
function fieldMessages(schema: z.ZodType, value: unknown): Record<string, string> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

const partnerId = '01930000-0000-7000-8000-000000000001';

describe('the message catalogue', () => {
  it('speaks for length limits the way a person would', () => {
    expect(fieldMessages(PartnerCreate, { name: 'x'.repeat(201) })).toEqual({
      name: 'Use 200 characters or fewer',
    });
    expect(fieldMessages(newPassword, 'short')).toEqual({ '': 'Use at least 10 characters' });
  });

  it('says Required for a missing or blank required field, whatever its type', () => {
    expect(fieldMessages(PartnerCreate, {})).toEqual({ name: messages.required });
    expect(fieldMessages(PartnerCreate, { name: '   ' })).toEqual({ name: messages.required });
    expect(fieldMessages(signInBody, { email: 'a@b.co', password: '' })).toEqual({
      password: messages.required,
    });
  });

  it('has one message per kind of value, the same in every schema', () => {
    expect(
      fieldMessages(PartnerCreate, {
        name: 'Acme',
        domains: ['not a domain'],
        website: 'ftp://acme.com',
        country: 'XX',
        ownerId: 'nope',
      }),
    ).toEqual({
      'domains.0': messages.domain,
      website: messages.url,
      country: messages.country,
      ownerId: messages.id,
    });
    expect(
      fieldMessages(ContactCreate, {
        firstName: 'Ada',
        lastName: 'L',
        partnerId,
        email: 'ada@',
        phone: 'call me',
      }),
    ).toEqual({ email: messages.email, phone: messages.phone });
    expect(fieldMessages(signInBody, { email: 'ada@', password: 'x' })).toEqual({
      email: messages.email,
    });
  });

  it('names the allowed values of a short list, and unknown fields plainly', () => {
    expect(fieldMessages(PartnerCreate, { name: 'Acme', stage: 'dreaming' })).toEqual({
      stage: 'Choose one of: prospect, onboarding, active, at_risk, inactive, ended',
    });
    expect(fieldMessages(PartnerCreate, { name: 'Acme', colour: 'red' })).toEqual({
      '': messages.unknownField,
    });
    expect(fieldMessages(PartnerListQuery, { limit: '500' })).toEqual({
      limit: 'Use a number no greater than 200',
    });
  });

  it('replaces zod’s own wording in schemas that give none', () => {
    const plain = z.object({ note: z.string().max(5), items: z.array(z.string()).min(2) });
    expect(fieldMessages(plain, { note: 'too long', items: [] })).toEqual({
      note: 'Use 5 characters or fewer',
      items: 'Add at least 2 entries',
    });
    for (const message of Object.values(fieldMessages(plain, { note: 1, items: 'x' }))) {
      expect(message).not.toMatch(/expected|Invalid input|Too (big|small)/);
    }
  });
});
