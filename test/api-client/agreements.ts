import { describe, expect, it } from 'vitest';
import {
  adminSession,
  api,
  clientFor,
  etagOf,
  must,
  partnerId,
  sendForSignature,
  world,
} from './shared';

/** The client test's groups for agreements (signers, versions, signing, obligations, files), compliance requirements and renewals. */

export function describeAgreements() {
  describe('agreements', () => {
    it('starts an agreement, adds and removes a signer, moves, lists and deletes it', async () => {
      const created = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'nda', title: 'Mutual NDA', value: 100, currency: 'EUR' },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'agreement').id;
      const changed = await api.PATCH('/api/v1/agreements/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { endOn: '2027-12-31' },
      });
      expect(changed.data?.endOn).toBe('2027-12-31');
      const signed = await api.POST('/api/v1/agreements/{id}/signers', {
        params: { path: { id }, header: { 'if-match': etagOf(changed.response) } },
        body: { side: 'us', memberId: world.a.members.admin.memberId, role: 'CEO' },
      });
      const signerId = must(signed.data?.signers[0], 'signer').id;
      const signers = await api.GET('/api/v1/agreements/{id}/signers', {
        params: { path: { id } },
      });
      expect(signers.data?.items).toHaveLength(1);
      const unsigned = await api.DELETE('/api/v1/agreements/{id}/signers/{signerId}', {
        params: { path: { id, signerId }, header: { 'if-match': etagOf(signed.response) } },
      });
      expect(unsigned.data?.signers).toEqual([]);
      const moved = await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(unsigned.response) } },
        body: { to: 'in_negotiation' },
      });
      expect(moved.data?.status).toBe('in_negotiation');
      const back = await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(moved.response) } },
        body: { to: 'draft' },
      });
      expect(
        (await api.GET('/api/v1/agreements/{id}', { params: { path: { id } } })).data?.status,
      ).toBe('draft');
      const listed = await api.GET('/api/v1/agreements', {
        params: { query: { partnerId: [partnerId], type: ['nda'], endTo: '2027-12-31' } },
      });
      expect(listed.data?.items.map((agreement) => agreement.id)).toEqual([id]);
      const removed = await api.DELETE('/api/v1/agreements/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(back.response) } },
      });
      expect(removed.response.status).toBe(204);
    });

    it('writes versions, compares two as a redline, and freezes the latest when sent for signature', async () => {
      const created = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'nda', title: 'Versioned NDA' },
      });
      const id = must(created.data, 'agreement').id;
      const first = await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { body: 'Each party keeps secrets.' },
      });
      expect(first.data?.number).toBe(1);
      const second = await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(first.response) } },
        body: {},
      });
      const edited = await api.PATCH('/api/v1/agreements/{id}/versions/{number}', {
        params: { path: { id, number: 2 }, header: { 'if-match': etagOf(second.response) } },
        body: { body: 'Each party keeps all secrets.' },
      });
      expect(edited.data?.body).toBe('Each party keeps all secrets.');
      const list = await api.GET('/api/v1/agreements/{id}/versions', { params: { path: { id } } });
      expect(list.data?.items.map((v) => v.number)).toEqual([1, 2]);
      const one = await api.GET('/api/v1/agreements/{id}/versions/{number}', {
        params: { path: { id, number: 1 } },
      });
      expect(one.data?.body).toBe('Each party keeps secrets.');
      const redline = await api.GET('/api/v1/agreements/{id}/redline', {
        params: { path: { id }, query: { from: 1, to: 2 } },
      });
      expect(redline.data?.parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual([
        'all ',
      ]);
      const pdf = await api.GET('/api/v1/agreements/{id}/redline.pdf', {
        params: { path: { id }, query: { from: 1, to: 2 } },
        parseAs: 'arrayBuffer',
      });
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
      const negotiating = await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(edited.response) } },
        body: { to: 'in_negotiation' },
      });
      await api.POST('/api/v1/agreements/{id}/transitions', {
        params: { path: { id }, header: { 'if-match': etagOf(negotiating.response) } },
        body: { to: 'pending_signature' },
      });
      const frozen = await api.GET('/api/v1/agreements/{id}/versions/{number}', {
        params: { path: { id, number: 2 } },
      });
      expect(frozen.data?.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('sends for signature, signs for both sides (in the app and by link), and downloads the signed PDF', async () => {
      const contact = await api.POST('/api/v1/contacts', {
        body: { partnerId, firstName: 'Sam', lastName: 'Signer', email: 'sam.signer@partner.test' },
      });
      const contactId = must(contact.data, 'contact').id;
      const created = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'referral', title: 'Referral terms' },
      });
      const id = must(created.data, 'agreement').id;
      const text = await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { body: 'Each referral earns 10%.' },
      });
      expect(text.response.status).toBe(201);
      await sendForSignature(id, contactId);
      const signing = await api.GET('/api/v1/agreements/{id}/signing', {
        params: { path: { id } },
      });
      const sha256 = must(signing.data?.version, 'frozen version').sha256;
      const [us, them] = signing.data?.signers ?? [];
      const ours = await adminSession.POST('/api/v1/agreements/{id}/signers/{signerId}/signature', {
        params: { path: { id, signerId: must(us, 'our signer').id } },
        body: { sha256, typedName: 'A admin', authorityConfirmed: true },
      });
      expect(ours.response.status).toBe(201);
      const link = await api.POST('/api/v1/agreements/{id}/signers/{signerId}/signing-link', {
        params: { path: { id, signerId: must(them, 'their signer').id } },
        body: { expiresInDays: 3 },
      });
      const token = must(link.data?.signingUrl, 'signing url').split('#token=')[1] ?? '';
      const anonymous = clientFor();
      const view = await anonymous.POST('/api/v1/signing/view', { body: { token } });
      expect(view.data?.signer.name).toBe('Sam Signer');
      const theirs = await anonymous.POST('/api/v1/signing/signature', {
        body: { token, sha256, typedName: 'Sam Signer', authorityConfirmed: true },
      });
      expect(theirs.data?.signer.signedAt).not.toBeNull();
      const pdf = await api.GET('/api/v1/agreements/{id}/signed.pdf', {
        params: { path: { id } },
        parseAs: 'arrayBuffer',
      });
      expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    });

    it('adds a recurring obligation, marks an occurrence done, makes a task of the next, reads, lists and deletes it', async () => {
      const agreement = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'reseller', title: 'Reseller' },
      });
      const id = must(agreement.data, 'agreement').id;
      const created = await api.POST('/api/v1/agreements/{id}/obligations', {
        params: { path: { id } },
        body: {
          description: 'Monthly sales report',
          party: 'partner',
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1',
          startsOn: '2027-01-01',
        },
      });
      expect(created.response.status).toBe(201);
      const obligationId = must(created.data, 'obligation').id;
      const done = await api.PATCH('/api/v1/agreements/{id}/obligations/{obligationId}', {
        params: { path: { id, obligationId }, header: { 'if-match': etagOf(created.response) } },
        body: { doneThrough: '2027-01-31' },
      });
      expect(done.data?.nextDueOn).toBe('2027-02-28');
      const task = await api.POST('/api/v1/agreements/{id}/obligations/{obligationId}/tasks', {
        params: { path: { id, obligationId } },
        body: { occursOn: '2027-02-28' },
      });
      expect(task.response.status).toBe(201);
      expect(task.data).toMatchObject({ title: 'Monthly sales report', dueDate: '2027-02-28' });
      const one = await api.GET('/api/v1/agreements/{id}/obligations/{obligationId}', {
        params: { path: { id, obligationId } },
      });
      expect(one.data?.doneThrough).toBe('2027-01-31');
      const listed = await api.GET('/api/v1/agreements/{id}/obligations', {
        params: { path: { id } },
      });
      expect(listed.data?.items.map((o) => o.id)).toEqual([obligationId]);
      const removed = await api.DELETE('/api/v1/agreements/{id}/obligations/{obligationId}', {
        params: { path: { id, obligationId }, header: { 'if-match': etagOf(done.response) } },
      });
      expect(removed.response.status).toBe(204);
    });

    it('attaches files to a version and an obligation, lists, downloads and removes them', async () => {
      const agreement = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'reseller', title: 'Reseller with files' },
      });
      const id = must(agreement.data, 'agreement').id;
      await api.POST('/api/v1/agreements/{id}/versions', {
        params: { path: { id }, header: { 'if-match': etagOf(agreement.response) } },
        body: { body: 'Text' },
      });
      const form = (name: string, text: string) => {
        const data = new FormData();
        data.append('file', new Blob([text], { type: 'text/plain' }), name);
        return data;
      };
      const added = await api.POST('/api/v1/agreements/{id}/versions/{number}/attachments', {
        params: { path: { id, number: 1 } },
        body: { file: '' },
        bodySerializer: () => form('terms.txt', 'Terms ✓'),
      });
      expect(added.response.status).toBe(201);
      const attachmentId = must(added.data, 'attachment').id;
      const listed = await api.GET('/api/v1/agreements/{id}/versions/{number}/attachments', {
        params: { path: { id, number: 1 } },
      });
      expect(listed.data?.items.map((a) => a.fileName)).toEqual(['terms.txt']);
      const file = await api.GET('/api/v1/agreements/{id}/attachments/{attachmentId}', {
        params: { path: { id, attachmentId } },
        parseAs: 'text',
      });
      expect(file.data).toBe('Terms ✓');
      const obligation = await api.POST('/api/v1/agreements/{id}/obligations', {
        params: { path: { id } },
        body: { description: 'Annual audit', party: 'us', dueOn: '2027-06-30' },
      });
      const obligationId = must(obligation.data, 'obligation').id;
      const evidence = await api.POST(
        '/api/v1/agreements/{id}/obligations/{obligationId}/attachments',
        {
          params: { path: { id, obligationId } },
          body: { file: '' },
          bodySerializer: () => form('audit.txt', 'Audited'),
        },
      );
      expect(evidence.response.status).toBe(201);
      const evidenceList = await api.GET(
        '/api/v1/agreements/{id}/obligations/{obligationId}/attachments',
        { params: { path: { id, obligationId } } },
      );
      expect(evidenceList.data?.items).toHaveLength(1);
      const removed = await api.DELETE('/api/v1/agreements/{id}/attachments/{attachmentId}', {
        params: { path: { id, attachmentId } },
      });
      expect(removed.response.status).toBe(204);
    });
  });
}

