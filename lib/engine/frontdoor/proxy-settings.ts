// A recognised proxy's client-address settings (issue 9 item 2), read from where each project keeps them
// (../shared/reference/source-ip-catalog.md §4, per entry "configMapKeys", "env", "args", trustModel):
// whether it expects PROXY protocol, from whom it accepts PROXY and forwarded headers, and which headers
// it writes toward the backend.
import { parse as parseYaml } from 'yaml';
import type { ClusterModel } from '../../model/cluster';
import type { ClientIPCarrier } from '../types';
import type { ProxyIdentity } from './proxy-detect';

/** Whom a proxy believes: nobody, everyone, some CIDRs, or the last N forwarded hops. */
export interface Trust {
  mode: 'none' | 'all' | 'cidrs' | 'hops';
  cidrs: string[];
  hops: number;
}

/** What decides the client address at a proxy. */
export interface ProxySettings {
  /** true/false as configured; null when the setting lives in an object kubepath does not read. */
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
}

const NONE: Trust = { mode: 'none', cidrs: [], hops: 0 };
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

const truthy = (v: string | undefined) => v === 'true' || v === 'True' || v === 'on' || v === '1';

function envOf(p: ProxyIdentity): Record<string, string> {
  return Object.assign({}, ...p.details.containers.map((c) => c.env));
}

function argsOf(p: ProxyIdentity): string[] {
  return p.details.containers.flatMap((c) => c.args);
}

function argValue(args: string[], pattern: RegExp): string | null {
  for (const a of args) {
    const m = pattern.exec(a);
    if (m) return m[1];
  }
  return null;
}

/** The proxy's own ConfigMap named in its args (`--configmap=NS/NAME`), or {}. */
function ownConfigMap(model: ClusterModel, p: ProxyIdentity): { data: Record<string, string>; name: string | null } {
  const ref = argValue(argsOf(p), /^--?(?:configmap|nginx-configmaps)=(.+)$/);
  if (!ref) return { data: {}, name: null };
  const key = ref.includes('/') ? ref : `${p.pod.namespace}/${ref}`;
  return { data: model.configMaps.get(key) ?? {}, name: key };
}

/** Reads the settings of a recognised proxy. */
export function proxySettings(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  switch (p.id) {
    case 'ingress-nginx':
      return ingressNginx(model, p);
    case 'nginx-inc-ingress':
      return nginxInc(model, p);
    case 'kong':
      return kong(p);
    case 'istio-ingressgateway':
      return istio(model, p);
    case 'traefik':
      return traefik(p);
    case 'pomerium':
      return pomerium(p);
    case 'contour':
      return envoyFamily(
        p,
        argsOf(p).some((a) => a.includes('--use-proxy-protocol')),
        'contour --use-proxy-protocol',
      );
    case 'haproxy-ingress-haproxytech':
    case 'haproxy-ingress-jcmoraisjr':
      return haproxy(model, p);
    case 'cilium-ingress-gateway':
      return envoyFamily(
        p,
        model.configMaps.get('kube-system/cilium-config')?.['enable-gateway-api-proxy-protocol'] === 'true',
        'cilium-config enable-gateway-api-proxy-protocol',
      );
    default:
      // Envoy Gateway keeps PROXY and client-IP detection in ClientTrafficPolicy, which kubepath does not read.
      return {
        ...envoyFamily(p, false, ''),
        expectsProxyProtocol: null,
        evidence: ['ClientTrafficPolicy not read: PROXY and trusted hops unknown'],
      };
  }
}

