import { createHash } from 'node:crypto';
import type { Agreement } from '../../../domain/agreements';
import { messages } from '../../../domain/messages';
import type { Scope } from '../../access/scope';
import type { Db, Tx } from '../../db/client';
import { versionHash } from '../../documents/version-hash';
import { errors } from '../../http/errors';
import { versionFiles } from '../attachments/attachments.manifest';
import { partnerContactRefs } from '../contacts/contacts.service';
import { findLatestVersion, updateVersionRow } from './agreements.versions.queries';

/** SHA-256 of a text's UTF-8 bytes, lowercase hex: what a frozen version is known by. */
export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The partner's signers must still be contacts of the agreement's partner when it goes for
 * signature (a contact may have moved to another partner since being added): 409 naming them.
 */
async function assertSignersOfPartner(tx: Tx, scope: Scope, agreement: Agreement) {
  const contactIds = agreement.signers.flatMap((s) => (s.contactId ? [s.contactId] : []));
  if (contactIds.length === 0) return;
  const found = new Set(
    (await partnerContactRefs(tx, scope, agreement.partnerId, { ids: contactIds })).map(
      (c) => c.id,
    ),
  );
  const moved = agreement.signers.filter((s) => s.contactId && !found.has(s.contactId));
  if (moved.length === 0) return;
  throw errors.conflict(
    'signer_not_of_partner',
    `Not a contact of ${agreement.partnerName} any more: ${moved.map((s) => s.name).join(', ')}`,
    { signerIds: moved.map((s) => s.id) },
    moved.map((s) => ({
      field: `signers.${agreement.signers.indexOf(s)}.contactId`,
      code: 'signer_not_of_partner',
      message: messages.signerElsewhere,
    })),
  );
}

/**
 * Sending an agreement for signature freezes its latest version in the same transaction: its
 * text and files can no longer change, and its SHA-256 is kept (of the text alone, or of a
 * manifest of the text and its files when it has any: `versionHash`, decision 057). No version is 409 `no_version`. A version
 * frozen before (the agreement came back to negotiation unchanged) stays as it was.
 */
export async function freezeForSignature(tx: Tx, scope: Scope, agreement: Agreement) {
  const latest = await findLatestVersion(tx, scope, agreement.id);
  if (!latest)
    throw errors.conflict('no_version', 'The agreement has no text to send for signature', {}, [
      { field: 'to', code: 'no_version', message: messages.noVersion },
    ]);
  await assertSignersOfPartner(tx, scope, agreement);
  if (latest.frozenAt) return latest;
  const frozen = await updateVersionRow(tx, scope, agreement.id, latest.number, {
    frozenAt: new Date(),
    sha256: versionHash({
      body: latest.body,
      files: await versionFiles(tx, scope, agreement.id, latest.id),
    }),
  });
  if (!frozen) throw new Error('a version frozen under a lock changed');
  return frozen;
}

/** The version sent for signature: the latest, once frozen; null before (or without text). */
export async function frozenVersionOf(db: Db | Tx, scope: Scope, agreementId: string) {
  const latest = await findLatestVersion(db, scope, agreementId);
  return latest?.frozenAt && latest.sha256
    ? { ...latest, frozenAt: latest.frozenAt, sha256: latest.sha256 }
    : null;
}
