// Settings of the Envoy-based controllers whose client-address knobs do not live on the Envoy pods:
// Contour (its controller's `contour serve` flags and config file), Cilium (cilium-config, read by the
// operator), Envoy Gateway (ClientTrafficPolicy, which kubepath does not read).
// ../shared/reference/source-ip-catalog.md §4 contour, cilium-ingress-gateway, envoy-gateway and
// "Envoy X-Forwarded-For semantics".
import { parse as parseYaml } from 'yaml';
import type { ClusterModel } from '../../model/cluster';
import { CONTOUR_CONFIGMAP, isContourServe } from '../../model/frontdoor';
import { frontDoorOf } from './platform';
import type { ProxyIdentity } from './proxy-detect';
import {
  argValue,
  configMapQuestion,
  namedConfigMap,
  envoyFamily,
  hopsTrust,
  truthy,
  UNKNOWN_TRUST,
  unknownSettings,
  type ProxySettings,
  type Trust,
} from './settings-common';

const ENVOY = { envoy: true, carrier: 'x-envoy-external-address' as const };

/**
 * Contour: PROXY is the controller's `contour serve --use-proxy-protocol` flag (default off, cmd/contour/serve.go)
 * or ContourConfiguration envoy.listener.useProxyProtocol (a CRD kubepath does not read, named by
 * --contour-config-name); trusted hops are `network.num-trusted-hops` of the config file (default 0,
 * pkg/config/parameters.go), passed straight to Envoy's xff_num_trusted_hops.
 */
export function contourSettings(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const ns = p.pod?.namespace ?? 'projectcontour';
  const controllers = contourControllers(model, ns);
  if (controllers.size !== 1) {
    const why =
      controllers.size === 0
        ? `no contour serve pod is in namespace ${ns} in the cluster data`
        : `the contour serve pods in ${ns} run with different flags (${[...controllers.values()].map((c) => c.pod).join(', ')})`;
    return unknownSettings(
      ENVOY,
      `Does Contour's controller for the Envoy pods in ${ns} run with --use-proxy-protocol (or a ContourConfiguration with envoy.listener.useProxyProtocol), and what is network.num-trusted-hops in its configuration? ${why[0].toUpperCase()}${why.slice(1)}.`,
      [`Contour: ${why}`],
    );
  }
  const { pod, args } = [...controllers.values()][0];
  const flag = argValue(args, /^--use-proxy-protocol(?:=(.*))?$/);
  const hasFlag = args.some((a) => /^--use-proxy-protocol(=|$)/.test(a));
  const crd = argValue(args, /^--contour-config-name=(.+)$/);
  const configPath = argValue(args, /^--config-path=(.+)$/);
  const evidence = [
    `Contour controller ${pod}: ${hasFlag ? `--use-proxy-protocol${flag ? `=${flag}` : ''}` : 'no --use-proxy-protocol'}`,
  ];
  const questions: string[] = [];
  let pp: boolean | null = hasFlag ? flag === undefined || flag === null || flag === '' || truthy(flag) : false;
  let hops: Trust = hopsTrust(0);
  if (crd) {
    if (!hasFlag) pp = null;
    hops = UNKNOWN_TRUST;
    questions.push(
      `What do ContourConfiguration ${ns}/${crd} (--contour-config-name) envoy.listener.useProxyProtocol and envoy.network.numTrustedHops say? kubepath does not read ContourConfiguration.`,
    );
    evidence.push(`--contour-config-name=${crd}: ContourConfiguration not read`);
  } else if (configPath) {
    const cm = namedConfigMap(model, `${ns}/${CONTOUR_CONFIGMAP}`);
    const { name, data } = cm;
    if (!data) {
      hops = UNKNOWN_TRUST;
      questions.push(
        configMapQuestion(cm, `the file Contour reads at --config-path=${configPath}`, [
          'contour.yaml network.num-trusted-hops',
        ]),
      );
      evidence.push(`ConfigMap ${name} not in the cluster data: num-trusted-hops unknown`);
    } else {
      const n = numTrustedHops(data['contour.yaml']);
      hops = n === null ? UNKNOWN_TRUST : hopsTrust(n);
      if (n === null)
        questions.push(`ConfigMap ${name} contour.yaml cannot be parsed: what is its network.num-trusted-hops?`);
      evidence.push(`ConfigMap ${name}: network.num-trusted-hops=${n ?? 'unreadable'}`);
    }
  } else evidence.push('no --config-path: num-trusted-hops 0 (default)');
  return envoyFamily(pp, hops, evidence, questions.length ? questions.join(' ') : null);
}

type Controllers = Map<string, { pod: string; args: string[] }>;
const controllerCache = new WeakMap<ClusterModel, Map<string, Controllers>>();

