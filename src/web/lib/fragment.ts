import { useEffect, useState } from 'react';

function readFragmentToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  return params.get('token') || null;
}

/**
 * The one-time token of a link (`#token=...`). Fragments never reach the server or its logs;
 * once read, the token is taken out of the address bar so it is not bookmarked or shared.
 */
export function useFragmentToken(): string | null {
  const [token] = useState(readFragmentToken);
  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname);
    }
  }, []);
  return token;
}
