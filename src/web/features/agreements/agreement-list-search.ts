import {
  type AgreementSort,
  type AgreementStatus,
  type AgreementType,
  agreementSorts,
  agreementStatuses,
  agreementTypes,
} from '../../../domain/agreements';

/** The agreements list's filters and sort, kept in the URL so a list can be shared. */
export type AgreementListSearch = {
  partnerId?: string;
  status?: AgreementStatus[];
  type?: AgreementType[];
  endFrom?: string;
  endTo?: string;
  sort?: AgreementSort;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const valuesOf = (raw: unknown): unknown[] => (Array.isArray(raw) ? raw : [raw]);
const among = <T extends string>(list: readonly T[], raw: unknown): T[] =>
  valuesOf(raw).filter((value): value is T => (list as readonly unknown[]).includes(value));

export function agreementListSearch(raw: Record<string, unknown>): AgreementListSearch {
  const search: AgreementListSearch = {};
  if (typeof raw.partnerId === 'string' && uuidPattern.test(raw.partnerId))
    search.partnerId = raw.partnerId;
  const status = among(agreementStatuses, raw.status);
  if (status.length > 0) search.status = status;
  const type = among(agreementTypes, raw.type);
  if (type.length > 0) search.type = type;
  if (typeof raw.endFrom === 'string' && dayPattern.test(raw.endFrom)) search.endFrom = raw.endFrom;
  if (typeof raw.endTo === 'string' && dayPattern.test(raw.endTo)) search.endTo = raw.endTo;
  if ((agreementSorts as readonly unknown[]).includes(raw.sort))
    search.sort = raw.sort as AgreementSort;
  return search;
}

export type RenewalWindow = '30' | '60' | '90';
/**
 * The window is kept as a number, so the URL reads `within=60`: a string of digits would be
 * JSON-quoted (`within=%2260%22`). Links made with the quoted form still open.
 */
export type RenewalSearch = { within?: 30 | 60 | 90; partnerId?: string };

/** The route's search, read safely: a known window and a partner id, or nothing. */
export function renewalSearch(raw: Record<string, unknown>): RenewalSearch {
  const search: RenewalSearch = {};
  const within = Number(raw.within);
  if (within === 30 || within === 60 || within === 90) search.within = within;
  if (typeof raw.partnerId === 'string' && uuidPattern.test(raw.partnerId))
    search.partnerId = raw.partnerId;
  return search;
}

/** The window as the API takes it, 30 days unless the URL says otherwise. */
export function renewalWindow(search: RenewalSearch): RenewalWindow {
  return String(search.within ?? 30) as RenewalWindow;
}
