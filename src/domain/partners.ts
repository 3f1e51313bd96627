import { z } from 'zod';
import { Actor } from './audit';
import { partnerCadenceOverride } from './cadence';
import { countryCodes } from './countries';
import { normalizeDomain } from './domains';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf, searchParam } from './pagination';
import { hasControlCharacter, multiLineText, singleLineText, textMessages } from './text';

export const partnerTypes = [
  'technology',
  'reseller',
  'referral',
  'strategic_alliance',
  'co_marketing',
  'supplier',
  'distributor',
  'other',
] as const;
export const partnerType = z.enum(partnerTypes);
export type PartnerType = z.infer<typeof partnerType>;

export const partnerStages = [
  'prospect',
  'onboarding',
  'active',
  'at_risk',
  'inactive',
  'ended',
] as const;
export const partnerStage = z.enum(partnerStages);
export type PartnerStage = z.infer<typeof partnerStage>;

/** Employee bands. */
export const partnerSizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5001+'] as const;
export const partnerSize = z.enum(partnerSizes);

/** The tiers a new workspace starts with, highest first; each workspace may change its list. */
export const defaultTiers = ['platinum', 'gold', 'silver', 'bronze', 'registered'] as const;

/** A domain as typed (`https://www.Acme.com/about`) becomes its canonical form (`acme.com`). */
export const partnerDomain = z
  .string()
  .max(2048)
  .refine((value) => !hasControlCharacter(value), textMessages.singleLine)
  .transform((value, ctx) => {
    const domain = normalizeDomain(value);
    if (!domain) {
      ctx.addIssue({ code: 'custom', message: messages.domain });
      return z.NEVER;
    }
    return domain;
  })
  .meta({
    format: 'hostname',
    maxLength: 253,
    description: 'A domain name; a URL is accepted too and reduced to its host',
  });

/** Domains, normalized and without repeats (`acme.com` and `www.acme.com` are one). */
export const partnerDomains = z
  .array(partnerDomain)
  .max(50)
  .transform((domains) => [...new Set(domains)]);

/** A tier name, as the workspace lists them. */
export const partnerTier = singleLineText({ min: 1, max: 50 });

/** A tag: trimmed and lower-cased, so `Cloud` and `cloud ` are one tag (and one filter value). */
export const partnerTag = singleLineText({ min: 1, max: 50 }).toLowerCase();
export const partnerTags = z
  .array(partnerTag)
  .max(50)
  .transform((tags) => [...new Set(tags)]);

/** ISO 3166-1 alpha-2, upper-cased (`de` is stored as `DE`). */
export const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, messages.country)
  .refine((code) => countryCodes.has(code), messages.country)
  .meta({
    description: 'ISO 3166-1 alpha-2 country code (an assigned one; lower case is accepted)',
  });

const optionalText = (max: number) => singleLineText({ max }).nullable().optional();
const website = z
  .string()
  .refine((url) => !hasControlCharacter(url), textMessages.singleLine)
  .pipe(z.url({ protocol: /^https?$/, message: messages.url }).max(2048))
  .nullable()
  .optional();

const partnerFields = {
  name: singleLineText({ min: 1, max: 200 }),
  domains: partnerDomains,
  website,
  type: partnerType,
  tier: partnerTier.nullable().optional(),
  stage: partnerStage,
  ownerId: uuid.nullable().optional(),
  industry: optionalText(100),
  country: countryCode.nullable().optional(),
  size: partnerSize.nullable().optional(),
  tags: partnerTags,
  description: multiLineText({ max: 10_000 }).nullable().optional(),
  contactCadenceDays: partnerCadenceOverride.optional(),
};

/**
 * A new partner. Only `name` is required; `type` defaults to `other`, `stage` to `prospect`,
 * and a missing `ownerId` to the signed-in member (none for an API key).
 */
export const PartnerCreate = z
  .object({
    ...partnerFields,
    domains: partnerFields.domains.default([]),
    type: partnerFields.type.default('other'),
    stage: partnerFields.stage.default('prospect'),
    tags: partnerFields.tags.default([]),
  })
  .strict()
  .meta({ id: 'PartnerCreate' });
export type PartnerCreate = z.infer<typeof PartnerCreate>;
export type PartnerCreateInput = z.input<typeof PartnerCreate>;