/** ingress-nginx ConfigMap: use-proxy-protocol, use-forwarded-headers, proxy-real-ip-cidr (default 0.0.0.0/0), enable-real-ip. */
function ingressNginx(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const { data, name } = ownConfigMap(model, p);
  const at = name ? `ConfigMap ${name}` : 'defaults (no --configmap)';
  const pp = truthy(data['use-proxy-protocol']);
  const fwd = truthy(data['use-forwarded-headers']) || truthy(data['enable-real-ip']);
  const cidrs = trustOfCidrs(data['proxy-real-ip-cidr'] ?? '0.0.0.0/0');
  const evidence = [
    `${at}: use-proxy-protocol=${data['use-proxy-protocol'] ?? 'false'}`,
    `use-forwarded-headers=${data['use-forwarded-headers'] ?? 'false'}`,
    `proxy-real-ip-cidr=${data['proxy-real-ip-cidr'] ?? '0.0.0.0/0 (default)'}`,
  ];
  if (data['compute-full-forwarded-for'])
    evidence.push(`compute-full-forwarded-for=${data['compute-full-forwarded-for']}`);
  return {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? cidrs : NONE,
    forwardedTrust: fwd ? cidrs : NONE,
    envoy: false,
    carrier: 'x-forwarded-for',
    evidence,
  };
}

function nginxInc(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const { data, name } = ownConfigMap(model, p);
  const pp = truthy(data['proxy-protocol']);
  const cidrs = trustOfCidrs(data['set-real-ip-from']);
  return {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? cidrs : NONE,
    forwardedTrust: data['real-ip-header'] && data['real-ip-header'] !== 'proxy_protocol' ? cidrs : NONE,
    envoy: false,
    carrier: 'x-real-ip',
    evidence: [
      `${name ? `ConfigMap ${name}` : 'defaults'}: proxy-protocol=${data['proxy-protocol'] ?? 'False'}, set-real-ip-from=${data['set-real-ip-from'] ?? '(none)'}`,
    ],
  };
}

/** Kong: KONG_TRUSTED_IPS (empty = trust nobody), KONG_REAL_IP_HEADER, KONG_PROXY_LISTEN `proxy_protocol`. */
function kong(p: ProxyIdentity): ProxySettings {
  const env = envOf(p);
  const trusted = trustOfCidrs(env.KONG_TRUSTED_IPS);
  const pp = /proxy_protocol/.test(env.KONG_PROXY_LISTEN ?? '');
  const realIPFromPP = (env.KONG_REAL_IP_HEADER ?? '') === 'proxy_protocol';
  return {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp && realIPFromPP ? trusted : NONE,
    forwardedTrust: realIPFromPP ? NONE : trusted,
    envoy: false,
    carrier: 'x-forwarded-for',
    evidence: [
      `KONG_PROXY_LISTEN=${env.KONG_PROXY_LISTEN ?? '(default)'}`,
      `KONG_TRUSTED_IPS=${env.KONG_TRUSTED_IPS ?? '(empty: trust nobody)'}`,
      `KONG_REAL_IP_HEADER=${env.KONG_REAL_IP_HEADER ?? 'X-Real-IP (default)'}`,
    ],
  };
}

function yamlObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = parseYaml(text) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Istio: gatewayTopology in the pod's proxy.istio.io/config, else in the mesh config's defaultConfig. */
function istio(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const podConfig = yamlObject(p.details.annotations['proxy.istio.io/config']);
  const mesh = yamlObject(model.configMaps.get('istio-system/istio')?.mesh);
  const topo = (podConfig?.gatewayTopology ??
    (mesh?.defaultConfig as Record<string, unknown> | undefined)?.gatewayTopology) as
    Record<string, unknown> | undefined;
  const from = podConfig?.gatewayTopology
    ? 'pod annotation proxy.istio.io/config'
    : mesh
      ? 'mesh config istio-system/istio'
      : 'defaults';
  const hops = typeof topo?.numTrustedProxies === 'number' ? topo.numTrustedProxies : 0;
  const pp = topo?.proxyProtocol !== undefined && topo.proxyProtocol !== null;
  return {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? { mode: 'all', cidrs: [], hops: 0 } : NONE,
    forwardedTrust: hops > 0 ? { mode: 'hops', cidrs: [], hops } : NONE,
    envoy: true,
    carrier: 'x-envoy-external-address',
    evidence: [`${from}: gatewayTopology.numTrustedProxies=${hops}, proxyProtocol ${pp ? 'on' : 'off'}`],
  };
}

