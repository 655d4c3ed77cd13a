// A recognised proxy's client-address settings, read from where each project keeps them
// (../shared/reference/source-ip-catalog.md §4, per entry "configMapKeys", "env", "args", trustModel):
// whether it expects PROXY protocol, from whom it accepts PROXY and forwarded headers, and which headers
// it writes toward the backend. A project default applies only where the object that would hold the
// setting was read and lacks it; an unread object makes the setting unknown, with the question.
import { parse as parseYaml } from 'yaml';
import type { ClusterModel } from '../../model/cluster';
import { istioMeshConfigMap } from '../../model/frontdoor';
import type { ProxyIdentity } from './proxy-detect';
import { ciliumSettings, contourSettings, envoyGatewaySettings } from './proxy-settings-envoy';
import {
  ALL,
  argsOf,
  argValue,
  configMapQuestion,
  namedConfigMap,
  envOf,
  envoyFamily,
  hiddenEnvQuestion,
  hopsTrust,
  NONE,
  trustOfCidrs,
  truthy,
  unknownSettings,
  type NamedConfigMap,
  type ProxySettings,
} from './settings-common';

export { trustOfCidrs, type ProxySettings, type Trust } from './settings-common';

/**
 * The proxy's own ConfigMap named in its args (`--configmap=NS/NAME`): null when no arg names one (the
 * project defaults apply), else its data, or null data when it is not in the cluster data.
 */
function ownConfigMap(model: ClusterModel, p: ProxyIdentity): NamedConfigMap | null {
  const ref = argValue(argsOf(p), /^--?(?:configmap|nginx-configmaps)=(.+)$/);
  if (!ref) return null;
  return namedConfigMap(model, ref.includes('/') ? ref : `${p.pod?.namespace ?? 'default'}/${ref}`);
}

const cache = new WeakMap<ProxyIdentity, ProxySettings>();

/** Reads the settings of a recognised proxy (once per identity). */
export function proxySettings(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  let s = cache.get(p);
  if (!s) cache.set(p, (s = p.conflict ?? read(model, p)));
  return s;
}

function read(model: ClusterModel, p: ProxyIdentity): ProxySettings {
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
      return contourSettings(model, p);
    case 'haproxy-ingress-haproxytech':
    case 'haproxy-ingress-jcmoraisjr':
      return haproxy(model, p);
    case 'cilium-ingress-gateway':
      return ciliumSettings(model, p);
    case 'envoy-gateway':
      return envoyGatewaySettings(p);
    default:
      return unknownSettings(
        { envoy: false, carrier: 'x-forwarded-for' },
        `kubepath does not read the client-address settings of ${p.id}: does it expect PROXY protocol, and whom does it trust for X-Forwarded-For?`,
        [`${p.id}: settings not read`],
      );
  }
}

const NGINX_KEYS = ['use-proxy-protocol', 'use-forwarded-headers', 'proxy-real-ip-cidr', 'compute-full-forwarded-for'];

/**
 * ingress-nginx ConfigMap: use-proxy-protocol, use-forwarded-headers, proxy-real-ip-cidr, enable-real-ip. A key
 * the named ConfigMap lacks takes the documented default (false, false, 0.0.0.0/0, false: catalog §4
 * ingress-nginx configMapKeys; kubernetes/ingress-nginx docs/user-guide/nginx-configuration/configmap.md).
 */
function ingressNginx(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const cm = ownConfigMap(model, p);
  const base = { envoy: false, carrier: 'x-forwarded-for' as const };
  if (cm && !cm.data)
    return unknownSettings(base, configMapQuestion(cm, 'named by --configmap', NGINX_KEYS), [
      `ConfigMap ${cm.name} (named by --configmap) is not in the cluster data: its settings are unknown`,
    ]);
  const data = cm?.data ?? {};
  const at = cm ? `ConfigMap ${cm.name}` : 'defaults (no --configmap)';
  const pp = truthy(data['use-proxy-protocol']);
  const fwd = truthy(data['use-forwarded-headers']) || truthy(data['enable-real-ip']);
  const cidrs = trustOfCidrs(data['proxy-real-ip-cidr'] ?? '0.0.0.0/0');
  const evidence = [
    `${at}: use-proxy-protocol=${data['use-proxy-protocol'] ?? 'false (default)'}`,
    `use-forwarded-headers=${data['use-forwarded-headers'] ?? 'false (default)'}`,
    `proxy-real-ip-cidr=${data['proxy-real-ip-cidr'] ?? '0.0.0.0/0 (default)'}`,
  ];
  if (data['compute-full-forwarded-for'])
    evidence.push(`compute-full-forwarded-for=${data['compute-full-forwarded-for']}`);
  return {
    ...base,
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? cidrs : NONE,
    forwardedTrust: fwd ? cidrs : NONE,
    evidence,
    question: null,
  };
}

