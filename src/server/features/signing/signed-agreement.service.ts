import type { Scope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { signPdf } from '../../documents/sign-pdf';
import { renderSignedAgreement, type SignedAgreementInput } from '../../documents/signed-agreement';
import { workspaceSigningIdentity } from './signing-keys';

/**
 * The seam the signing flow calls once everyone has signed: the agreement and its certificate
 * page as a PDF, signed with the workspace's certificate. The caller reads the agreement, its
 * frozen version, signers and trail in its own scope checks and passes them in as plain values.
 */
export async function signedAgreementPdf(
  ctx: ServiceContext,
  scope: Scope,
  input: SignedAgreementInput,
): Promise<Buffer> {
  const identity = await workspaceSigningIdentity(ctx, scope);
  const pdf = await renderSignedAgreement(input);
  return signPdf(pdf, identity, {
    name: input.workspace,
    reason: `${input.title}, version ${input.version.number}: signed by all parties`,
    signingTime: input.generatedAt,
  });
}
