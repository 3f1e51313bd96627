import { parse } from 'tldts';

/**
 * A partner's domain in one canonical form: scheme, path, `www.`, case and trailing dot
 * stripped; internationalized names in their ASCII (punycode) form. Null when the text is
 * not a registrable domain name (an IP address, `localhost`, a bare word).
 */
export function normalizeDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  // An email address or credentials before the host are not a domain; an `@` in a path is fine.
  const authority = text.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#]/)[0] ?? '';
  if (authority.includes('@')) return null;
  let hostname: string;
  try {
    hostname = new URL(text).hostname;
  } catch {
    return null;
  }
  hostname = hostname.replace(/\.+$/, '').replace(/^(www\.)+/, '');
  const parsed = parse(hostname);
  if (parsed.isIp || !parsed.domain || !parsed.hostname) return null;
  return parsed.hostname;
}