/** NGINX Inc ConfigMap keys proxy-protocol, real-ip-header, set-real-ip-from (catalog §4 nginx-inc-ingress). */
function nginxInc(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const cm = ownConfigMap(model, p);
  const base = { envoy: false, carrier: 'x-real-ip' as const };
  if (cm && !cm.data)
    return unknownSettings(
      base,
      configMapQuestion(cm, 'named by -nginx-configmaps', ['proxy-protocol', 'real-ip-header', 'set-real-ip-from']),
      [`ConfigMap ${cm.name} (named by -nginx-configmaps) is not in the cluster data: its settings are unknown`],
    );
  const data = cm?.data ?? {};
  const pp = truthy(data['proxy-protocol']);
  const cidrs = trustOfCidrs(data['set-real-ip-from']);
  return {
    ...base,
    expectsProxyProtocol: pp,
    proxyProtocolOptional: false,
    proxyProtocolTrust: pp ? cidrs : NONE,
    forwardedTrust: data['real-ip-header'] && data['real-ip-header'] !== 'proxy_protocol' ? cidrs : NONE,
    evidence: [
      `${cm ? `ConfigMap ${cm.name}` : 'defaults'}: proxy-protocol=${data['proxy-protocol'] ?? 'False'}, set-real-ip-from=${data['set-real-ip-from'] ?? '(none)'}`,
    ],
    question: null,
  };
}

/** Kong: KONG_TRUSTED_IPS (empty = trust nobody), KONG_REAL_IP_HEADER, KONG_PROXY_LISTEN `proxy_protocol`. */
function kong(p: ProxyIdentity): ProxySettings {
  const env = envOf(p);
  const hidden = hiddenEnvQuestion(p, ['KONG_PROXY_LISTEN', 'KONG_TRUSTED_IPS', 'KONG_REAL_IP_HEADER'], 'Kong');
  if (hidden)
    return unknownSettings({ envoy: false, carrier: 'x-forwarded-for' }, hidden, [
      'Kong: proxy variables set from ConfigMaps/Secrets kubepath does not read',
    ]);
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
    question: null,
  };
}

/** Parsed YAML texts by model (read-only results): one mesh config is read for every gateway pod identity. */
const parsedYaml = new WeakMap<ClusterModel, Map<string, Record<string, unknown> | null>>();

function yamlObject(model: ClusterModel, text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  let byText = parsedYaml.get(model);
  if (!byText) parsedYaml.set(model, (byText = new Map()));
  const known = byText.get(text);
  if (known !== undefined) return known;
  let out: Record<string, unknown> | null = null;
  try {
    const v = parseYaml(text) as unknown;
    out = v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    out = null;
  }
  byText.set(text, out);
  return out;
}

/**
 * Istio: gatewayTopology in the pod's proxy.istio.io/config, else in the mesh config's defaultConfig
 * (catalog §4 istio-ingressgateway configMapKeys; numTrustedProxies 0 and no PROXY when the mesh config
 * lacks them). Without either, the mesh config was not read: unknown.
 */
function istio(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const meshName = istioMeshConfigMap(p.pod?.labels ?? {});
  const podConfig = yamlObject(model, p.details?.annotations['proxy.istio.io/config']);
  const meshCm = namedConfigMap(model, meshName);
  const meshData = meshCm.data;
  if (!podConfig?.gatewayTopology && !meshData)
    return unknownSettings(
      { envoy: true, carrier: 'x-envoy-external-address' },
      meshCm.unreadable
        ? configMapQuestion(
            meshCm,
            "Istio's mesh config; the gateway pod's proxy.istio.io/config sets no gatewayTopology",
            ['defaultConfig.gatewayTopology.numTrustedProxies', 'defaultConfig.gatewayTopology.proxyProtocol'],
          )
        : `Is Istio's mesh config ConfigMap ${meshName} present, and does its defaultConfig.gatewayTopology set numTrustedProxies or proxyProtocol? It is not in the cluster data and the gateway pod's proxy.istio.io/config sets no gatewayTopology.`,
      [`mesh config ${meshName} is not in the cluster data: gatewayTopology unknown`],
    );
  const mesh = yamlObject(model, meshData?.mesh);
  const topo = (podConfig?.gatewayTopology ??
    (mesh?.defaultConfig as Record<string, unknown> | undefined)?.gatewayTopology) as
    Record<string, unknown> | undefined;
  const from = podConfig?.gatewayTopology ? 'pod annotation proxy.istio.io/config' : `mesh config ${meshName}`;
  const hops = typeof topo?.numTrustedProxies === 'number' ? topo.numTrustedProxies : 0;
  const pp = topo?.proxyProtocol !== undefined && topo.proxyProtocol !== null;
  return envoyFamily(pp, hopsTrust(hops), [
    `${from}: gatewayTopology.numTrustedProxies=${hops}, proxyProtocol ${pp ? 'on' : 'off'}`,
  ]);
}

/**
 * Traefik: --entryPoints.<ep>.forwardedHeaders.trustedIPs / .insecure and .proxyProtocol.trustedIPs /
 * .insecure. Traefik's static configuration comes from exactly one source (file, CLI or env): with
 * --configFile the entry points are in that file, which kubepath does not read.
 */
