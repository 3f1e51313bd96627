import type { Agreement, AgreementSigner } from '../../../domain/agreements';
import type { AgreementSignatureCreate } from '../../../domain/signatures';
import { type PartnerScope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import type { Db, Tx } from '../../db/client';
import { withTransaction } from '../../db/unit-of-work';
import { AppError, errors } from '../../http/errors';
import { visibleAgreement } from '../agreements/agreements.service';
import { partnerContactRefs } from '../contacts/contacts.service';
import { countAwaitingContacts, findSignersOfLatestText } from './signing.queries';
import {
  type ErrorLog,
  producePdfQuietly,
  recordSignature,
  type SigningClient,
} from './signing.service';

/**
 * The partner user's contacts at their partner: those with the user's email address, the
 * address a signing link would have been mailed to (decision 063).
 */
async function contactIdsOf(db: Db | Tx, scope: PartnerScope, email: string): Promise<string[]> {
  const contacts = await partnerContactRefs(db, scope, scope.partnerId, {
    emails: [email.toLowerCase()],
  });
  return contacts.map((c) => c.id);
}

/** The partner signers, of those given, the signed-in partner user is. */
export async function signerIdsOf(
  db: Db | Tx,
  scope: PartnerScope,
  email: string,
  signers: AgreementSigner[],
): Promise<Set<string>> {
  const ids = new Set(await contactIdsOf(db, scope, email));
  return new Set(
    signers
      .filter((s) => s.side === 'partner' && s.contactId && ids.has(s.contactId))
      .map((s) => s.id),
  );
}

/**
 * The agreements, of those given, that wait for the partner user's own signature: sent for
 * signature, with a signer who is them and has not signed the text sent.
 */
export async function awaitingSignatureOf(
  db: Db | Tx,
  scope: PartnerScope,
  email: string,
  agreements: Pick<Agreement, 'id' | 'status' | 'signers'>[],
): Promise<Set<string>> {
  const pending = agreements.filter((a) => a.status === 'pending_signature');
  if (pending.length === 0) return new Set();
  const yours = await signerIdsOf(
    db,
    scope,
    email,
    pending.flatMap((a) => a.signers),
  );
  const signed = await findSignersOfLatestText(db, scope, [...yours]);
  return new Set(
    pending
      .filter((a) => a.signers.some((s) => yours.has(s.id) && !signed.has(s.id)))
      .map((a) => a.id),
  );
}

/** How many of the partner's agreements wait for the partner user's own signature. */
export async function countAwaitingSignature(
  db: Db | Tx,
  scope: PartnerScope,
  email: string,
): Promise<number> {
  return countAwaitingContacts(db, scope, scope.partnerId, await contactIdsOf(db, scope, email));
}

/**
 * A partner user signs in the portal as a partner signer they are, with the rules of every
 * signature (`recordSignature`). Their partner scope finds the agreement (404 otherwise); the
 * rows are then read in Tandem's scope, since a partner scope sees no compliance checklist, and
 * the audit events name the partner user.
 */
export async function signInPortal(
  ctx: ServiceContext,
  scope: PartnerScope,
  email: string,
  id: string,
  signerId: string,
  input: AgreementSignatureCreate & SigningClient,
  log: ErrorLog,
): Promise<void> {
  const tandem = systemScope(scope.workspaceId, 'portal');
  const { activated } = await withTransaction(ctx, async (tx, ctx) => {
    await visibleAgreement(tx, scope, id, true);
    const current = await visibleAgreement(tx, tandem, id);
    const signer = current.agreement.signers.find((s) => s.id === signerId);
    if (!signer) throw errors.notFound('signer');
    if (!(await signerIdsOf(tx, scope, email, [signer])).has(signer.id))
      throw new AppError(
        403,
        'not_the_signer',
        'Not allowed',
        'Only the signer signs: a partner signer whose contact has your email address',
      );
    return recordSignature(
      tx,
      ctx,
      tandem,
      current,
      signer,
      { ...input, channel: 'portal' },
      scope,
    );
  });
  if (activated) await producePdfQuietly(ctx, tandem, id, log);
}
