import { Badge, type BadgeProps } from '@mantine/core';
import type { AgreementStatus, AgreementType } from '../../../domain/agreements';
import { currencyExponent } from '../../../domain/money';

export const agreementStatusLabels: Record<AgreementStatus, string> = {
  draft: 'Draft',
  in_negotiation: 'In negotiation',
  pending_signature: 'Pending signature',
  active: 'Active',
  expiring: 'Expiring',
  expired: 'Expired',
  terminated: 'Terminated',
  renewed: 'Renewed',
};

export const agreementTypeLabels: Record<AgreementType, string> = {
  nda: 'NDA',
  reseller: 'Reseller',
  referral: 'Referral',
  technology: 'Technology',
  co_marketing: 'Co-marketing',
  joint_venture: 'Joint venture',
  mou: 'MOU',
  dpa: 'DPA',
  sow: 'SOW',
  other: 'Other',
};

/** Dot colours that show on both themes' backgrounds. */
const statusColors: Record<AgreementStatus, string> = {
  draft: 'yellow',
  in_negotiation: 'blue',
  pending_signature: 'grape',
  active: 'green',
  expiring: 'orange',
  expired: 'gray',
  terminated: 'red',
  renewed: 'teal',
};

/** The status as a word beside a coloured dot, so it never rests on colour alone. */
export function AgreementStatusBadge({
  status,
  ...props
}: { status: AgreementStatus } & BadgeProps) {
  return (
    <Badge variant="dot" color={statusColors[status]} {...props}>
      {agreementStatusLabels[status]}
    </Badge>
  );
}

const moveLabels: Record<AgreementStatus, string> = {
  draft: 'Back to draft',
  in_negotiation: 'Start negotiating',
  pending_signature: 'Send for signature',
  active: 'Record as signed',
  expiring: 'Mark expiring',
  expired: 'Mark expired',
  terminated: 'Terminate',
  renewed: 'Renew',
};

/** The words a button says to move an agreement to `to`. */
export function agreementMoveLabel(from: AgreementStatus, to: AgreementStatus): string {
  if (from === 'pending_signature' && to === 'in_negotiation') return 'Back to negotiation';
  return moveLabels[to];
}

/** An amount in minor units as a person reads it: 1234567 EUR as “€12,345.67”. */
export function formatMoney(value: number | null, currency: string | null): string {
  if (value === null || currency === null) return '—';
  const exponent = currencyExponent(currency);
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(value / 10 ** exponent);
  } catch {
    return `${(value / 10 ** exponent).toFixed(exponent)} ${currency}`;
  }
}