function traefik(p: ProxyIdentity): ProxySettings {
  const args = argsOf(p);
  const configFile = argValue(args, /^--config[fF]ile=(.+)$/);
  if (configFile)
    return unknownSettings(
      { envoy: false, carrier: 'x-forwarded-for' },
      `Traefik reads its static configuration from ${configFile} (--configFile): what do its entryPoints set for forwardedHeaders.trustedIPs / insecure and proxyProtocol.trustedIPs?`,
      [`--configFile=${configFile}: entry point settings not read`],
    );
  const val = (suffix: string) => argValue(args, new RegExp(`^--entry[pP]oints\\.[^.]+\\.${suffix}=(.*)$`));
  const fwdInsecure =
    truthy(val('forwardedHeaders\\.insecure')) || args.some((a) => /forwardedHeaders\.insecure$/.test(a));
  const ppInsecure = truthy(val('proxyProtocol\\.insecure')) || args.some((a) => /proxyProtocol\.insecure$/.test(a));
  const ppIPs = val('proxyProtocol\\.trustedIPs');
  const fwdIPs = val('forwardedHeaders\\.trustedIPs');
  const pp = ppInsecure || ppIPs !== null;
  return {
    expectsProxyProtocol: pp,
    // Traefik accepts connections with or without the header (catalog §7 item 1).
    proxyProtocolOptional: true,
    proxyProtocolTrust: ppInsecure ? ALL : trustOfCidrs(ppIPs),
    forwardedTrust: fwdInsecure ? ALL : trustOfCidrs(fwdIPs),
    envoy: false,
    carrier: 'x-forwarded-for',
    evidence: [
      `forwardedHeaders: ${fwdInsecure ? 'insecure' : (fwdIPs ?? 'no trustedIPs')}`,
      `proxyProtocol: ${ppInsecure ? 'insecure' : (ppIPs ?? 'off')}`,
    ],
    question: null,
  };
}

/** Pomerium: Envoy with use_remote_address hard-coded; xff_num_trusted_hops and use_proxy_protocol from env. */
function pomerium(p: ProxyIdentity): ProxySettings {
  const env = envOf(p);
  const hidden = hiddenEnvQuestion(p, ['USE_PROXY_PROTOCOL', 'XFF_NUM_TRUSTED_HOPS'], 'Pomerium');
  if (hidden)
    return unknownSettings({ envoy: true, carrier: 'x-envoy-external-address' }, hidden, [
      'Pomerium: settings set from ConfigMaps/Secrets kubepath does not read',
    ]);
  const args = argsOf(p);
  const pp = truthy(env.USE_PROXY_PROTOCOL) || args.some((a) => /use-proxy-protocol(=true)?$/.test(a));
  const hops = Number(env.XFF_NUM_TRUSTED_HOPS ?? 0) || 0;
  return envoyFamily(pp, hopsTrust(hops), [
    'Pomerium always uses the remote address (use_remote_address)',
    `USE_PROXY_PROTOCOL=${env.USE_PROXY_PROTOCOL ?? 'false'}`,
    `XFF_NUM_TRUSTED_HOPS=${env.XFF_NUM_TRUSTED_HOPS ?? '0'}`,
  ]);
}

/** HAProxy: ConfigMap `proxy-protocol` lists who may send PROXY; `forwarded-for` appends the peer. */
function haproxy(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const cm = ownConfigMap(model, p);
  const base = { envoy: false, carrier: 'x-forwarded-for' as const };
  if (cm && !cm.data)
    return unknownSettings(
      base,
      configMapQuestion(cm, 'named by --configmap', [
        p.id === 'haproxy-ingress-jcmoraisjr' ? 'use-proxy-protocol' : 'proxy-protocol',
        'src-ip-header',
      ]),
      [`ConfigMap ${cm.name} (named by --configmap) is not in the cluster data: its settings are unknown`],
    );
  const data = cm?.data ?? {};
  const ppTrust =
    p.id === 'haproxy-ingress-jcmoraisjr'
      ? truthy(data['use-proxy-protocol'])
        ? ALL
        : NONE
      : trustOfCidrs(data['proxy-protocol']);
  return {
    ...base,
    expectsProxyProtocol: ppTrust.mode !== 'none',
    proxyProtocolOptional: false,
    proxyProtocolTrust: ppTrust,
    forwardedTrust: data['src-ip-header'] ? ALL : NONE,
    evidence: [
      `${cm ? `ConfigMap ${cm.name}` : 'defaults (no --configmap)'}: ${
        p.id === 'haproxy-ingress-jcmoraisjr'
          ? `use-proxy-protocol=${data['use-proxy-protocol'] ?? 'false (default)'}`
          : `proxy-protocol=${data['proxy-protocol'] ?? '(off)'}`
      }`,
    ],
    question: null,
  };
}
