import { z } from 'zod';

/**
 * Every message Tandem shows about a value a person typed, written once as a person would say
 * it. The zod schemas use them, so the API's field errors and the forms (which validate with
 * the same schemas) read the same words.
 */
export const messages = {
  required: 'Required',
  requiredForMove: 'Required for this change of status',
  maxLength: (max: number) => `Use ${max} characters or fewer`,
  minLength: (min: number) => `Use at least ${min} characters`,
  maxItems: (max: number) => `Use ${max} entries or fewer`,
  minItems: (min: number) => (min === 1 ? 'Add at least one entry' : `Add at least ${min} entries`),
  maxNumber: (max: number | bigint) => `Use a number no greater than ${max}`,
  minNumber: (min: number | bigint) => `Use a number no less than ${min}`,
  wholeNumber: 'Use a whole number',
  oneOf: (values: readonly unknown[]) =>
    values.length <= 8
      ? `Choose one of: ${values.map(String).join(', ')}`
      : 'Choose one of the listed values',
  singleLine: 'Remove line breaks and control characters',
  multiLine: 'Remove control characters (tabs and line breaks are fine)',
  email: 'Enter an email address, such as name@example.com',
  domain: 'Enter a domain name, such as example.com',
  url: 'Enter a web address starting with http:// or https://',
  phone: 'Enter a phone number: digits, spaces, + ( ) - . / and an optional extension',
  country: 'Choose a country from the list',
  id: 'Not a valid id',
  dateTime: 'Enter a date and time',
  date: 'Enter a date',
  period: 'Enter a period such as FY2027 or FY2027-Q2',
  format: 'Not in the expected format',
  unknownField: 'Not a field Tandem knows',
  invalid: 'Not a valid value',
  choosePartner: 'Choose a partner',
  noRepeatedTier: 'List each tier once',
  noRepeatedLeadTime: 'List each lead time once',
  leadTimesLongestFirst: 'List the lead times longest first, such as 90, 30, 7',
  notWorkspaceTier: 'Choose one of the workspace’s tiers',
  onlyYourselfAsOwner: 'Choose yourself or no one',
  domainTaken: 'Already belongs to another partner',
  partnerArchived: 'This partner is archived; restore it first',
  noSuch: (what: string) => `No such ${what}`,
  linkIncomplete: 'Give both the kind and the record, or neither',
  noRepeats: 'List each one once',
  teamNameTaken: 'Another active team has this name',
  teamRetired: 'This team is retired; restore it first',
  clauseRepeated: 'This clause is already in the template',
  clauseArchived: 'This clause is archived; restore it first',
  alreadyOnPartnerTeam: 'Already on this partner’s team',
  invalidCursor: 'This page link has expired; start the list again',
  timeZone: 'Choose a time zone from the list',
  currency: 'Choose a currency, such as EUR',
  decimalPlaces: (places: number) =>
    places === 0 ? 'Use a whole number' : `Use ${places} decimal places or fewer`,
  targetAboveBaseline: 'Set a target above the baseline: higher is better for this KPI',
  targetBelowBaseline: 'Set a target below the baseline: lower is better for this KPI',
  targetAboveZero: 'Set a target above 0',
  fileTooLarge: 'The file is too large (2 MB at most)',
  base64: 'Not base64-encoded',
  notAContact: 'Not a contact of this partner',
  notAMember: 'Not a member of this workspace',
  planExists: 'This partner already has a plan for this period',
  planLocked: 'This version is agreed; open a new version to change it',
  planClosed: 'This plan is closed',
  currencyOnlyForCurrency: 'Only a currency KPI has a currency',
  monthlyForMonthPlan: 'Use monthly: the plan’s period is a single month',
  tooManyKpis: (max: number) => `A plan has ${max} KPIs at most`,
  kpiHasMeasurements: 'This KPI has values: its unit, currency and cadence stay as they are',
  measurementPeriod: (example: string) =>
    `Use a period of the KPI’s cadence inside the plan’s period, such as ${example}`,
  notKpiCurrency: (currency: string | null) =>
    currency === null ? 'This KPI has no currency' : `This KPI is in ${currency}`,
  repeatedMeasurement: 'This KPI and period come earlier in the same request',
  noSuchKpi: 'Not a KPI of this plan',
  templateHasNoPartner: 'A template has no partner: name the partner’s owner in the plan',
  templateArchived: 'This template is archived; restore it first',
  tooManyTemplates: (max: number) => `A workspace has ${max} plan templates at most`,
  templateKpiTarget: 'This KPI has no default target: set one for this plan',
  ambiguousKpi: 'Two KPIs of this plan have this name: use the KPI’s id',
  missingColumn: (column: string) => `Add a column named ${column} to the first row`,
  endBeforeStart: 'Choose an end date on or after the effective date',
  valueForCurrency: 'Enter the value in this currency, or clear the currency',
  agreementLocked: 'The terms are settled: only the title and owner change now',
  agreementClosed: 'This agreement has ended',
  agreementNotInForce: 'Only an active or expiring agreement takes a renewal decision',
  renewalExists: 'A next term has already been started from this agreement',
  renewalTermRequired: 'Say how many months the next term lasts',
  renewalEndRequired: 'The agreement needs an end date to renew',
  agreementNotDraft: 'Only a draft can be deleted',
  agreementHasChildren: 'Agreements fall under this one: move or delete them first',
  parentCycle: 'An agreement cannot fall under itself or one of its own',
  transitionReserved: 'Tandem makes this change itself',
  signerExists: 'Already a signer of this agreement',
  requirementOpen: (title: string) => `${title} is not met`,
  evidenceOnlyWhenMet: 'Evidence goes with “met” only',
  reasonOnlyWhenWaived: 'A reason goes with “waived” only',
  obligationSchedule: 'Give a due date, or a repeat rule with a start date, not both',
  obligationRule: 'Choose how it repeats: daily, weekly, monthly or yearly',
  obligationNotRecurring: 'Only a recurring obligation has occurrences done through a day',
  obligationNotDue: 'Choose a day the obligation is due: its due date or one of its occurrences',
  obligationTaskExists: 'A task was already made for this occurrence',
  obligationClosed: 'Reopen the obligation before making a task for it',
  versionFrozen: 'This version was sent for signature: start a new version to change the text',
  versionNotLatest: 'Only the latest version changes: start a new version from it',
  noVersion: 'Write the agreement’s text (a first version) before sending it for signature',
  signerElsewhere: 'This signer is now a contact of another partner: remove them first',
  invalidInvitation: 'This invitation is not valid',
  invalidResetLink: 'This link is not valid or has expired',
  invalidSetupToken: 'This is not the setup token',
  emailTaken: 'Already has an account',
  wrongPassword: 'The current password is not right',
  samePassword: 'Choose a password different from the current one',
} as const;

