import { useEffect, useState } from 'react';

function readFragmentToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return params.get('token') || null;
}

/**
 * The one-time token of a link (`#token=...`). Fragments never reach the server or its logs;
 * once read, the token is taken out of the address bar so it is not bookmarked or shared.
 * A link pasted into the same tab later changes only the fragment: it is read then too.
 */
export function useFragmentToken(): string | null {
  const [token, setToken] = useState(readFragmentToken);
  useEffect(() => {
    const take = () => {
      const found = readFragmentToken();
      if (found) setToken(found);
      if (window.location.hash) {
        window.history.replaceState(window.history.state, '', window.location.pathname);
      }
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);
  return token;
}
