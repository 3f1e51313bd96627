import Mustache from 'mustache';
import { countryName } from './countries';
import { currencyExponent } from './money';
import { noticeDeadline } from './renewals';

/**
 * Filling clause and template text with a partner's and an agreement's values (decision 049).
 *
 * - Templates are Mustache (logic-less): only plain variable tags `{{partner.name}}` and
 *   comments `{{! … }}`. Sections, inverted sections, partials, unescaped tags (`{{{x}}}`,
 *   `{{& x}}`) and delimiter changes are refused with the tag named: a contract says the same
 *   thing for every partner, and every value goes through one escaping.
 * - The variables are a fixed, documented set (`templateVariables`). A name outside it is an
 *   error when a clause is saved; a known variable without a value is an error when the text is
 *   filled. Never a blank in a contract.
 * - Values are escaped for Markdown, not HTML: `AT&T` stays `AT&T` (Mustache's default would
 *   write `AT&amp;T`), and characters that would make a value format, link or start a block
 *   (`*`, `_`, `[`, `` ` ``, `<`, a leading `#`…) get a backslash, so a partner named `*Acme*`
 *   reads `*Acme*` in the rendered contract.
 */

export const templateVariables = {
  'workspace.name': 'Your organization (the workspace’s name)',
  'partner.name': 'The partner’s name',
  'partner.domain': 'The partner’s first web domain',
  'partner.country': 'The partner’s country, by name',
  'partner.industry': 'The partner’s industry',
  'agreement.title': 'The agreement’s title',
  'agreement.type': 'The agreement type in words (Reseller, NDA…)',
  'agreement.effective_date': 'The effective date (YYYY-MM-DD)',
  'agreement.end_date': 'The end date (YYYY-MM-DD)',
  'agreement.notice_period_days': 'The notice period in days',
  'agreement.notice_deadline': 'The end date less the notice period (YYYY-MM-DD)',
  'agreement.renewal_term_months': 'The renewal term in months',
  'agreement.value': 'The value with its currency (EUR 12,000.00)',
  'agreement.governing_law': 'The governing law',
} as const;

export type TemplateVariable = keyof typeof templateVariables;
export const templateVariableNames = Object.keys(templateVariables) as TemplateVariable[];

export function isTemplateVariable(name: string): name is TemplateVariable {
  return Object.hasOwn(templateVariables, name);
}

/** What is wrong with a tag; `name` is the variable or tag as written. */
export type TagProblem =
  | { code: 'template_syntax'; name: null; message: string }
  | { code: 'tag_not_allowed'; name: string; message: string }
  | { code: 'variable_unknown'; name: string; message: string }
  | { code: 'variable_empty'; name: string; message: string };

const tagKinds: Record<string, string> = {
  '#': 'a section',
  '^': 'an inverted section',
  '>': 'a partial',
  '&': 'an unescaped tag',
  '{': 'an unescaped tag',
  '=': 'a delimiter change',
};

/**
 * The variables a text uses, in order of first use, and what is wrong with its tags (syntax,
 * tags that are not plain variables, names outside the set).
 */
export function inspectText(text: string): { variables: string[]; problems: TagProblem[] } {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { variables: [], problems: [{ code: 'template_syntax', name: null, message }] };
  }
  const variables: string[] = [];
  const problems: TagProblem[] = [];
  for (const token of tokens) {
    const [kind, value] = token;
    if (kind === 'text' || kind === '!') continue;
    if (kind === 'name') {
      if (!variables.includes(value)) variables.push(value);
      if (!isTemplateVariable(value) && !problems.some((p) => p.name === value))
        problems.push({
          code: 'variable_unknown',
          name: value,
          message: `{{${value}}} is not a variable Tandem knows`,
        });
      continue;
    }
    problems.push({
      code: 'tag_not_allowed',
      name: value,
      message: `${tagKinds[kind] ?? `a ${kind} tag`} ({{${kind}${value}}}) is not allowed; use plain {{variables}}`,
    });
  }
  return { variables, problems };
}

/** The values a text is filled with; null or blank means the record has none. */
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

