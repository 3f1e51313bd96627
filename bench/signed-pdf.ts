/**
 * `npm run bench -- signed-pdf`: seconds to produce and sign a 20-page agreement PDF with its
 * certificate page, in process: render (pdfmake), add the signature placeholder, sign (PKCS#7,
 * SHA-256, RSA 3072). The workspace certificate is made once before, as it is made once per
 * workspace. No baseline: the issue asks for the seconds themselves. Needs no data set.
 */

import { signPdf } from '../src/server/documents/sign-pdf';
import { renderSignedAgreement } from '../src/server/documents/signed-agreement';
import { sampleSignedAgreement } from '../src/server/documents/signed-pdf.fixture';
import { makeSigningCertificate } from '../src/server/documents/signing-certificate';
import { type Figure, median, type Say } from './measure';

const RUNS = 5;
const PAGES = 20;

/** pdfkit writes each page as its own `/Type /Page` object, never in a compressed stream. */
const pagesOf = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;

export async function signedPdfFigures(figure: Figure, say: Say): Promise<void> {
  const input = sampleSignedAgreement(PAGES);
  const identity = await makeSigningCertificate(input.workspace, new Date());
  const once = async () => {
    const started = performance.now();
    const pdf = await signPdf(await renderSignedAgreement(input), identity, {
      name: input.workspace,
      reason: 'Signed by all parties',
      signingTime: new Date(),
    });
    return { seconds: (performance.now() - started) / 1000, pages: pagesOf(pdf) };
  };
  await once(); // warm-up: loads pdfmake, the fonts and node-forge
  const runs: Array<{ seconds: number; pages: number }> = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  say(
    `signed-pdf: ${runs[0]?.pages} pages (20 of text, then the certificate page); ${runs.map((r) => r.seconds.toFixed(3)).join(' ')} s`,
  );
  figure('signed-pdf', `${median(runs.map((r) => r.seconds)).toFixed(3)} s`, 1, 'report');
}
