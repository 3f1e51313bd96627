import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDomain } from './domains';

/** Anything a user might paste into a domain field. */
const anyText = fc.oneof(
  fc.string(),
  fc.domain(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.domain().map((d) => `www.${d}`),
  fc.domain().map((d) => `HTTPS://WWW.${d.toUpperCase()}./About`),
);

describe('normalizeDomain properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeDomain(text);
        if (once !== null) expect(normalizeDomain(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores case, scheme, www., a trailing dot and any path', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'ftp://'),
        fc.constantFrom('', 'www.', 'WWW.'),
        fc.constantFrom('', '.', '..'),
        fc.oneof(
          fc.constant(''),
          fc.webPath(),
          fc.webPath().map((p) => `${p}?q=1#top`),
        ),
        (domain, scheme, www, dot, path) => {
          const variant = `${scheme}${www}${domain.toUpperCase()}${dot}${path}`;
          expect(normalizeDomain(variant)).toBe(normalizeDomain(domain));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('returns a bare lower-case host name or null', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const domain = normalizeDomain(text);
        if (domain === null) return;
        expect(domain).toBe(domain.toLowerCase());
        expect(domain).not.toMatch(/^www\.|\.$|[/:@\s]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeDomain examples', () => {
  // Pairs from a CRM export (HubSpot companies): the domain column and the website column of one
  // company must name the same partner.
  const sameCompany: Array<[string, string]> = [
    ['northwindanalytics.com', 'https://www.northwindanalytics.com'],
    ['bluebaygaming.co.uk', 'http://bluebaygaming.co.uk/'],
    ['www.bluebaygaming.co.uk', 'bluebaygaming.co.uk'],
    ['cafe-mueller.de', 'https://cafe-mueller.de/kontakt'],
    ['sakura-robotics.jp', 'https://sakura-robotics.jp/en/'],
    ['delta.com', 'https://www.delta.com'],
  ];
  it.each(sameCompany)('%s and %s are one domain', (a, b) => {
    expect(normalizeDomain(a)).not.toBeNull();
    expect(normalizeDomain(a)).toBe(normalizeDomain(b));
  });

  it('keeps different companies apart', () => {
    expect(normalizeDomain('https://www.delta.com')).toBe('delta.com');
    expect(normalizeDomain('https://www.deltafaucet.com')).toBe('deltafaucet.com');
  });

  it('writes internationalized names in punycode', () => {
    expect(normalizeDomain('München.de')).toBe('xn--mnchen-3ya.de');
    expect(normalizeDomain('xn--mnchen-3ya.de')).toBe('xn--mnchen-3ya.de');
  });

  it('keeps subdomains other than www', () => {
    expect(normalizeDomain('https://partners.acme.com/x')).toBe('partners.acme.com');
    expect(normalizeDomain('www.www.acme.com')).toBe('acme.com');
  });

  it('takes an @ in a path but not before the host', () => {
    expect(normalizeDomain('https://medium.com/@acme')).toBe('medium.com');
    expect(normalizeDomain('https://user:secret@acme.com/')).toBeNull();
  });

  it.each(['', '   ', 'localhost', '1.2.3.4', 'http://[::1]/', 'foo', 'user@acme.com', 'co.uk'])(
    'refuses %j',
    (text) => {
      expect(normalizeDomain(text)).toBeNull();
    },
  );
});