/** The distinct `contour serve` command lines in a namespace (one scan per namespace and model). */
function contourControllers(model: ClusterModel, ns: string): Controllers {
  let byNs = controllerCache.get(model);
  if (!byNs) controllerCache.set(model, (byNs = new Map()));
  let found = byNs.get(ns);
  if (found) return found;
  found = new Map();
  for (const pod of model.podsByNamespace.get(ns) ?? [])
    for (const c of frontDoorOf(model).podDetails(pod.key)?.containers ?? [])
      if (isContourServe(c) && !found.has(c.args.filter((a) => a !== 'serve').join(' ')))
        found.set(c.args.filter((a) => a !== 'serve').join(' '), { pod: pod.key, args: c.args });
  byNs.set(ns, found);
  return found;
}

/** `network.num-trusted-hops` of a contour.yaml (0 when absent), or null when the text is not YAML. */
function numTrustedHops(text: string | undefined): number | null {
  if (!text) return 0;
  try {
    const v = parseYaml(text) as { network?: { 'num-trusted-hops'?: unknown } } | null;
    const n = v?.network?.['num-trusted-hops'];
    return typeof n === 'number' && n >= 0 ? n : 0;
  } catch {
    return null;
  }
}

const CILIUM_CONFIG = 'kube-system/cilium-config';

/**
 * Cilium Ingress / Gateway API: the operator's cilium-config keys, per kind of Service
 * (operator/pkg/ingress/cell.go: enable-ingress-proxy-protocol false, ingress-default-xff-num-trusted-hops
 * 0; operator/pkg/gateway-api/cell.go: enable-gateway-api-proxy-protocol, gateway-api-xff-num-trusted-hops;
 * *-use-remote-address default true). Cilium's Envoy does not trust incoming X-Forwarded-For otherwise
 * (cilium/cilium#25674). With use_remote_address false Envoy takes the (N+1)th address from the right of
 * X-Forwarded-For (Envoy header docs), which any client can write.
 */
export function ciliumSettings(model: ClusterModel, p: ProxyIdentity): ProxySettings {
  const svc = p.service;
  const gateway = !!svc && (!!svc.labels['io.cilium.gateway/owning-gateway'] || svc.name.startsWith('cilium-gateway-'));
  const k = gateway
    ? {
        pp: 'enable-gateway-api-proxy-protocol',
        hops: 'gateway-api-xff-num-trusted-hops',
        remote: 'gateway-api-use-remote-address',
      }
    : {
        pp: 'enable-ingress-proxy-protocol',
        hops: 'ingress-default-xff-num-trusted-hops',
        remote: 'ingress-use-remote-address',
      };
  const cfg = model.configMaps.get(CILIUM_CONFIG);
  // cilium-config is a dataplane ConfigMap: a source that could not read it says so for the ConfigMap kind.
  const why = model.unavailableKinds.ConfigMap;
  if (!cfg)
    return unknownSettings(
      ENVOY,
      `${why ? `ConfigMap ${CILIUM_CONFIG} could not be read (${why}): what are` : `Is ConfigMap ${CILIUM_CONFIG} present, and what are`} its ${k.pp}, ${k.hops} and ${k.remote}? It is not in the cluster data, so Cilium's ${gateway ? 'Gateway API' : 'Ingress'} settings are unknown.`,
      [`${CILIUM_CONFIG} not in the cluster data: Cilium ${gateway ? 'Gateway API' : 'Ingress'} settings unknown`],
    );
  const pp = truthy(cfg[k.pp]);
  const n = Number(cfg[k.hops] ?? 0) || 0;
  const remote = cfg[k.remote] !== 'false';
  return envoyFamily(pp, hopsTrust(remote ? n : n + 1), [
    `${CILIUM_CONFIG}: ${k.pp}=${cfg[k.pp] ?? 'false (default)'}, ${k.hops}=${cfg[k.hops] ?? '0 (default)'}, ${k.remote}=${cfg[k.remote] ?? 'true (default)'}`,
  ]);
}

/**
 * Envoy Gateway keeps PROXY (proxyProtocol / enableProxyProtocol) and client-IP detection (clientIPDetection:
 * xForwardedFor numTrustedHops / trustedCIDRs, customHeader) in a ClientTrafficPolicy attached to the Gateway
 * (catalog §4 envoy-gateway; https://gateway.envoyproxy.io/latest/tasks/traffic/client-traffic-policy/).
 * kubepath does not read ClientTrafficPolicy, and without it the defaults cannot be known to apply: unknown.
 */
export function envoyGatewaySettings(p: ProxyIdentity): ProxySettings {
  const labels = p.pod?.labels ?? p.service?.labels ?? {};
  const name = labels['gateway.envoyproxy.io/owning-gateway-name'];
  const ns = labels['gateway.envoyproxy.io/owning-gateway-namespace'] ?? p.pod?.namespace;
  const gw = name ? `Gateway ${ns ? `${ns}/` : ''}${name}` : "this Envoy's Gateway";
  return unknownSettings(
    ENVOY,
    `Does a ClientTrafficPolicy targeting ${gw} set clientIPDetection (xForwardedFor numTrustedHops / trustedCIDRs, customHeader) or proxyProtocol / enableProxyProtocol? kubepath does not read ClientTrafficPolicy; without one Envoy Gateway takes the peer as the client and expects no PROXY header.`,
    [`Envoy Gateway: ClientTrafficPolicy for ${gw} not read; PROXY and trusted hops unknown`],
  );
}
