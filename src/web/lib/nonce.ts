/**
 * The CSP style nonce of this page load. The server writes it into a meta tag of index.html
 * (replacing a placeholder); Mantine puts it on every <style> element it injects.
 */
export function readStyleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="tandem-style-nonce"]');
  const value = meta?.content ?? '';
  // The Vite dev server sends the file as written, placeholder included, and sets no CSP.
  if (value === '' || value === '__STYLE_NONCE__') return undefined;
  return value;
}