export function describeComplianceRequirements() {
  describe('compliance requirements', () => {
    it('adds, changes and lists requirements, and marks an agreement’s entry met', async () => {
      const created = await api.POST('/api/v1/compliance-requirements', {
        body: { title: 'Security review', appliesTo: ['technology'], blocks: 'pending_signature' },
      });
      expect(created.response.status).toBe(201);
      const id = must(created.data, 'requirement').id;
      const one = await api.GET('/api/v1/compliance-requirements/{id}', {
        params: { path: { id } },
      });
      expect(one.data?.blocks).toBe('pending_signature');
      const changed = await api.PATCH('/api/v1/compliance-requirements/{id}', {
        params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
        body: { description: 'The review’s reference is the evidence' },
      });
      expect(changed.data?.version).toBe(2);
      const listed = await api.GET('/api/v1/compliance-requirements', {
        params: { query: { archived: 'false' } },
      });
      expect(listed.data?.items.map((r) => r.id)).toContain(id);
      const agreement = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'technology', title: 'Integration' },
      });
      const agreementId = must(agreement.data, 'agreement').id;
      const checklist = await api.GET('/api/v1/agreements/{id}/requirements', {
        params: { path: { id: agreementId } },
      });
      const entry = must(checklist.data?.items[0], 'entry');
      const met = await api.PATCH('/api/v1/agreements/{id}/requirements/{requirementId}', {
        params: {
          path: { id: agreementId, requirementId: entry.id },
          header: { 'if-match': `"${entry.version}"` },
        },
        body: { status: 'met', evidence: 'SR-1' },
      });
      expect(met.data?.status).toBe('met');
    });

    it('takes a renewal decision on an agreement in force', async () => {
      const created = await api.POST('/api/v1/agreements', {
        body: { partnerId, type: 'reseller', title: 'Reseller', endOn: '2027-12-31' },
      });
      const id = must(created.data, 'agreement').id;
      let response = (
        await api.POST('/api/v1/agreements/{id}/versions', {
          params: { path: { id }, header: { 'if-match': etagOf(created.response) } },
          body: { body: 'The reseller resells.' },
        })
      ).response;
      for (const to of ['in_negotiation', 'pending_signature', 'active'] as const) {
        response = (
          await api.POST('/api/v1/agreements/{id}/transitions', {
            params: { path: { id }, header: { 'if-match': etagOf(response) } },
            body: { to },
          })
        ).response;
      }
      const renewed = await api.POST('/api/v1/agreements/{id}/renewal', {
        params: { path: { id }, header: { 'if-match': etagOf(response) } },
        body: { decision: 'renew', termMonths: 12 },
      });
      expect(renewed.data?.agreement.status).toBe('renewed');
      expect(renewed.data?.next).toMatchObject({ renewedFromId: id, endOn: '2028-12-31' });
    });

    it('lists the renewals coming up within 90 days, with the value at stake per currency', async () => {
      const renewals = await api.GET('/api/v1/agreements/renewals', {
        params: { query: { within: '90', type: ['reseller'] } },
      });
      expect(renewals.response.status).toBe(200);
      expect(renewals.data?.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(renewals.data?.totals)).toBe(true);
    });
  });
}
