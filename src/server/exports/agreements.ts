import { type Agreement, AgreementListQuery } from '../../domain/agreements';
import { currencyExponent } from '../../domain/money';
import { listAgreements } from '../features/agreements/agreements.list';
import type { ZodApp } from '../features/index';
import { registerListExport } from './route';
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
