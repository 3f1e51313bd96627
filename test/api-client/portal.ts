import { describe, expect, it } from 'vitest';
import { seedPartnerUser, signIn } from '../factories';
import {
  adminSession,
  api,
  clientFor,
  etagOf,
  must,
  partnerId,
  sendForSignature,
  t,
  world,
} from './shared';

/** The client test's group for the partner portal: what a partner user sees and signs. */

export function describePortal() {
  describe('portal', () => {
    it('shows a partner user what is shared with their partner, and only that', async () => {
      const shared = { partnerId, visibility: 'partner' as const };
      const interaction = await api.POST('/api/v1/interactions', {
        body: {
          ...shared,
          kind: 'call',
          occurredAt: '2026-03-03T09:00:00.000Z',
          summary: 'Shared',
        },
      });
      const issue = await api.POST('/api/v1/issues', {
        body: { ...shared, title: 'Shared issue' },
      });
      const interactionId = must(interaction.data, 'interaction').id;
      const issueId = must(issue.data, 'issue').id;

      const portalUser = await seedPartnerUser(t.database, world.a, partnerId, 'partner_admin');
      const portal = clientFor({ cookie: await signIn(t.app, portalUser.email) });
      expect((await portal.GET('/api/v1/portal/me')).data?.partner.id).toBe(partnerId);
      const overview = await portal.GET('/api/v1/portal/overview');
      expect(overview.data?.interactions).toBe(1);
      expect(overview.data?.issues.open).toBe(1);

      const interactions = await portal.GET('/api/v1/portal/interactions');
      expect(interactions.data?.items.map((i) => i.id)).toEqual([interactionId]);
      const oneInteraction = await portal.GET('/api/v1/portal/interactions/{id}', {
        params: { path: { id: interactionId } },
      });
      expect(oneInteraction.data?.summary).toBe('Shared');
      const issues = await portal.GET('/api/v1/portal/issues', {
        params: { query: { status: ['open'] } },
      });
      expect(issues.data?.items.map((i) => i.id)).toEqual([issueId]);
      const oneIssue = await portal.GET('/api/v1/portal/issues/{id}', {
        params: { path: { id: issueId } },
      });
      expect(oneIssue.data?.title).toBe('Shared issue');

      // Admins read what was shown: here the issue, as a list row and opened on its own.
      const disclosed = await api.GET('/api/v1/disclosures', {
        params: { query: { recordId: issueId } },
      });
      expect(disclosed.data?.items.map((d) => d.view).sort()).toEqual(['list', 'record']);
    });

    it('lets a partner user read an agreement sent for signature and sign it as its signer', async () => {
      const portalUser = await seedPartnerUser(t.database, world.a, partnerId, 'partner_member');
      const portal = clientFor({ cookie: await signIn(t.app, portalUser.email) });
      const contact = await api.POST('/api/v1/contacts', {
        body: {
          partnerId,
          firstName: 'Partner',
          lastName: 'partner_member',
          email: portalUser.email,
        },
      });
      const created = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'nda', title: 'Mutual NDA' },
      });
      const id = must(created.data, 'agreement').id;
      await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { body: 'Both keep it secret.' },
      });
      await sendForSignature(id, must(contact.data, 'contact').id);
      const listed = await portal.GET('/api/v1/portal/agreements');
      expect(listed.data?.items.map((a) => a.id)).toContain(id);
      const detail = await portal.GET('/api/v1/portal/agreements/{id}', {
        params: { path: { id } },
      });
      const version = must(detail.data?.version, 'frozen version');
      const mine = must(
        detail.data?.signers.find((s) => s.you),
        'their signer',
      );
      const noFile = await portal.GET('/api/v1/portal/agreements/{id}/files/{fileId}', {
        params: { path: { id, fileId: mine.id } },
      });
      expect(noFile.response.status).toBe(404);
      const signed = await portal.POST(
        '/api/v1/portal/agreements/{id}/signers/{signerId}/signature',
        {
          params: { path: { id, signerId: mine.id } },
          body: { sha256: version.sha256, typedName: mine.name, authorityConfirmed: true },
        },
      );
      expect(signed.data?.signers.find((s) => s.you)?.signedAt).not.toBeNull();
      const us = must(
        detail.data?.signers.find((s) => s.side === 'us'),
        'our signer',
      );
      await adminSession.POST('/api/v1/agreements/{id}/signers/{signerId}/signature', {
        params: { path: { id, signerId: us.id } },
        body: { sha256: version.sha256, typedName: 'A admin', authorityConfirmed: true },
      });
      const pdf = await portal.GET('/api/v1/portal/agreements/{id}/signed.pdf', {
        params: { path: { id } },
        parseAs: 'arrayBuffer',
      });
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    });
  });
}