/** A value as Markdown text that reads as itself: no formatting, link, HTML or block from it. */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^([#+\-=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

export type FilledText = { ok: true; text: string } | { ok: false; problems: TagProblem[] };

/** Fills one text; every unknown or empty variable, and every refused tag, is a problem. */
export function fillText(text: string, values: TemplateValues): FilledText {
  const inspected = inspectText(text);
  const problems = [...inspected.problems];
  for (const name of inspected.variables) {
    if (!isTemplateVariable(name)) continue;
    const value = values[name];
    if (value === null || value === undefined || value.trim() === '')
      problems.push({
        code: 'variable_empty',
        name,
        message: `{{${name}}} has no value for this agreement`,
      });
  }
  if (problems.length > 0) return { ok: false, problems };
  const view: Record<string, Record<string, string>> = {};
  for (const name of inspected.variables) {
    const [group, key] = name.split('.') as [string, string];
    view[group] ??= {};
    view[group][key] = values[name as TemplateVariable]?.trim() ?? '';
  }
  return { ok: true, text: Mustache.render(text, view, {}, { escape: escapeMarkdown }) };
}

export type DocumentPart = { id: string; title: string; text: string };
export type DocumentProblem = TagProblem & { clauseIds: string[] };

/**
 * A template's clauses filled into one Markdown document: the heading, then each clause as a
 * numbered section. Answers every problem once, with the clauses it comes from.
 */
export function fillDocument(
  heading: string,
  parts: DocumentPart[],
  values: TemplateValues,
): { ok: true; text: string } | { ok: false; problems: DocumentProblem[] } {
  const problems: DocumentProblem[] = [];
  const sections: string[] = [`# ${escapeMarkdown(heading)}`];
  parts.forEach((part, index) => {
    const title = fillText(part.title, values);
    const body = fillText(part.text, values);
    for (const result of [title, body]) {
      if (result.ok) continue;
      for (const problem of result.problems) {
        const same = problems.find((p) => p.code === problem.code && p.name === problem.name);
        if (same) {
          if (!same.clauseIds.includes(part.id)) same.clauseIds.push(part.id);
        } else problems.push({ ...problem, clauseIds: [part.id] });
      }
    }
    if (title.ok && body.ok) sections.push(`## ${index + 1}. ${title.text}\n\n${body.text}`);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, text: `${sections.join('\n\n')}\n` };
}

/** The records a text is filled from; every field may be missing. */
export type TemplateSources = {
  workspace: { name: string };
  partner: {
    name: string;
    domains: readonly string[];
    country: string | null;
    industry: string | null;
  };
  agreement: {
    title?: string | null;
    typeLabel?: string | null;
    effectiveDate?: string | null;
    endDate?: string | null;
    noticePeriodDays?: number | null;
    renewalTermMonths?: number | null;
    value?: { amount: number; currency: string } | null;
    governingLaw?: string | null;
  };
};

/** `12000000` cents of EUR → `EUR 120,000.00`: the currency code, then the amount in English. */
export function formatMoney(amountMinor: number, currency: string): string {
  const digits = currencyExponent(currency);
  const amount = new Intl.NumberFormat('en', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
  return `${currency.toUpperCase()} ${amount}`;
}

/**
 * The documented variables' values from the workspace, the partner and the agreement. Dates
 * stay `YYYY-MM-DD`; the notice deadline is the end date less the notice period when both are
 * known (renewals.ts); the country is its English name.
 */
export function templateValuesOf(sources: TemplateSources): TemplateValues {
  const { workspace, partner, agreement } = sources;
  const deadline =
    agreement.endDate &&
    agreement.noticePeriodDays !== null &&
    agreement.noticePeriodDays !== undefined
      ? noticeDeadline(agreement.endDate, agreement.noticePeriodDays)
      : null;
  const number = (value: number | null | undefined) =>
    value === null || value === undefined ? null : String(value);
  return {
    'workspace.name': workspace.name,
    'partner.name': partner.name,
    'partner.domain': partner.domains[0] ?? null,
    'partner.country': partner.country ? countryName(partner.country) : null,
    'partner.industry': partner.industry,
    'agreement.title': agreement.title ?? null,
    'agreement.type': agreement.typeLabel ?? null,
    'agreement.effective_date': agreement.effectiveDate ?? null,
    'agreement.end_date': agreement.endDate ?? null,
    'agreement.notice_period_days': number(agreement.noticePeriodDays),
    'agreement.notice_deadline': deadline,
    'agreement.renewal_term_months': number(agreement.renewalTermMonths),
    'agreement.value': agreement.value
      ? formatMoney(agreement.value.amount, agreement.value.currency)
      : null,
    'agreement.governing_law': agreement.governingLaw ?? null,
  };
}
