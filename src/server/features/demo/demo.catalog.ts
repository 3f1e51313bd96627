import type { MemberRole } from '../../../domain/roles';

/** A value with its share of the data set (weights are relative, not percentages). */
export type Weighted<T> = Array<{ weight: number; value: T }>;

/** One seed for every demo and benchmark data set: the same command always writes the same data. */
export const DEMO_SEED = 20_260_101;

/** The demo team, fixed so the sign-in names can be documented. */
export const demoMembers: Array<{ name: string; email: string; role: MemberRole }> = [
  { name: 'Alex Morgan', email: 'alex.morgan@example.com', role: 'admin' },
  { name: 'Priya Raman', email: 'priya.raman@example.com', role: 'manager' },
  { name: 'Jonas Weber', email: 'jonas.weber@example.com', role: 'member' },
  { name: 'Sofia Costa', email: 'sofia.costa@example.com', role: 'member' },
  { name: 'Liam Chen', email: 'liam.chen@example.com', role: 'viewer' },
];

export const sizes = {
  small: { partners: 50, contacts: 300 },
  large: { partners: 10_000, contacts: 100_000 },
} as const;
export type DemoSize = keyof typeof sizes;

export const partnerTypes: Weighted<string> = [
  { weight: 30, value: 'technology' },
  { weight: 18, value: 'reseller' },
  { weight: 14, value: 'referral' },
  { weight: 5, value: 'strategic_alliance' },
  { weight: 8, value: 'co_marketing' },
  { weight: 7, value: 'supplier' },
  { weight: 12, value: 'distributor' },
  { weight: 6, value: 'other' },
];

export const stages: Weighted<string> = [
  { weight: 24, value: 'prospect' },
  { weight: 10, value: 'onboarding' },
  { weight: 46, value: 'active' },
  { weight: 8, value: 'at_risk' },
  { weight: 7, value: 'inactive' },
  { weight: 5, value: 'ended' },
];

/** Shares of the workspace's tiers, highest first: few platinum partners, many registered. */
export const tierWeights = [5, 12, 23, 28, 32];

export const employeeBands: Weighted<string> = [
  { weight: 8, value: '1-10' },
  { weight: 20, value: '11-50' },
  { weight: 28, value: '51-200' },
  { weight: 24, value: '201-1000' },
  { weight: 13, value: '1001-5000' },
  { weight: 7, value: '5001+' },
];

/** Country with the top-level domain its companies often use besides `.com`. */
export const countries: Weighted<{ code: string; tld: string }> = [
  { weight: 34, value: { code: 'US', tld: 'com' } },
  { weight: 10, value: { code: 'GB', tld: 'co.uk' } },
  { weight: 10, value: { code: 'DE', tld: 'de' } },
  { weight: 6, value: { code: 'FR', tld: 'fr' } },
  { weight: 5, value: { code: 'CA', tld: 'ca' } },
  { weight: 5, value: { code: 'IN', tld: 'in' } },
  { weight: 4, value: { code: 'NL', tld: 'nl' } },
  { weight: 4, value: { code: 'AU', tld: 'com.au' } },
  { weight: 3, value: { code: 'SE', tld: 'se' } },
  { weight: 3, value: { code: 'ES', tld: 'es' } },
  { weight: 3, value: { code: 'JP', tld: 'jp' } },
  { weight: 3, value: { code: 'BR', tld: 'com.br' } },
  { weight: 3, value: { code: 'SG', tld: 'sg' } },
  { weight: 2, value: { code: 'IE', tld: 'ie' } },
  { weight: 2, value: { code: 'CH', tld: 'ch' } },
  { weight: 2, value: { code: 'IT', tld: 'it' } },
  { weight: 1, value: { code: 'DK', tld: 'dk' } },
];

export const industries: Weighted<string> = [
  { weight: 22, value: 'Software' },
  { weight: 12, value: 'IT Services' },
  { weight: 8, value: 'Cybersecurity' },
  { weight: 8, value: 'Financial Services' },
  { weight: 7, value: 'Healthcare' },
  { weight: 7, value: 'Manufacturing' },
  { weight: 6, value: 'Retail' },
  { weight: 6, value: 'Telecommunications' },
  { weight: 6, value: 'Marketing and Advertising' },
  { weight: 5, value: 'Logistics' },
  { weight: 4, value: 'Education' },
  { weight: 4, value: 'Energy' },
  { weight: 5, value: 'Consulting' },
];

export const tags = [
  'cloud',
  'co-sell',
  'marketplace',
  'integration',
  'mdf-eligible',
  'enterprise',
  'smb',
  'emea',
  'apac',
  'north-america',
  'ai',
  'security',
  'certified',
  'renewal-due',
];

/** Parts of invented brand names ("Northstack Labs"); faker supplies the family-name firms. */
// biome-ignore format: a word list reads better packed
export const brandHeads = [
  'Blue', 'North', 'Bright', 'Silver', 'Summit', 'Harbor', 'Quantum', 'Vertex', 'Apex', 'Nimbus',
  'Cedar', 'Iron', 'Atlas', 'Nova', 'Pioneer', 'Beacon', 'Crest', 'Granite', 'Lumen', 'Orbit',
  'Polar', 'Red', 'River', 'Stone', 'Sky', 'True', 'Clear', 'Swift', 'Open', 'Cobalt',
];
// biome-ignore format: a word list reads better packed
export const brandTails = [
  'path', 'stack', 'wave', 'point', 'bridge', 'field', 'line', 'works', 'forge', 'gate',
  'leaf', 'peak', 'scale', 'sight', 'ware', 'grid', 'loop', 'mark', 'shift', 'stream',
];
// biome-ignore format: a word list reads better packed
export const brandSuffixes = [
  'Systems', 'Labs', 'Networks', 'Solutions', 'Group', 'Partners', 'Technologies', 'Cloud',
  'Analytics', 'Digital', 'Consulting', 'Software',
];

export const contactRoles: Weighted<string> = [
  { weight: 15, value: 'champion' },
  { weight: 9, value: 'executive_sponsor' },
  { weight: 20, value: 'technical' },
  { weight: 24, value: 'sales' },
  { weight: 13, value: 'marketing' },
  { weight: 5, value: 'legal' },
  { weight: 6, value: 'finance' },
  { weight: 8, value: 'other' },
];

/** Job titles that fit each role in the partnership; `other` takes faker's job titles. */
export const titlesByRole: Record<string, string[]> = {
  champion: ['Partner Manager', 'Director of Alliances', 'Head of Partnerships', 'Channel Manager'],
  executive_sponsor: ['VP Partnerships', 'Chief Revenue Officer', 'CEO', 'COO', 'SVP Sales'],
  technical: ['Solutions Architect', 'CTO', 'Integration Engineer', 'Sales Engineer'],
  sales: ['Account Executive', 'Channel Sales Manager', 'Sales Director', 'Account Manager'],
  marketing: ['Partner Marketing Manager', 'Marketing Director', 'Field Marketing Manager'],
  legal: ['Legal Counsel', 'Contracts Manager', 'General Counsel'],
  finance: ['Finance Manager', 'Controller', 'Billing Specialist'],
};
