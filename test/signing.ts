import { afterAll, beforeAll, expect } from 'vitest';
import { seedWorld, signIn, type World } from './factories';
import { createTestApp, expectDenied, request, type TestApp } from './harness';
import { multipart } from './multipart';

type Options = Parameters<typeof request>[1];

export const agreementText = '# Reseller agreement\n\nThe reseller shall **resell**.';

export const signBody = (sha256: string, typedName: string) => ({
  sha256,
  typedName,
  authorityConfirmed: true,
});

/** The agreement a test made and sent for signature, with its two signers. */
export type PendingAgreement = Awaited<ReturnType<ReturnType<typeof signingWorld>['pending']>>;

/**
 * The signing tests' shared set-up: a fresh app with two workspaces, cookies for workspace A's
 * member (our signer) and admin, and agreements sent for signature with one signer a side.
 */
export function signingWorld() {
  const state = {} as { t: TestApp; world: World; memberCookie: string; adminCookie: string };
  let serial = 0;
  beforeAll(async () => {
    state.t = await createTestApp();
    state.world = await seedWorld(state.t.database);
    state.memberCookie = await signIn(state.t.app, state.world.a.members.member.email);
    state.adminCookie = await signIn(
      state.t.app,
      state.world.a.members.admin.email,
      undefined,
      '10.0.0.2',
    );
  });
  afterAll(() => state.t.close());

  const send = (options: Options) => request(state.t.app, options);

  async function okAs(key: string, options: Options, status: number) {
    const res = await send({ key, ...options });
    expect(res.statusCode, res.body).toBe(status);
    return res;
  }

  /** A request that must succeed, as workspace A's manager unless it says otherwise. */
  const ok = (options: Options, status = 200) =>
    okAs(state.world.a.members.manager.key, options, status);

  /** A request that must be refused with this status and code: nothing changed (`expectDenied`). */
  async function refused(status: number, code: string, options: Options, field?: string) {
    const res = await expectDenied(state.t, status, options);
    expect(res.json()).toMatchObject({ code, ...(field ? { errors: [{ field }] } : {}) });
    return res;
  }

  /**
   * An agreement of a partner of workspace A (or B) sent for signature: the workspace's member
   * signs for us, a new contact of the partner signs (named and addressed as given, else made up).
   */
  async function pending(
    options: {
      workspace?: 'a' | 'b';
      partnerIndex?: 0 | 1;
      type?: string;
      contact?: { firstName: string; lastName: string; email: string };
      /** Files attached to the version before it is frozen. */
      files?: Array<{ name: string; bytes: Buffer }>;
    } = {},
  ) {
    serial += 1;
    const workspace = state.world[options.workspace ?? 'a'];
    const partnerId = workspace.partners[options.partnerIndex ?? 0];
    const ok = (request: Options, status = 200) =>
      okAs(workspace.members.manager.key, request, status);
    const person = options.contact ?? {
      firstName: 'Pat',
      lastName: `Partner${serial}`,
      email: `pat${serial}@partner.test`,
    };
    const contact = (
      await ok({ method: 'POST', url: '/api/v1/contacts', payload: { partnerId, ...person } }, 201)
    ).json();
    const payload = { partnerId, type: options.type ?? 'reseller', title: `Deal ${serial}` };
    const agreement = (
      await ok({ method: 'POST', url: '/api/v1/agreements', payload }, 201)
    ).json();
    const url = `/api/v1/agreements/${agreement.id}`;
    let etag = '"1"';
    const step = async (options: Options, status = 200) => {
      const res = await ok({ ...options, headers: { 'if-match': etag } }, status);
      if (res.headers.etag) etag = String(res.headers.etag);
      return res;
    };
    await step({ method: 'POST', url: `${url}/versions`, payload: { body: agreementText } }, 201);
    for (const file of options.files ?? [])
      await ok(
        {
          method: 'POST',
          url: `${url}/versions/1/attachments`,
          ...multipart(file.name, file.bytes),
        },
        201,
      );
    etag = `"${(await ok({ method: 'GET', url })).json().version}"`;
    const memberId = workspace.members.member.memberId;
    await step({
      method: 'POST',
      url: `${url}/signers`,
      payload: { side: 'us', memberId, role: 'COO' },
    });
    await step({
      method: 'POST',
      url: `${url}/signers`,
      payload: { side: 'partner', contactId: contact.id, role: 'CEO' },
    });
    await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'in_negotiation' } });
    await step({ method: 'POST', url: `${url}/transitions`, payload: { to: 'pending_signature' } });
    const signing = (await ok({ method: 'GET', url: `${url}/signing` })).json();
    return {
      id: agreement.id as string,
      url,
      sha256: signing.version.sha256 as string,
      us: signing.signers.find((s: { side: string }) => s.side === 'us'),
      them: signing.signers.find((s: { side: string }) => s.side === 'partner'),
      email: contact.email as string,
      etag,
    };
  }

  /** Sends the partner signer their link (no SMTP here, so the answer carries it). */
  async function sendLink(a: { url: string; them: { id: string } }) {
    const res = await ok(
      { method: 'POST', url: `${a.url}/signers/${a.them.id}/signing-link`, payload: {} },
      201,
    );
    const url = res.json().signingUrl as string;
    return { sent: res.json(), token: url.split('#token=')[1] ?? '' };
  }

  /** Our member signs for our side in the app. */
  const signAsMember = (a: { url: string; us: { id: string }; sha256: string }) =>
    ok(
      {
        method: 'POST',
        url: `${a.url}/signers/${a.us.id}/signature`,
        key: undefined,
        cookie: state.memberCookie,
        payload: signBody(a.sha256, 'A member'),
      },
      201,
    );

  /** The audit actions written about a record, oldest first. */
  const actions = async (id: string) =>
    (
      (
        await state.t.database.sql(
          `SELECT action FROM audit_events WHERE entity_id = '${id}' ORDER BY id`,
        )
      ).rows as Array<{ action: string }>
    ).map((row) => row.action);

  return { state, send, ok, refused, pending, sendLink, signAsMember, actions };
}
