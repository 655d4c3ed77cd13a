// The shape of a proxy's client-address settings and the helpers every reader shares
// (../shared/reference/source-ip-catalog.md §4 trust models). A setting kubepath cannot read — a ConfigMap
// the proxy names that is not in the cluster data, a CRD kubepath does not read, pods that disagree — is
// `unknown` with the question that settles it, never the project's default.
import type { ClusterModel } from '../../model/cluster';
import type { ClientIPCarrier } from '../types';
import type { ProxyIdentity } from './proxy-detect';

/** Whom a proxy believes: nobody, everyone, some CIDRs, the last N forwarded hops, or not known. */
export interface Trust {
  mode: 'none' | 'all' | 'cidrs' | 'hops' | 'unknown';
  cidrs: string[];
  hops: number;
}

/** What decides the client address at a proxy. */
export interface ProxySettings {
  /** true/false as configured; null when the setting lives where kubepath cannot read it. */
  expectsProxyProtocol: boolean | null;
  /** Accepts connections without the PROXY header too (Traefik, Envoy `optional`). */
  proxyProtocolOptional: boolean;
  /** Whose PROXY header replaces the peer address. */
  proxyProtocolTrust: Trust;
  /** Whose X-Forwarded-For / X-Real-IP it believes. */
  forwardedTrust: Trust;
  /** Envoy family: appends the peer to X-Forwarded-For and writes x-envoy-external-address. */
  envoy: boolean;
  /** The header the backend should read the client from. */
  carrier: ClientIPCarrier;
  evidence: string[];
  /** The question that settles the settings kubepath could not read; null when every one is known. */
  question: string | null;
}

export const NONE: Trust = { mode: 'none', cidrs: [], hops: 0 };
export const ALL: Trust = { mode: 'all', cidrs: [], hops: 0 };
export const UNKNOWN_TRUST: Trust = { mode: 'unknown', cidrs: [], hops: 0 };
const ALL_CIDRS = new Set(['0.0.0.0/0', '::/0']);

/** Trust from a CIDR list ("0.0.0.0/0" = everyone). */
export function trustOfCidrs(text: string | undefined | null): Trust {
  const cidrs = (text ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (cidrs.length === 0) return NONE;
  return { mode: cidrs.some((c) => ALL_CIDRS.has(c)) ? 'all' : 'cidrs', cidrs, hops: 0 };
}

/** Trust of the last N X-Forwarded-For hops (0 = nobody). */
export const hopsTrust = (hops: number): Trust => (hops > 0 ? { mode: 'hops', cidrs: [], hops } : NONE);

export const truthy = (v: string | undefined | null) => v === 'true' || v === 'True' || v === 'on' || v === '1';

export function envOf(p: ProxyIdentity): Record<string, string> {
  return Object.assign({}, ...(p.details?.containers ?? []).map((c) => c.env));
}

/**
 * The question when proxy variables are set where the pod does not show them: `valueFrom` (a ConfigMap or
 * Secret key), or `envFrom` when the variable is not set literally (the source may set it). Null when all
 * of `names` are literal or absent (absent = the project default).
 */
export function hiddenEnvQuestion(p: ProxyIdentity, names: string[], who: string): string | null {
  const cs = p.details?.containers ?? [];
  const env = envOf(p);
  const unresolved = new Set(cs.flatMap((c) => c.unresolvedEnv ?? []));
  const from = cs.flatMap((c) => c.envFrom ?? []);
  const hidden = names.filter((n) => unresolved.has(n) || (!(n in env) && from.length > 0));
  if (hidden.length === 0) return null;
  const where = [
    ...(hidden.some((n) => unresolved.has(n)) ? ['valueFrom (a ConfigMap or Secret key)'] : []),
    ...(from.length ? [`envFrom ${from.join(', ')}`] : []),
  ];
  // No pod name here: pods of one template must compare equal (proxy-service.ts groups by settings).
  return `What are ${hidden.join(', ')} of ${who}${p.pod ? ` in namespace ${p.pod.namespace}` : ''}? They come from ${where.join(' or ')}, which kubepath does not read, so these settings are unknown, not the defaults.`;
}

export function argsOf(p: ProxyIdentity): string[] {
  return (p.details?.containers ?? []).flatMap((c) => c.args);
}

export function argValue(args: string[], pattern: RegExp): string | null {
  for (const a of args) {
    const m = pattern.exec(a);
    if (m) return m[1];
  }
  return null;
}

/** Settings that are all unknown (PROXY and both trusts), with the question that settles them. */
export function unknownSettings(
  base: Pick<ProxySettings, 'envoy' | 'carrier'>,
  question: string,
  evidence: string[],
): ProxySettings {
  return {
    expectsProxyProtocol: null,
    proxyProtocolOptional: false,
    proxyProtocolTrust: UNKNOWN_TRUST,
    forwardedTrust: UNKNOWN_TRUST,
    envoy: base.envoy,
    carrier: base.carrier,
    evidence,
    question,
  };
}

/**
 * An Envoy-based proxy with use_remote_address (catalog §4 "Envoy X-Forwarded-For semantics"): PROXY as
 * given, X-Forwarded-For believed for `hops` hops (Envoy xff_num_trusted_hops, default 0 = the peer is the
 * client).
 */
export function envoyFamily(pp: boolean | null, hops: Trust, evidence: string[], question: string | null = null) {
  const s: ProxySettings = {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp === null ? UNKNOWN_TRUST : pp ? ALL : NONE,
    forwardedTrust: hops,
    envoy: true,
    carrier: 'x-envoy-external-address',
    evidence,
    question,
  };
  return s;
}

/** A ConfigMap the proxy names: its data, or null when it is not in the cluster data (absent or unreadable). */
export interface NamedConfigMap {
  name: string;
  data: Record<string, string> | null;
  /** Why the source could not read it (live: 403 Forbidden), or null (absent from the snapshot / cluster). */
  unreadable: string | null;
}

/** A ConfigMap by `namespace/name`, with the reason the source recorded when it could not read it. */
export function namedConfigMap(model: ClusterModel, name: string): NamedConfigMap {
  const data = model.configMaps.get(name) ?? null;
  const unreadable = data ? null : (model.frontDoor?.unreadableConfigMaps.get(name) ?? null);
  return { name, data, unreadable };
}

/** The question for settings held by a named ConfigMap kubepath does not have. */
export function configMapQuestion(cm: NamedConfigMap, how: string, keys: string[]): string {
  return cm.unreadable
    ? `ConfigMap ${cm.name} (${how}) could not be read (${cm.unreadable}): what are its ${keys.join(', ')}? Until kubepath may read it these settings are unknown, not the defaults.`
    : `Is ConfigMap ${cm.name} (${how}) present, and what are its ${keys.join(', ')}? It is not in the cluster data (absent, or not readable with the RBAC kubepath runs with), so these settings are unknown, not the defaults.`;
}
