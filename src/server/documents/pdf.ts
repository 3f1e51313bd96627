import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { colors } from './pdf-style';

const require = createRequire(import.meta.url);

type Pdfmake = typeof import('pdfmake');

let ready: Pdfmake | null = null;

/**
 * pdfmake is one object per process: its fonts and access policies are set once, here. The
 * fonts are the Roboto files pdfmake ships, embedded in every PDF; documents may read no URL
 * and no local file but those fonts, so nothing a user typed can make the server fetch a thing.
 */
function pdfmake(): Pdfmake {
  if (ready) return ready;
  const maker = require('pdfmake') as Pdfmake;
  const font = (file: string) => require.resolve(`pdfmake/fonts/Roboto/${file}`);
  const files = {
    normal: font('Roboto-Regular.ttf'),
    bold: font('Roboto-Medium.ttf'),
    italics: font('Roboto-Italic.ttf'),
    bolditalics: font('Roboto-MediumItalic.ttf'),
  };
  const allowed = new Set(Object.values(files));
  maker.setFonts({ Roboto: files });
  maker.setUrlAccessPolicy(() => false);
  maker.setLocalAccessPolicy((path) => allowed.has(path));
  ready = maker;
  return maker;
}

/** What every Tandem PDF says about itself: its title, and who and when in the footer. */
export interface DocumentMeta {
  title: string;
  subject: string;
  /** The workspace's name, in the header of every page. */
  workspace: string;
  /** When the numbers were read, as a person reads it (`5 December 2026, 21:30 UTC`). */
  generated: string;
}

/**
 * A PDF in Tandem's look: A4, the workspace and title on every page, page numbers and the time
 * the figures were read in the footer. `content` is pdfmake content; text in it stays text.
 */
export function tandemDocument(meta: DocumentMeta, content: Content[]): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [48, 64, 48, 56],
    info: { title: meta.title, subject: meta.subject, creator: 'Tandem', producer: 'Tandem' },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: colors.text, lineHeight: 1.25 },
    header: () => ({
      margin: [48, 28, 48, 0],
      columns: [
        { text: meta.workspace, style: 'running' },
        { text: meta.title, style: 'running', alignment: 'right' },
      ],
    }),
    footer: (page, pages) => ({
      margin: [48, 16, 48, 0],
      columns: [
        { text: `Generated ${meta.generated} by Tandem`, style: 'running' },
        { text: `Page ${page} of ${pages}`, style: 'running', alignment: 'right' },
      ],
    }),
    styles: {
      running: { fontSize: 8, color: colors.dimmed },
      title: { fontSize: 20, bold: true, color: colors.primary, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, color: colors.dimmed, margin: [0, 0, 0, 16] },
      heading: { fontSize: 13, bold: true, margin: [0, 16, 0, 6] },
      subheading: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      tableHeader: { bold: true, fontSize: 9, color: colors.dimmed },
      small: { fontSize: 8, color: colors.dimmed },
      figure: { fontSize: 16, bold: true },
    },
    content,
  };
}

/** Renders a document definition to the bytes of a PDF. */
export function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(doc).getBuffer();
}
