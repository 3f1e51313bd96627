import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdown,
  fillDocument,
  fillText,
  formatMoney,
  inspectText,
  templateValuesOf,
  templateVariableNames,
} from './contract-text';

const values = {
  'workspace.name': 'Tandem Labs',
  'partner.name': 'AT&T',
  'agreement.effective_date': '2027-01-01',
  'agreement.governing_law': null,
};

describe('inspectText', () => {
  it('lists the variables in order of first use', () => {
    expect(
      inspectText('{{partner.name}} and {{workspace.name}}, {{partner.name}} {{! a note }}'),
    ).toEqual({ variables: ['partner.name', 'workspace.name'], problems: [] });
  });

  it('names unknown variables once', () => {
    const { problems } = inspectText('{{partner.nmae}} {{partner.nmae}} {{x}}');
    expect(problems.map((p) => [p.code, p.name])).toEqual([
      ['variable_unknown', 'partner.nmae'],
      ['variable_unknown', 'x'],
    ]);
  });

  it('refuses sections, partials, unescaped tags and delimiter changes, naming them', () => {
    for (const [text, name] of [
      ['{{#partner.name}}x{{/partner.name}}', 'partner.name'],
      ['{{^partner.name}}x{{/partner.name}}', 'partner.name'],
      ['{{> footer}}', 'footer'],
      ['{{{partner.name}}}', 'partner.name'],
      ['{{& partner.name}}', 'partner.name'],
    ] as const) {
      const { problems } = inspectText(text);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ code: 'tag_not_allowed', name });
    }
    expect(inspectText('{{=<% %>=}}').problems[0]).toMatchObject({ code: 'tag_not_allowed' });
  });

  it('an unclosed tag is a syntax problem', () => {
    expect(inspectText('Between {{partner.name and us').problems[0]).toMatchObject({
      code: 'template_syntax',
      name: null,
    });
  });
});

describe('fillText', () => {
  it('fills values without HTML escaping', () => {
    expect(fillText('Between {{workspace.name}} and {{partner.name}}.', values)).toEqual({
      ok: true,
      text: 'Between Tandem Labs and AT&T.',
    });
  });

  it('an empty or missing known variable is an error naming it, never a blank', () => {
    const result = fillText(
      '{{agreement.governing_law}} {{agreement.end_date}} {{partner.name}}',
      values,
    );
    expect(result).toMatchObject({
      ok: false,
      problems: [
        { code: 'variable_empty', name: 'agreement.governing_law' },
        { code: 'variable_empty', name: 'agreement.end_date' },
      ],
    });
    expect(fillText('{{partner.name}}', { 'partner.name': '   ' }).ok).toBe(false);
  });

  it('a value cannot format, link or start a block', () => {
    const tricky = {
      'partner.name': '# *Acme* [click](https://evil.test) <b>x</b> &copy; `code` a_b_c',
    };
    const filled = fillText('{{partner.name}}', tricky);
    expect(filled.ok && filled.text).toBe(
      '\\# \\*Acme\\* \\[click\\](https://evil.test) \\<b\\>x\\</b\\> \\&copy; \\`code\\` a\\_b\\_c',
    );
  });
});

describe('escapeMarkdown', () => {
  const md = new MarkdownIt({ html: false, linkify: false });
  const decode = (html: string) =>
    html
      .replace(/^<p>|<\/p>\n$/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');

  it('renders as the value itself, whatever its characters', () => {
    const char = fc.constantFrom(
      ...'abc 123#*_[]()<>!`~|\\&;:.-+=>{}"\'/'.split(''),
      '&amp;',
      '&#35;',
      '1.',
      '- ',
    );
    const value = fc
      .array(char, { minLength: 1, maxLength: 20 })
      .map((parts) => parts.join('').trim().replace(/\s+/g, ' '))
      .filter((v) => v.length > 0);
    fc.assert(
      fc.property(value, (v) => {
        const html = md.render(escapeMarkdown(v));
        expect(html.startsWith('<p>')).toBe(true);
        expect(decode(html)).toBe(v);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fillDocument', () => {
  it('numbers the clauses under the heading', () => {
    const result = fillDocument(
      'Reseller agreement',
      [
        { id: 'a', title: 'Parties', text: '{{workspace.name}} and {{partner.name}}' },
        { id: 'b', title: 'Term', text: 'From {{agreement.effective_date}}.' },
      ],
      values,
    );
    expect(result).toEqual({
      ok: true,
      text: '# Reseller agreement\n\n## 1. Parties\n\nTandem Labs and AT&T\n\n## 2. Term\n\nFrom 2027-01-01.\n',
    });
  });

  it('lists every problem once with the clauses it comes from', () => {
    const result = fillDocument(
      'NDA',
      [
        { id: 'a', title: 'Law of {{agreement.governing_law}}', text: '{{agreement.end_date}}' },
        { id: 'b', title: 'Term', text: '{{agreement.end_date}} {{partner.nmae}}' },
      ],
      values,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ name: 'agreement.governing_law', clauseIds: ['a'] }),
        expect.objectContaining({ name: 'agreement.end_date', clauseIds: ['a', 'b'] }),
        expect.objectContaining({ name: 'partner.nmae', clauseIds: ['b'] }),
      ],
    });
  });
});

describe('templateValuesOf', () => {
  it('builds the documented values from the records; missing ones are null', () => {
    const values = templateValuesOf({
      workspace: { name: 'Tandem Labs' },
      partner: {
        name: 'Acme',
        domains: ['acme.test', 'acme.example'],
        country: 'DE',
        industry: null,
      },
      agreement: {
        typeLabel: 'Reseller agreement',
        endDate: '2028-03-01',
        noticePeriodDays: 1,
        value: { amount: 1_200_000, currency: 'EUR' },
      },
    });
    expect(values).toMatchObject({
      'partner.domain': 'acme.test',
      'partner.country': 'Germany',
      'partner.industry': null,
      'agreement.notice_deadline': '2028-02-29',
      'agreement.notice_period_days': '1',
      'agreement.value': 'EUR 12,000.00',
      'agreement.effective_date': null,
    });
    expect(formatMoney(1500, 'JPY')).toBe('JPY 1,500');
    expect(Object.keys(values).sort()).toEqual([...templateVariableNames].sort());
  });
});
