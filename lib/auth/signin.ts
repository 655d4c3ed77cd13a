// Where an unauthenticated page request is sent: KUBEPATH_SIGNIN_URL with the original URL, so a shared
// link leads through sign-in back to the same view. `{url}` in the setting is replaced by the encoded
// URL; otherwise it is added as `rd` (oauth2-proxy's /oauth2/start?rd=…). A relative sign-in URL (same
// host, e.g. oauth2-proxy in front) gets the relative path; an absolute one gets the absolute URL.

/** The sign-in redirect for `pathAndQuery` (starts with "/"), reached at `origin` (scheme://host). */
export function signinRedirect(signinUrl: string, pathAndQuery: string, origin: string): string {
  const back = signinUrl.startsWith('/') ? pathAndQuery : `${origin}${pathAndQuery}`;
  if (signinUrl.includes('{url}')) return signinUrl.replaceAll('{url}', encodeURIComponent(back));
  const sep = signinUrl.includes('?') ? '&' : '?';
  return `${signinUrl}${sep}rd=${encodeURIComponent(back)}`;
}