/** A change to a partner: only the fields given change; `null` clears an optional field. */
export const PartnerUpdate = z
  .object({
    name: partnerFields.name.optional(),
    domains: partnerFields.domains.optional(),
    website: partnerFields.website,
    type: partnerFields.type.optional(),
    tier: partnerFields.tier,
    stage: partnerFields.stage.optional(),
    ownerId: partnerFields.ownerId,
    industry: partnerFields.industry,
    country: partnerFields.country,
    size: partnerFields.size,
    tags: partnerFields.tags.optional(),
    description: partnerFields.description,
    contactCadenceDays: partnerFields.contactCadenceDays,
  })
  .strict()
  .meta({ id: 'PartnerUpdate' });
export type PartnerUpdate = z.infer<typeof PartnerUpdate>;
export type PartnerUpdateInput = z.input<typeof PartnerUpdate>;

const timestamp = z.iso.datetime();

/** A partner as the API returns it. */
export const Partner = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domains: z.array(z.string()),
    website: z.string().nullable(),
    type: partnerType,
    tier: z.string().nullable(),
    stage: partnerStage,
    ownerId: z.uuid().nullable(),
    industry: z.string().nullable(),
    country: z.string().nullable(),
    size: partnerSize.nullable(),
    tags: z.array(z.string()),
    description: z.string().nullable(),
    contactCadenceDays: z
      .number()
      .int()
      .nullable()
      .describe('This partner’s own days between touches; null follows its tier'),
    lastTouchAt: timestamp
      .nullable()
      .describe('When the latest interaction that has happened took place; null when none has'),
    nextTouchDue: timestamp
      .nullable()
      .describe('The last touch plus the effective cadence; null when never touched (due now)'),
    healthScore: z
      .number()
      .int()
      .nullable()
      .describe('The latest daily health score, 0–100; null until the first snapshot'),
    version: z.number().int().describe('Also sent as the ETag; send it back in If-Match'),
    archivedAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof Partner>;

/** One partner as its own page shows it: with the cadence that applies to it. */
export const PartnerRecord = Partner.extend({
  cadenceDays: z
    .number()
    .int()
    .describe('Effective days between touches: the override, else the tier’s, else the default'),
}).meta({ id: 'PartnerRecord' });
export type PartnerRecord = z.infer<typeof PartnerRecord>;

export const PartnerPage = pageOf(Partner).meta({ id: 'PartnerPage' });
export type PartnerPage = z.infer<typeof PartnerPage>;

export const partnerSorts = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'health',
  '-health',
] as const;
export const partnerSort = z.enum(partnerSorts);
export type PartnerSort = z.infer<typeof partnerSort>;

const healthParam = z.coerce.number().int().min(0).max(100).optional();

/**
 * The partner list's query. Filters take several values (`?stage=a&stage=b`) and match any of
 * them; different filters all apply. Archived partners are hidden unless
 * `archived=true` (active and archived) or `archived=only`.
 */
export const PartnerListQuery = z
  .object({
    q: searchParam,
    type: multiParam(partnerType),
    tier: multiParam(partnerTier),
    stage: multiParam(partnerStage),
    ownerId: multiParam(uuid),
    teamId: multiParam(uuid).describe(
      'Only partners with a member of one of these teams in their partnership team',
    ),
    tag: multiParam(partnerTag),
    country: multiParam(countryCode),
    archived: z.enum(['false', 'true', 'only']).default('false'),
    healthMin: healthParam.describe('Only partners whose latest health score is at least this'),
    healthMax: healthParam.describe('Only partners whose latest health score is at most this'),
    sort: partnerSort
      .default('name')
      .describe(
        '`health` is lowest first with partners not yet scored before all; `-health` the reverse',
      ),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type PartnerListQuery = z.infer<typeof PartnerListQuery>;

/** One entry of a partner's history: a change to the partner or one of its contacts. */
export const PartnerHistoryEvent = z
  .object({
    id: z.uuid(),
    action: z.string().describe('`partner.created`, `contact.deleted`, …'),
    entityType: z.string(),
    entityId: z.uuid(),
    actorType: z
      .enum(['user', 'api_key', 'system'])
      .describe('Superseded by `actor.kind`: `user` for members and partner users'),
    actorId: z.uuid().nullable().describe('Superseded by `actor.id`'),
    actor: Actor,
    before: z.unknown().describe('The record before the change (null on create)'),
    after: z.unknown().describe('The record after the change (null on delete)'),
    createdAt: timestamp,
  })
  .meta({ id: 'PartnerHistoryEvent' });
export type PartnerHistoryEvent = z.infer<typeof PartnerHistoryEvent>;

export const PartnerHistoryPage = pageOf(PartnerHistoryEvent).meta({ id: 'PartnerHistoryPage' });

export const PartnerHistoryQuery = z.object({ limit: limitParam, cursor: cursorParam }).strict();
