// Who a request comes from, and whether the allow-lists let them in. Pure.
import type { AuthConfig } from './config';

/** A signed-in user. */
export interface Identity {
  /** User name (proxy header), or the assertion's email, else its subject. */
  user: string;
  email: string | null;
  groups: string[];
}

/** The outcome of authenticating and authorising one request. */
export type AuthDecision =
  { ok: true; identity: Identity | null } | { ok: false; status: 401 | 403 | 500; reason: string };

/**
 * Allowed when no allow-list is set, or the user (name or email, emails compared case-insensitively)
 * is on KUBEPATH_ALLOWED_USERS, or one of their groups is on KUBEPATH_ALLOWED_GROUPS.
 */
export function authorize(config: Pick<AuthConfig, 'allowedUsers' | 'allowedGroups'>, id: Identity): AuthDecision {
  const { allowedUsers, allowedGroups } = config;
  if (!allowedUsers && !allowedGroups) return { ok: true, identity: id };
  const names = [id.user, id.email].filter((s): s is string => !!s);
  const userOk = allowedUsers?.some((a) =>
    names.some((n) => n === a || (a.includes('@') && n.toLowerCase() === a.toLowerCase())),
  );
  const groupOk = allowedGroups?.some((g) => id.groups.includes(g));
  if (userOk || groupOk) return { ok: true, identity: id };
  return {
    ok: false,
    status: 403,
    reason: `user "${id.user}" is not in KUBEPATH_ALLOWED_USERS/KUBEPATH_ALLOWED_GROUPS`,
  };
}
