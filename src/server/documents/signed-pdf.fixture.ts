import { bodySha256, type SignedAgreementInput } from './signed-agreement';

/** A made-up agreement of about `pages` pages of text (about 5.6 clauses a page), for tests and the benchmark. */
export function sampleSignedAgreement(pages = 1): SignedAgreementInput {
  const clause = (n: number) =>
    `## ${n}. Clause ${n}\n\nThe parties agree that **clause ${n}** applies to every order placed ` +
    'under this agreement. Each party keeps its own costs, and neither may assign its rights ' +
    'without the written consent of the other, which is not to be unreasonably withheld.\n\n' +
    `- Obligation ${n}.a: report quarterly\n- Obligation ${n}.b: keep records for seven years\n`;
  const body = Array.from({ length: Math.round(pages * 5.6) }, (_, i) => clause(i + 1)).join('\n');
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 6, 9, minutes, 0));
  return {
    workspace: 'Northwind Traders',
    partner: 'Acme (Europe) Ltd',
    title: 'Reseller agreement 2027',
    type: 'Reseller',
    effectiveOn: '2027-01-01',
    endOn: '2027-12-31',
    governingLaw: 'Laws of Ireland',
    version: { number: 3, body, files: [], sha256: bodySha256(body), frozenAt: at(0) },
    signers: [
      {
        name: 'Dana Whitfield',
        side: 'us',
        role: 'Chief Executive Officer',
        signedAt: at(12),
        ipAddress: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
      },
      {
        name: 'Jörg Ångström',
        side: 'partner',
        role: 'Head of Legal',
        signedAt: at(47),
        ipAddress: '2001:db8::42',
        userAgent: null,
      },
    ],
    trail: [
      { at: at(0), who: 'Dana Whitfield', what: 'Sent version 3 for signature' },
      { at: at(12), who: 'Dana Whitfield', what: 'Signed' },
      { at: at(47), who: 'Jörg Ångström', what: 'Signed' },
      { at: at(47), who: 'Tandem', what: 'Agreement became active' },
    ],
    generatedAt: at(48),
  };
}