type Issue = z.core.$ZodRawIssue;

/** The catalogue's words for one of zod's own issues (those a schema gives no message for). */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? messages.required
        : messages.invalid;
    case 'too_big':
      if (issue.origin === 'string') return messages.maxLength(Number(issue.maximum));
      if (issue.origin === 'array' || issue.origin === 'set')
        return messages.maxItems(Number(issue.maximum));
      return messages.maxNumber(issue.maximum);
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? messages.required
          : messages.minLength(Number(issue.minimum));
      }
      if (issue.origin === 'array' || issue.origin === 'set')
        return messages.minItems(Number(issue.minimum));
      return messages.minNumber(issue.minimum);
    case 'invalid_format':
      return formatMessage(issue.format);
    case 'invalid_value':
      return messages.oneOf(issue.values);
    case 'unrecognized_keys':
      return messages.unknownField;
    case 'not_multiple_of':
      return messages.wholeNumber;
    default:
      return messages.invalid;
  }
}

function formatMessage(format: string): string {
  switch (format) {
    case 'email':
      return messages.email;
    case 'url':
      return messages.url;
    case 'uuid':
    case 'guid':
      return messages.id;
    case 'datetime':
      return messages.dateTime;
    default:
      return messages.format;
  }
}

// Installed once, wherever the domain schemas are loaded: server, command line and web app.
z.config({ customError: issueMessage });
