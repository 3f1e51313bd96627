import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPartnerUser, seedWorkspace, seedWorld, type World } from '../../../../test/factories';
import { createTestApp, type TestApp } from '../../../../test/harness';
import { itWithPoppler, poppler } from '../../../../test/poppler';
import { type Scope, systemScope } from '../../access/scope';
import type { ServiceContext } from '../../context';
import { auditEvents, workspaceSigningKeys } from '../../db/schema';
import { sampleSignedAgreement } from '../../documents/signed-pdf.fixture';
import { forge } from '../../documents/signing-certificate';
import { unseal } from '../../sealed';
import { signedAgreementPdf } from './signed-agreement.service';
import { workspaceSigningIdentity } from './signing-keys';

let t: TestApp;
let world: World;
let ctx: ServiceContext;
let aScope: Scope;

const keysOf = (workspaceId: string) =>
  t.database.db
    .select()
    .from(workspaceSigningKeys)
    .where(eq(workspaceSigningKeys.workspaceId, workspaceId));
const auditsOf = (workspaceId: string) =>
  t.database.db
    .select({ action: auditEvents.action, actorName: auditEvents.actorName })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId));
const commonName = (pem: string) =>
  forge().pki.certificateFromPem(pem).subject.getField('CN').value as string;

beforeAll(async () => {
  t = await createTestApp();
  world = await seedWorld(t.database);
  ctx = { ...t.ctx, requestId: null };
  aScope = systemScope(world.a.workspaceId, 'cli');
});
afterAll(() => t.close());

describe('workspace signing keys', () => {
  it('makes one certificate per workspace even when two requests race, and audits it once', async () => {
    const [first, second] = await Promise.all([
      workspaceSigningIdentity(ctx, aScope),
      workspaceSigningIdentity(ctx, aScope),
    ]);
    expect(first.certificatePem).toBe(second.certificatePem);
    expect(first.privateKeyPem).toBe(second.privateKeyPem);
    expect(commonName(first.certificatePem)).toBe(world.a.name);
    expect(await keysOf(world.a.workspaceId)).toHaveLength(1);
    const made = (await auditsOf(world.a.workspaceId)).filter(
      (event) => event.action === 'workspace.signing_key_created',
    );
    expect(made).toEqual([{ action: 'workspace.signing_key_created', actorName: 'cli' }]);
    const again = await workspaceSigningIdentity(ctx, aScope);
    expect(again.fingerprint).toBe(first.fingerprint);
  });

  it('keeps the private key sealed at rest, for this workspace and this secret only', async () => {
    const [row] = await keysOf(world.a.workspaceId);
    if (!row) throw new Error('no key');
    expect(row.sealedPrivateKey).not.toContain('PRIVATE KEY');
    expect(row.sealedPrivateKey.startsWith('v1.')).toBe(true);
    const secret = t.ctx.config.secret;
    expect(
      unseal(secret, `workspace-signing-key:${world.a.workspaceId}`, row.sealedPrivateKey),
    ).toContain('PRIVATE KEY');
    expect(() =>
      unseal(secret, `workspace-signing-key:${world.b.workspaceId}`, row.sealedPrivateKey),
    ).toThrow();
    expect(() =>
      unseal(
        `${secret}-other`,
        `workspace-signing-key:${world.a.workspaceId}`,
        row.sealedPrivateKey,
      ),
    ).toThrow();
  });

  it('gives another workspace its own certificate and leaves the first one unchanged', async () => {
    const before = await keysOf(world.a.workspaceId);
    const b = await workspaceSigningIdentity(ctx, systemScope(world.b.workspaceId, 'cli'));
    expect(commonName(b.certificatePem)).toBe(world.b.name);
    expect(b.certificatePem).not.toBe(before[0]?.certificatePem);
    expect(await keysOf(world.a.workspaceId)).toEqual(before);
  });

  it('is made for a partner user who signs last, in their own workspace, naming them', async () => {
    const c = await seedWorkspace(t.database, 'C');
    const partner = await seedPartnerUser(t.database, c, c.partners[0], 'partner_admin');
    const others = await Promise.all([keysOf(world.a.workspaceId), keysOf(world.b.workspaceId)]);
    const scope: Scope = {
      kind: 'partner',
      workspaceId: c.workspaceId,
      role: 'partner_admin',
      userId: partner.userId,
      partnerId: c.partners[0],
    };
    const made = await workspaceSigningIdentity(ctx, scope);
    expect(commonName(made.certificatePem)).toBe(c.name);
    expect(await keysOf(c.workspaceId)).toHaveLength(1);
    expect(await auditsOf(c.workspaceId)).toContainEqual({
      action: 'workspace.signing_key_created',
      actorName: 'Partner partner_admin',
    });
    expect(await Promise.all([keysOf(world.a.workspaceId), keysOf(world.b.workspaceId)])).toEqual(
      others,
    );
  });
});

describe('signedAgreementPdf', () => {
  itWithPoppler('signs with the workspace certificate, which pdfsig finds valid', async () => {
    const input = { ...sampleSignedAgreement(1), workspace: world.a.name };
    const pdf = await signedAgreementPdf(ctx, aScope, input);
    const report = poppler('pdfsig', pdf);
    expect(report).toContain(`Signer Certificate Common Name: ${world.a.name}`);
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(await keysOf(world.a.workspaceId)).toHaveLength(1);
  });
});