/** Traefik: --entryPoints.<ep>.forwardedHeaders.trustedIPs / .insecure and .proxyProtocol.trustedIPs / .insecure. */
function traefik(p: ProxyIdentity): ProxySettings {
  const args = argsOf(p);
  const val = (suffix: string) => argValue(args, new RegExp(`^--entry[pP]oints\\.[^.]+\\.${suffix}=(.*)$`));
  const fwdInsecure =
    truthy(val('forwardedHeaders\\.insecure') ?? undefined) || args.some((a) => /forwardedHeaders\.insecure$/.test(a));
  const ppInsecure =
    truthy(val('proxyProtocol\\.insecure') ?? undefined) || args.some((a) => /proxyProtocol\.insecure$/.test(a));
  const ppIPs = val('proxyProtocol\\.trustedIPs');
  const fwdIPs = val('forwardedHeaders\\.trustedIPs');
  const pp = ppInsecure || ppIPs !== null;
  return {
    expectsProxyProtocol: pp,
    // Traefik accepts connections with or without the header (catalog §7 item 1).
    proxyProtocolOptional: true,
    proxyProtocolTrust: ppInsecure ? { mode: 'all', cidrs: [], hops: 0 } : trustOfCidrs(ppIPs),
    forwardedTrust: fwdInsecure ? { mode: 'all', cidrs: [], hops: 0 } : trustOfCidrs(fwdIPs),
    envoy: false,
    carrier: 'x-forwarded-for',
    evidence: [
      `forwardedHeaders: ${fwdInsecure ? 'insecure' : (fwdIPs ?? 'no trustedIPs')}`,
      `proxyProtocol: ${ppInsecure ? 'insecure' : (ppIPs ?? 'off')}`,
    ],
  };
}

/** Pomerium: Envoy with use_remote_address hard-coded; xff_num_trusted_hops and use_proxy_protocol from env. */
function pomerium(p: ProxyIdentity): ProxySettings {
  const env = envOf(p);
  const args = argsOf(p);
  const pp = truthy(env.USE_PROXY_PROTOCOL) || args.some((a) => /use-proxy-protocol(=true)?$/.test(a));
  const hops = Number(env.XFF_NUM_TRUSTED_HOPS ?? 0) || 0;
  return {
    ...envoyFamily(p, pp, 'USE_PROXY_PROTOCOL'),
    forwardedTrust: hops > 0 ? { mode: 'hops', cidrs: [], hops } : NONE,
    evidence: [
      'Pomerium always uses the remote address (use_remote_address)',
      `USE_PROXY_PROTOCOL=${env.USE_PROXY_PROTOCOL ?? 'false'}`,
      `XFF_NUM_TRUSTED_HOPS=${env.XFF_NUM_TRUSTED_HOPS ?? '0'}`,
    ],
  };
}

function envoyFamily(p: ProxyIdentity, pp: boolean, ppSwitch: string): ProxySettings {
  return {
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? { mode: 'all', cidrs: [], hops: 0 } : NONE,
    // use_remote_address with xff_num_trusted_hops 0 (the default): the peer is the client.
    forwardedTrust: NONE,
    envoy: true,
    carrier: 'x-envoy-external-address',
    evidence: [
      `${p.id}: use_remote_address, xff_num_trusted_hops 0${ppSwitch ? `; ${ppSwitch} ${pp ? 'on' : 'off'}` : ''}`,
    ],
  };
}

/** HAProxy: ConfigMap `proxy-protocol` lists who may send PROXY; `forwarded-for` appends the peer. */
function haproxy(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const { data } = ownConfigMap(model, p);
  const ppTrust = trustOfCidrs(data['proxy-protocol']);
  return {
    expectsProxyProtocol: ppTrust.mode !== 'none',
    proxyProtocolOptional: false,
    proxyProtocolTrust: ppTrust,
    forwardedTrust: data['src-ip-header'] ? { mode: 'all', cidrs: [], hops: 0 } : NONE,
    envoy: false,
    carrier: 'x-forwarded-for',
    evidence: [`proxy-protocol=${data['proxy-protocol'] ?? '(off)'}`],
  };
}
