import { z } from 'zod';
import { uuid } from './ids';
import { messages } from './messages';
import { cursorParam, limitParam, multiParam, pageOf } from './pagination';
import { singleLineText } from './text';

/**
 * Contact cadence (decision 032): how many days may pass between touches of a partner. A touch is
 * an interaction of any kind whose time has come. The workspace sets days per tier and a default;
 * a partner may override both. The database computes the same rule in
 * `src/server/features/partners/cadence.ts`; change both together.
 */

export const minCadenceDays = 1;
export const maxCadenceDays = 365;

/** A number of days between touches. */
export const cadenceDays = z
  .number({ error: messages.invalid })
  .int(messages.wholeNumber)
  .min(minCadenceDays, messages.minNumber(minCadenceDays))
  .max(maxCadenceDays, messages.maxNumber(maxCadenceDays));

/** A tier name, as `partnerTier` (kept here too: partners.ts imports this module). */
const tierName = singleLineText({ min: 1, max: 50 });

/** The workspace setting: days per tier name, and for partners without a tier (or an unknown one). */
export const ContactCadence = z
  .object({
    default: cadenceDays.describe('Days for a partner without a tier, or with a tier not listed'),
    tiers: z
      .record(tierName, cadenceDays)
      .describe('Days per tier name; a tier not listed uses the default'),
  })
  .strict()
  .describe('Expected days between touches (interactions) with a partner')
  .meta({ id: 'ContactCadence' });
export type ContactCadence = z.infer<typeof ContactCadence>;

/** What a new workspace starts with: closer contact for higher tiers. */
export const defaultContactCadence: ContactCadence = {
  default: 60,
  tiers: { platinum: 14, gold: 30, silver: 45, bronze: 60, registered: 90 },
};

/** A partner's own cadence: days, or null to follow its tier. */
export const partnerCadenceOverride = cadenceDays
  .nullable()
  .describe('Expected days between touches for this partner; null follows its tier');

/** What the rule reads about a partner. */
export interface CadencePartner {
  tier: string | null;
  contactCadenceDays: number | null;
}

/** The partner's override, else its tier's days, else the workspace default. */
export function effectiveCadenceDays(partner: CadencePartner, setting: ContactCadence): number {
  if (partner.contactCadenceDays !== null) return partner.contactCadenceDays;
  const byTier =
    partner.tier !== null && Object.hasOwn(setting.tiers, partner.tier)
      ? setting.tiers[partner.tier]
      : undefined;
  return byTier ?? setting.default;
}

const dayMs = 86_400_000;

/** When the next touch is due: the last touch plus the cadence; null when never touched (due now). */
export function nextTouchDue(lastTouchAt: Date | null, cadence: number): Date | null {
  return lastTouchAt === null ? null : new Date(lastTouchAt.getTime() + cadence * dayMs);
}

/** Whole days past `due` at `now`, 0 when not yet due. */
export function daysOverdue(due: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - due.getTime()) / dayMs));
}

/** Keeps the setting to the workspace's tiers, so a removed or renamed tier leaves no stale days. */
export function cadenceForTiers(setting: ContactCadence, tiers: readonly string[]): ContactCadence {
  const kept = Object.entries(setting.tiers).filter(([tier]) => tiers.includes(tier));
  return { default: setting.default, tiers: Object.fromEntries(kept) };
}

const timestamp = z.iso.datetime();

/** A partner overdue for contact, as the cooling list shows it. */
export const CoolingPartner = z
  .object({
    id: z.uuid(),
    name: z.string(),
    tier: z.string().nullable(),
    stage: z.string(),
    ownerId: z.uuid().nullable(),
    cadenceDays: z.number().int().describe('Effective days between touches'),
    lastTouchAt: timestamp.nullable().describe('The latest interaction; null when never touched'),
    nextTouchDue: timestamp
      .nullable()
      .describe('When contact fell due; null when never touched (due since it was added)'),
    daysOverdue: z
      .number()
      .int()
      .describe('Whole days since contact fell due (since it was added when never touched)'),
  })
  .meta({ id: 'CoolingPartner' });
export type CoolingPartner = z.infer<typeof CoolingPartner>;

export const CoolingPage = pageOf(CoolingPartner).meta({ id: 'CoolingPage' });
export type CoolingPage = z.infer<typeof CoolingPage>;

/** The cooling list's query: longest overdue first, optionally only some owners' partners. */
export const CoolingQuery = z
  .object({
    ownerId: multiParam(uuid),
    limit: limitParam,
    cursor: cursorParam,
  })
  .strict();
export type CoolingQuery = z.infer<typeof CoolingQuery>;
