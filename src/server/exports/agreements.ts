import { type RenewalItem, RenewalListQuery } from '../../domain/agreement-renewals';
import { type Agreement, AgreementListQuery } from '../../domain/agreements';
import { currencyExponent } from '../../domain/money';
import { listAgreements } from '../features/agreements/agreements.list';
import { listRenewals } from '../features/agreements/agreements.renewals';
import type { ZodApp } from '../features/index';
import { pagesOf, registerExport, registerListExport } from './route';
import type { ExportColumn } from './writers';

/** An amount in minor units as decimal text in its currency's places: 12500000 EUR as 125000.00. */
export function decimalAmount(value: number | null, currency: string | null): string | null {
  if (value === null || currency === null) return null;
  const exponent = currencyExponent(currency);
  return (value / 10 ** exponent).toFixed(exponent);
}

const signersOf = (a: Agreement, side: 'us' | 'partner') =>
  a.signers
    .filter((s) => s.side === side)
    .map((s) => `${s.name} (${s.role})`)
    .join('; ');

const agreementColumns: ExportColumn<Agreement>[] = [
  { header: 'ID', value: (a) => a.id, width: 38 },
  { header: 'Title', value: (a) => a.title, width: 40 },
  { header: 'Type', value: (a) => a.type },
  { header: 'Status', value: (a) => a.status },
  { header: 'Partner', value: (a) => a.partnerName, width: 32 },
  { header: 'Partner ID', value: (a) => a.partnerId, width: 38 },
  { header: 'Owner', value: (a) => a.ownerName, width: 24 },
  { header: 'Parent agreement', value: (a) => a.parentTitle, width: 32 },
  { header: 'Effective on', value: (a) => a.effectiveOn },
  { header: 'End on', value: (a) => a.endOn },
  { header: 'Auto-renewal', value: (a) => a.autoRenew },
  { header: 'Renewal term (months)', value: (a) => a.renewalTermMonths },
  { header: 'Notice (days)', value: (a) => a.noticeDays },
  { header: 'Value', value: (a) => decimalAmount(a.value, a.currency) },
  { header: 'Currency', value: (a) => a.currency },
  { header: 'Governing law', value: (a) => a.governingLaw, width: 24 },
  { header: 'Our signers', value: (a) => signersOf(a, 'us'), width: 32 },
  { header: 'Partner signers', value: (a) => signersOf(a, 'partner'), width: 32 },
  { header: 'Created at', value: (a) => a.createdAt, width: 24 },
  { header: 'Updated at', value: (a) => a.updatedAt, width: 24 },
];

/** The agreements list's export: same permission, filters and sort as the list. */
export function agreementExportRoute(app: ZodApp) {
  registerListExport(app, {
    list: 'agreements',
    sheet: 'Agreements',
    access: 'agreement.read',
    tag: 'agreements',
    operationId: 'exportAgreements',
    what: 'agreements',
    listQuery: AgreementListQuery,
    columns: agreementColumns,
    read: (ctx, scope, query: AgreementListQuery) => listAgreements(ctx, scope, query),
  });
}

const renewalColumns: ExportColumn<RenewalItem>[] = [
  {
    header: 'Next key date',
    value: (r) => (r.nextKeyDate === 'notice_deadline' ? 'Notice deadline' : 'End date'),
  },
  { header: 'Next key date on', value: (r) => r.nextKeyOn },
  { header: 'Days left', value: (r) => r.daysLeft },
  { header: 'Notice deadline', value: (r) => r.noticeDeadline },
  ...agreementColumns.filter((c) => !['Our signers', 'Partner signers'].includes(c.header)),
];

/** The renewals view's export: the whole window, its filters and order, as the view reads it. */
export function renewalExportRoute(app: ZodApp) {
  registerExport(app, {
    list: 'agreements/renewals',
    fileName: 'renewals',
    sheet: 'Renewals',
    access: 'agreement.read',
    tag: 'agreements',
    operationId: 'exportRenewals',
    summary: 'Download the renewals coming up as CSV or Excel',
    description:
      'Every agreement of the renewals view for `within` days and its filters, soonest next key date first, as a file to download (`Content-Disposition: attachment`). There is no page size or cursor.',
    query: RenewalListQuery.omit({ limit: true, cursor: true }),
    batches: (ctx, scope, query: Omit<RenewalListQuery, 'limit' | 'cursor'>) =>
      pagesOf(listRenewals, ctx, scope, query),
    columns: renewalColumns,
  });
}
