import { createRequire } from 'node:module';
import type MarkdownItModule from 'markdown-it';
import type { Content } from 'pdfmake/interfaces';

const require = createRequire(import.meta.url);
type MarkdownIt = InstanceType<typeof MarkdownItModule>;
let parser: MarkdownIt | undefined;

/** Made with the first PDF, not at start. No raw HTML: text a user wrote stays text (DESIGN §11). */
function markdown(): MarkdownIt {
  parser ??= new (require('markdown-it') as typeof MarkdownItModule)({
    html: false,
    linkify: false,
  });
  return parser;
}
type Token = ReturnType<MarkdownIt['parse']>[number];

/** Links a PDF may carry: the web and mail; anything else is shown as its text. */
export function isAllowedLink(href: string): boolean {
  return /^(https?:|mailto:)/i.test(href.trim());
}

type Inline = { text: string; bold?: boolean; italics?: boolean; link?: string; color?: string };

function inlines(tokens: Token[]): Inline[] {
  const out: Inline[] = [];
  let bold = 0;
  let italics = 0;
  let link: string | undefined;
  for (const token of tokens) {
    switch (token.type) {
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italics++;
        break;
      case 'em_close':
        italics--;
        break;
      case 'link_open': {
        const href = String(token.attrGet('href') ?? '');
        link = isAllowedLink(href) ? href : undefined;
        break;
      }
      case 'link_close':
        link = undefined;
        break;
      case 'softbreak':
        out.push({ text: ' ' });
        break;
      case 'hardbreak':
        out.push({ text: '\n' });
        break;
      case 'text':
      case 'code_inline':
      case 'image':
        if (token.content === '' && token.type !== 'image') break;
        out.push({
          text:
            token.type === 'image'
              ? token.content || String(token.attrGet('alt') ?? '')
              : token.content,
          ...(bold > 0 ? { bold: true } : {}),
          ...(italics > 0 ? { italics: true } : {}),
          ...(link ? { link, color: '#1864ab' } : {}),
        });
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Markdown as pdfmake content: paragraphs, headings, lists (nested), emphasis, links to the web
 * or mail, quotes and code as plain text. Never HTML, never an image fetched.
 */
export function markdownToPdf(source: string): Content[] {
  const tokens = markdown().parse(source, {});
  const root: Content[] = [];
  const stack: Array<{ items: Content[]; ordered: boolean }> = [];
  let quote = 0;
  let heading = false;
  const add = (content: Content) => {
    const list = stack[stack.length - 1];
    if (list) list.items.push(content);
    else root.push(content);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        stack.push({ items: [], ordered: token.type === 'ordered_list_open' });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close': {
        const list = stack.pop();
        if (list)
          add(
            list.ordered
              ? { ol: list.items, margin: [0, 0, 0, 6] }
              : { ul: list.items, margin: [0, 0, 0, 6] },
          );
        break;
      }
      case 'blockquote_open':
        quote++;
        break;
      case 'blockquote_close':
        quote--;
        break;
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'inline':
        add({
          text: inlines(token.children ?? []),
          ...(heading ? { bold: true, fontSize: 11 } : {}),
          ...(quote > 0 ? { italics: true, margin: [12, 0, 0, 6] } : { margin: [0, 0, 0, 6] }),
        });
        break;
      case 'fence':
      case 'code_block':
        add({ text: token.content.replace(/\n$/, ''), fontSize: 9, margin: [12, 0, 0, 6] });
        break;
      default:
        break;
    }
  }
  return root;
}
